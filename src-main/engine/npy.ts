// NumPy .npy (format 1.0/2.0/3.0) reading and writing for float16/32/64 and integer arrays.
// Used for --raw/--latents in the CLI and for reading reference fixtures; no pickled objects.
import { readFile, writeFile } from 'node:fs/promises';
import { StudioError } from '../../src-shared/errors.js';

export type NpyDtype = 'float16' | 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'bool';

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  /** float16 data is returned as raw Uint16Array bits; int64 as BigInt64Array. */
  data: Float32Array | Float64Array | Uint16Array | Int8Array | Uint8Array | Int16Array | Int32Array | BigInt64Array;
}

const DESCR: Record<string, NpyDtype> = {
  '<f2': 'float16', '<f4': 'float32', '<f8': 'float64', '|i1': 'int8', '|u1': 'uint8',
  '<i2': 'int16', '<i4': 'int32', '<i8': 'int64', '|b1': 'bool',
};
const DESCR_OF: Record<NpyDtype, string> = Object.fromEntries(Object.entries(DESCR).map(([k, v]) => [v, k])) as Record<NpyDtype, string>;

export function parseNpy(buf: Uint8Array, name = 'array'): NpyArray {
  const bad = (why: string) => new StudioError('engine/bad-npy', `${name} is not a usable .npy file: ${why}.`, { file: name });
  if (buf.length < 10 || buf[0] !== 0x93 || String.fromCharCode(...buf.subarray(1, 6)) !== 'NUMPY') throw bad('missing the \\x93NUMPY magic');
  const major = buf[6];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(buf.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw bad('unreadable header');
  const dtype = DESCR[descr];
  if (!dtype) throw bad(`unsupported dtype ${descr} (expected little-endian float16/32/64 or int8..int64)`);
  if (fortran === 'True') throw bad('Fortran order is not supported');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLen;
  const bytes = new Uint8Array(buf.subarray(start)); // a copy: aligned and owned (Buffer#slice would be a view)
  const need = count * bytesPer(dtype);
  if (bytes.length < need) throw bad(`data holds ${bytes.length} bytes, the shape needs ${need}`);
  const ab = bytes.buffer;
  const data = (() => {
    switch (dtype) {
      case 'float16': return new Uint16Array(ab, 0, count);
      case 'float32': return new Float32Array(ab, 0, count);
      case 'float64': return new Float64Array(ab, 0, count);
      case 'int8': return new Int8Array(ab, 0, count);
      case 'uint8': case 'bool': return new Uint8Array(ab, 0, count);
      case 'int16': return new Int16Array(ab, 0, count);
      case 'int32': return new Int32Array(ab, 0, count);
      case 'int64': return new BigInt64Array(ab, 0, count);
    }
  })();
  return { dtype, shape, data };
}

function bytesPer(dtype: NpyDtype): number {
  return { float16: 2, float32: 4, float64: 8, int8: 1, uint8: 1, bool: 1, int16: 2, int32: 4, int64: 8 }[dtype];
}

export async function readNpy(file: string): Promise<NpyArray> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (cause) {
    throw new StudioError('engine/file-unreadable', `Cannot read ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
  return parseNpy(buf, file);
}

/** Reads a float32 (or float16/float64, converted) .npy as Float32Array. */
export async function readNpyFloat32(file: string): Promise<{ shape: number[]; data: Float32Array }> {
  const arr = await readNpy(file);
  if (arr.dtype === 'float32') return { shape: arr.shape, data: arr.data as Float32Array };
  if (arr.dtype === 'float64') return { shape: arr.shape, data: Float32Array.from(arr.data as Float64Array) };
  throw new StudioError('engine/bad-npy', `${file} holds ${arr.dtype}; a float32 array is needed.`, { file, dtype: arr.dtype });
}

export function encodeNpy(dtype: NpyDtype, shape: readonly number[], data: ArrayBufferView): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${DESCR_OF[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

export async function writeNpy(file: string, dtype: NpyDtype, shape: readonly number[], data: ArrayBufferView): Promise<void> {
  await writeFile(file, encodeNpy(dtype, shape, data));
}
