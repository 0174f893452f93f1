// Whether the WebGPU adapter onnxruntime picked has float16 shaders (WebGPU's shader-f16 feature).
// onnxruntime-node does not expose the adapter's features, so this runs a one-node float16 model once
// per process and remembers the answer. Software Vulkan (SwiftShader) and some older GPUs say no.
import * as ort from 'onnxruntime-node';
import { oneNodeModel } from '../onnx/index.js';

/** onnxruntime's WebGPU provider says this when a kernel needs shader-f16 and the adapter lacks it. */
export const NO_F16_SHADERS = /requires f16 but the device does not support it/i;

let probe: Promise<boolean> | undefined;

export function webgpuHasFloat16(): Promise<boolean> {
  return (probe ??= runProbe());
}

async function runProbe(): Promise<boolean> {
  const one = Buffer.from(new Uint16Array([0x3c00]).buffer); // float16 1.0
  const bytes = oneNodeModel({ name: 'f16-probe', op: 'Add', type: 'float16', shape: [1], constants: [{ name: 'one', dims: [1], rawData: one }] });
  let session: ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: [{ name: 'webgpu' }], logSeverityLevel: 3 });
    const out = await session.run({ x: new ort.Tensor('float16', new Uint16Array([0x3c00]), [1]) });
    return (out.y.data as Uint16Array)[0] === 0x4000; // 1 + 1 = 2
  } catch (err) {
    if (NO_F16_SHADERS.test(String((err as Error)?.message ?? err))) return false;
    return true; // some other trouble: let the real model report it
  } finally {
    await session?.release();
  }
}
