// Typed-array <-> ort.Tensor conversions in whatever element type a model's input declares
// (float32/float16 tensors, int32/int64 ids, float/int64 timesteps), done only where needed.
import * as ort from 'onnxruntime-node';
import { BugError, StudioError } from '../../../src-shared/errors.js';
import { float16ToFloat32, float32ToFloat16 } from '../float16.js';
import type { TensorSpec } from './session.js';

/** A float tensor for `spec`: passed through for float32, converted for float16. */
export function floatTensor(spec: TensorSpec, data: Float32Array, dims: readonly number[]): ort.Tensor {
  switch (spec.type) {
    case 'float32': return new ort.Tensor('float32', data, dims);
    case 'float16': return new ort.Tensor('float16', float32ToFloat16(data), dims);
    default: throw new StudioError('engine/bad-model-io', `Input "${spec.name}" has element type ${spec.type}; float32 or float16 was expected.`, { name: spec.name, type: spec.type });
  }
}

/** Token ids as int32 or int64, as the text encoder declares. */
export function idsTensor(spec: TensorSpec, ids: readonly number[], dims: readonly number[]): ort.Tensor {
  switch (spec.type) {
    case 'int32': return new ort.Tensor('int32', Int32Array.from(ids), dims);
    case 'int64': return new ort.Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), dims);
    default: throw new StudioError('engine/bad-model-io', `Input "${spec.name}" has element type ${spec.type}; int32 or int64 ids were expected.`, { name: spec.name, type: spec.type });
  }
}

/** A timestep input: a scalar or one value per batch row, in the declared element type. */
export function timestepTensor(spec: TensorSpec, t: number, batch: number): ort.Tensor {
  const dims = spec.shape.length === 0 ? [] : [batch];
  const n = dims.length === 0 ? 1 : batch;
  switch (spec.type) {
    case 'float32': return new ort.Tensor('float32', new Float32Array(n).fill(t), dims);
    case 'float64': return new ort.Tensor('float64', new Float64Array(n).fill(t), dims);
    case 'float16': return new ort.Tensor('float16', float32ToFloat16(new Float32Array(n).fill(t)), dims);
    // NOTE: diffusers casts fractional timesteps (Euler with linspace spacing) to int64 by truncation.
    case 'int64': return new ort.Tensor('int64', new BigInt64Array(n).fill(BigInt(Math.trunc(t))), dims);
    case 'int32': return new ort.Tensor('int32', new Int32Array(n).fill(Math.trunc(t)), dims);
    default: throw new StudioError('engine/bad-model-io', `Timestep input "${spec.name}" has element type ${spec.type}; a float or integer type was expected.`, { name: spec.name, type: spec.type });
  }
}

/** Reads a float output into a Float32Array (converting float16); copies only when converting. */
export function tensorToFloat32(t: ort.Tensor, what: string): Float32Array {
  switch (t.type) {
    case 'float32': return t.data as Float32Array;
    case 'float16': {
      const d = t.data as unknown;
      return d instanceof Uint16Array ? float16ToFloat32(d) : Float32Array.from(d as ArrayLike<number>);
    }
    default: throw new StudioError('engine/bad-model-io', `${what} returned element type ${t.type}; float32 or float16 was expected.`, { what, type: t.type });
  }
}

/** Like tensorToFloat32, for an output that may be on the GPU: `download` brings it over (the GPU copy stays). */
export async function readFloat32(t: ort.Tensor, what: string, download?: (t: ort.Tensor) => Promise<ort.Tensor>): Promise<Float32Array> {
  if (t.location === 'cpu') return tensorToFloat32(t, what);
  if (!download) throw new BugError(`${what}: the tensor is on the GPU (${t.location}) and nothing was given to read it back`);
  return tensorToFloat32(await download(t), what);
}

/** Checks every value is finite (fp16 overflow shows up as Inf/NaN); returns the first bad index or -1. */
export function firstNonFinite(data: Float32Array): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}
