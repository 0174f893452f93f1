// Writes a float16 copy of a diffusers ONNX model folder: every component's model.onnx is converted,
// everything else (tokenizer, scheduler, configs) is copied as-is.
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, throwIfAborted } from '../../../src-shared/errors.js';
import { convertModelToFloat16, type Float16Report } from './float16-convert.js';
import { readOnnxModel, writeOnnxModel } from './model-file.js';

export interface ConvertFolderHooks {
  /** Checked between files: a cancel leaves `dst` half-written for the caller to remove. */
  signal?: AbortSignal;
  /** Before each component graph is converted: its folder name, and how many graphs came before. */
  onComponent?: (name: string, done: number) => void;
}

/** Converts `src` into a new folder `dst`; returns what changed per component. */
export async function convertFolderToFloat16(src: string, dst: string, hooks: ConvertFolderHooks = {}): Promise<Record<string, Float16Report>> {
  if (path.resolve(src) === path.resolve(dst)) throw new StudioError('engine/bad-argument', 'The float16 copy needs a folder other than the source.');
  const reports: Record<string, Float16Report> = {};
  await mkdir(dst, { recursive: true });
  for (const entry of await readdir(src, { withFileTypes: true })) {
    throwIfAborted(hooks.signal, 'float16 conversion');
    const from = path.join(src, entry.name);
    const to = path.join(dst, entry.name);
    const onnx = path.join(from, 'model.onnx');
    if (entry.isDirectory() && (await stat(onnx).catch(() => null))) {
      await mkdir(to, { recursive: true });
      hooks.onComponent?.(entry.name, Object.keys(reports).length);
      const model = await readOnnxModel(onnx);
      reports[entry.name] = convertModelToFloat16(model);
      await writeOnnxModel(model, path.join(to, 'model.onnx'));
      for (const f of await readdir(from)) {
        // external weights were inlined (or rewritten); copy only the small side files
        if (f === 'model.onnx' || f.endsWith('.pb') || f.endsWith('_data') || f.endsWith('.onnx_data')) continue;
        await cp(path.join(from, f), path.join(to, f), { recursive: true });
      }
    } else {
      await cp(from, to, { recursive: true });
    }
  }
  return reports;
}
