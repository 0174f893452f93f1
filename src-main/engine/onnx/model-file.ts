// Reads an ONNX model into plain objects with every external tensor pulled in, and writes one back,
// moving large tensors to an external data file (`model.onnx_data`, as Optimum does) when the
// model would not fit protobuf's 2 GiB limit.
import { open, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { ModelProto } from './onnx-proto.js';

/** A decoded ModelProto: plain objects, int64 as numbers, bytes as Buffers. */
export type OnnxModelObject = Record<string, any>;

const EXTERNAL = 1; // TensorProto.DataLocation.EXTERNAL
const INLINE_LIMIT = 1.5 * 2 ** 30; // above this, large tensors go to the external data file
const EXTERNALIZE_MIN_BYTES = 1024;

/** Decodes `file` and inlines tensors stored in external data files next to it. */
export async function readOnnxModel(file: string): Promise<OnnxModelObject> {
  let model: OnnxModelObject;
  try {
    model = ModelProto.toObject(ModelProto.decode(await readFile(file)), { longs: Number, bytes: Buffer, defaults: false, arrays: true });
  } catch (cause) {
    throw new StudioError('engine/model-corrupt', `Cannot read ONNX model ${file}: ${(cause as Error).message}.`, { file }, { cause });
  }
  if (!model.graph) throw new StudioError('engine/model-corrupt', `${file} is not an ONNX model (no graph).`, { file });
  await inlineExternalData(model.graph, path.dirname(file));
  return model;
}

async function inlineExternalData(graph: OnnxModelObject, dir: string): Promise<void> {
  const handles = new Map<string, Awaited<ReturnType<typeof open>>>();
  try {
    for (const t of graph.initializer ?? []) {
      if (t.dataLocation !== EXTERNAL) continue;
      const entry = (key: string) => (t.externalData as { key: string; value: string }[]).find((e) => e.key === key)?.value;
      const location = entry('location');
      if (!location) throw new StudioError('engine/model-corrupt', `Tensor ${t.name} is external but names no file.`, { tensor: t.name });
      const file = path.resolve(dir, location);
      let fh = handles.get(file);
      if (!fh) {
        fh = await open(file, 'r').catch((cause) => {
          throw new StudioError('engine/model-file-missing', `External weights ${file} (tensor ${t.name}) cannot be read.`, { file }, { cause });
        });
        handles.set(file, fh);
      }
      const offset = Number(entry('offset') ?? 0);
      const length = Number(entry('length') ?? (await fh.stat()).size - offset);
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      if (bytesRead !== length) throw new StudioError('engine/model-corrupt', `External weights ${file} end before tensor ${t.name}.`, { file });
      t.rawData = buf;
      delete t.externalData;
      delete t.dataLocation;
    }
  } finally {
    for (const fh of handles.values()) await fh.close();
  }
}

/**
 * Encodes `model` to `file`; tensors of 1 KiB and more go to `<file>_data` when all of them together
 * exceed `inlineLimit` bytes (default 1.5 GiB, under protobuf's 2 GiB).
 */
export async function writeOnnxModel(model: OnnxModelObject, file: string, opts: { inlineLimit?: number } = {}): Promise<void> {
  const inits: OnnxModelObject[] = model.graph.initializer ?? [];
  const total = inits.reduce((n, t) => n + (t.rawData?.length ?? 0), 0);
  if (total > (opts.inlineLimit ?? INLINE_LIMIT)) {
    const dataName = `${path.basename(file)}_data`;
    const chunks: Buffer[] = [];
    let offset = 0;
    for (const t of inits) {
      const raw: Buffer | undefined = t.rawData;
      if (!raw || raw.length < EXTERNALIZE_MIN_BYTES) continue;
      chunks.push(raw);
      t.externalData = [
        { key: 'location', value: dataName },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(raw.length) },
      ];
      t.dataLocation = EXTERNAL;
      delete t.rawData;
      offset += raw.length;
    }
    await writeFile(path.join(path.dirname(file), dataName), chunks);
  }
  await writeFile(file, ModelProto.encode(ModelProto.fromObject(model)).finish());
}
