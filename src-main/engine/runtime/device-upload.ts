// Puts a CPU tensor on the GPU once, so that a session can read it on every run without another
// upload. onnxruntime-node has no API to create a GPU tensor from host data, so this runs a one-node
// Identity model on the WebGPU provider with its output kept on the device (preferredOutputLocation).
import * as ort from 'onnxruntime-node';
import { DATA_TYPE, IR_VERSION, ModelProto } from '../onnx/onnx-proto.js';

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
  const shape = { dim: [{ dimParam: 'd0' }, { dimParam: 'd1' }, { dimParam: 'd2' }] };
  const io = (name: string) => ({ name, type: { tensorType: { elemType: DATA_TYPE[type], shape } } });
  return ModelProto.encode(ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'upload', node: [{ opType: 'Identity', input: ['x'], output: ['y'], name: 'copy' }], input: [io('x')], output: [io('y')] },
  })).finish();
}
