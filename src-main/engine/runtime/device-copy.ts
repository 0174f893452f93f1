// Copies between the CPU and the GPU for the WebGPU provider. onnxruntime-node has no API to create a
// GPU tensor from host data, and reading a GPU tensor with getData() aborts the process (onnxruntime-node
// 1.30), so both directions run a one-node Identity model on the WebGPU provider: with its output kept
// on the device (preferredOutputLocation) to upload, with the default CPU output to download.
import * as ort from 'onnxruntime-node';
import { oneNodeModel } from '../onnx/one-node-model.js';

type FloatType = 'float32' | 'float16';

async function identitySession(type: FloatType, output: 'gpu-buffer' | 'cpu'): Promise<ort.InferenceSession> {
  const model = oneNodeModel({ name: output === 'cpu' ? 'download' : 'upload', op: 'Identity', type }); // any rank
  return ort.InferenceSession.create(model, {
    executionProviders: [{ name: 'webgpu' }],
    ...(output === 'gpu-buffer' ? { preferredOutputLocation: { y: 'gpu-buffer' as const } } : {}),
    logSeverityLevel: 3,
  });
}

export class DeviceUploader {
  private constructor(private session: ort.InferenceSession | null) {}

  static async create(type: FloatType): Promise<DeviceUploader> {
    return new DeviceUploader(await identitySession(type, 'gpu-buffer'));
  }

  /** A GPU-resident copy of `t`; dispose() it when done. Read it back with DeviceDownloader only. */
  async upload(t: ort.Tensor): Promise<ort.Tensor> {
    if (!this.session) throw new Error('DeviceUploader was released');
    return (await this.session.run({ x: t })).y;
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}

export class DeviceDownloader {
  private constructor(private session: ort.InferenceSession | null) {}

  static async create(type: FloatType): Promise<DeviceDownloader> {
    return new DeviceDownloader(await identitySession(type, 'cpu'));
  }

  /** A CPU copy of a GPU tensor; the GPU tensor is left for its owner to dispose. */
  async download(t: ort.Tensor): Promise<ort.Tensor> {
    if (!this.session) throw new Error('DeviceDownloader was released');
    return (await this.session.run({ x: t })).y;
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}
