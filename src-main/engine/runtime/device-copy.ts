// Copies between the CPU and the GPU for the WebGPU provider. onnxruntime-node has no API to create a
// GPU tensor from host data, and reading a GPU tensor with getData() aborts the process (onnxruntime-node
// 1.30), so both directions run a one-node Identity model on the WebGPU provider: with its output kept
// on the device (preferredOutputLocation) to upload, with the default CPU output to download.
import * as ort from 'onnxruntime-node';
import { BugError } from '../../../src-shared/errors.js';
import { oneNodeModel } from '../onnx/index.js';

type FloatType = 'float32' | 'float16';
type Direction = 'upload' | 'download';

export class DeviceCopy {
  private constructor(private session: ort.InferenceSession | null, readonly direction: Direction) {}

  /** Copies CPU tensors of `type` (any rank) to the GPU; dispose() each copy when done. */
  static upload(type: FloatType): Promise<DeviceCopy> {
    return DeviceCopy.create(type, 'upload');
  }

  /** Copies GPU tensors of `type` (any rank) to the CPU; the GPU tensor is left for its owner to dispose. */
  static download(type: FloatType): Promise<DeviceCopy> {
    return DeviceCopy.create(type, 'download');
  }

  private static async create(type: FloatType, direction: Direction): Promise<DeviceCopy> {
    const session = await ort.InferenceSession.create(oneNodeModel({ name: direction, op: 'Identity', type }), {
      executionProviders: [{ name: 'webgpu' }],
      ...(direction === 'upload' ? { preferredOutputLocation: { y: 'gpu-buffer' as const } } : {}),
      logSeverityLevel: 3,
    });
    return new DeviceCopy(session, direction);
  }

  async copy(t: ort.Tensor): Promise<ort.Tensor> {
    if (!this.session) throw new BugError(`DeviceCopy (${this.direction}) was released`);
    return (await this.session.run({ x: t })).y;
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}
