// What the Models screen shows of an installed folder: the engine's layout, the precision of its graphs
// (from their declared input/output types, as onnxruntime sees them) and its size on disk. Cached by
// folder and the U-Net graph's mtime, since reading graph headers of every model on each listing adds up.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelPrecision } from '../../../src-shared/contract/index.js';
import { inspectModelFolder } from '../../engine/models/index.js';
import { DATA_TYPE, readGraphIoTypes } from '../../engine/onnx/index.js';

export interface InstalledDetails {
  layout: string;
  precision: ModelPrecision;
  sizeBytes: number;
}

const cache = new Map<string, InstalledDetails>();

export async function describeInstalled(dir: string): Promise<InstalledDetails> {
  const folder = await inspectModelFolder(dir);
  const st = await stat(folder.components.unet);
  const key = `${folder.dir}:${st.mtimeMs}:${st.size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const types = new Set<number>();
  for (const file of Object.values(folder.components)) {
    const io = await readGraphIoTypes(file);
    for (const t of [...Object.values(io.inputs), ...Object.values(io.outputs)]) {
      if (t === DATA_TYPE.float32 || t === DATA_TYPE.float16) types.add(t);
    }
  }
  const precision: ModelPrecision = types.has(DATA_TYPE.float16) ? (types.has(DATA_TYPE.float32) ? 'mixed' : 'float16') : 'float32';
  const details = { layout: folder.layout.id, precision, sizeBytes: await folderBytes(folder.dir) };
  cache.set(key, details);
  return details;
}

/** Bytes of every file under `dir`, links followed (a hub snapshot is links into blobs/). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const st = await stat(p).catch(() => undefined);
    if (!st) continue; // NOTE: a dangling link holds no bytes; the layout check already named missing files
    total += st.isDirectory() ? await folderBytes(p) : st.size;
  }
  return total;
}
