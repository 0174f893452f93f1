// Puts a CPU tensor on the GPU once, so that a session can read it on every run without another
// upload. onnxruntime-node has no API to create a GPU tensor from host data, so this runs a one-node
// Identity model on the WebGPU provider with its output kept on the device (preferredOutputLocation).
import * as ort from 'onnxruntime-node';
import { oneNodeModel } from '../onnx/one-node-model.js';

type UploadType = 'float32' | 'float16';

export class DeviceUploader {
  private constructor(private session: ort.InferenceSession | null) {}

  static async create(type: UploadType): Promise<DeviceUploader> {
    const session = await ort.InferenceSession.create(identityModel(type), {
      executionProviders: [{ name: 'webgpu' }],
      preferredOutputLocation: { y: 'gpu-buffer' },
      logSeverityLevel: 3,
    });
    return new DeviceUploader(session);
  }

  /** A GPU-resident copy of `t`; dispose() it when done. Never read it back with getData(). */
  async upload(t: ort.Tensor): Promise<ort.Tensor> {
    if (!this.session) throw new Error('DeviceUploader was released');
    return (await this.session.run({ x: t })).y;
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}

function identityModel(type: UploadType): Uint8Array {
  return oneNodeModel({ name: 'upload', op: 'Identity', type, shape: ['d0', 'd1', 'd2'] });
}
