// One denoising step where the latents live (the GPU): classifier-free guidance, the scheduler's step as
// the linear combination it gives (Scheduler.linearStep, with the state a multistep sampler carries), and
// the next U-Net input (scaled, cast, and repeated for [uncond, cond]) — a small ONNX graph run on the WebGPU provider with its outputs left on
// the device, so the U-Net's input and output never travel through the CPU between steps.
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';
import { ATTR_TYPE, DATA_TYPE, IR_VERSION, ModelProto } from '../onnx/onnx-proto.js';

type FloatType = 'float32' | 'float16';

export interface StepVariant {
  /** The U-Net output holds [uncond, cond] halves to combine with the guidance scale. */
  guided: boolean;
  /** The step adds fresh noise (ancestral samplers). */
  noise: boolean;
  /** The step uses the previous step's state and makes the next one (multistep samplers). */
  history: boolean;
  /** Element type of the U-Net's output and of its sample input. */
  predType: FloatType;
  sampleType: FloatType;
}

export interface StepCoefficients {
  guidance: number;
  cx: number;
  ce: number;
  cn: number;
  /** Weight of the previous state; this step's state = px·x + pe·(guided output). */
  ch: number;
  px: number;
  pe: number;
  /** Factor for the next U-Net input (scaleModelInput at the next step). */
  inputScale: number;
}

export const variantKey = (v: StepVariant) => `${v.guided ? 'g' : 'u'}${v.noise ? 'n' : ''}${v.history ? 'h' : ''}-${v.predType}-${v.sampleType}`;

const COEFS = 8;

export class DeviceStepper {
  private constructor(private session: ort.InferenceSession | null, readonly variant: StepVariant) {}

  static async create(variant: StepVariant): Promise<DeviceStepper> {
    const session = await ort.InferenceSession.create(stepModel(variant), {
      executionProviders: [{ name: 'webgpu' }],
      preferredOutputLocation: 'gpu-buffer',
      logSeverityLevel: 3,
    });
    return new DeviceStepper(session, variant);
  }

  /**
   * pred: the U-Net output [rows,4,h,w]; x: the latents [batch,4,h,w] (float32); noise and the previous state
   * ([batch,4,h,w] float32) where the variant uses them. Returns the next latents, the next U-Net input and
   * (with history) this step's state, all on the device.
   */
  async run(pred: ort.Tensor, x: ort.Tensor, c: StepCoefficients, extra: { noise?: ort.Tensor; state?: ort.Tensor } = {}): Promise<{ latents: ort.Tensor; nextSample: ort.Tensor; state?: ort.Tensor }> {
    if (!this.session) throw new Error('DeviceStepper was released');
    const feeds: Record<string, ort.Tensor> = {
      pred,
      x,
      coef: new ort.Tensor('float32', Float32Array.of(c.guidance, c.cx, c.ce, c.cn, c.inputScale, c.ch, c.px, c.pe), [COEFS]),
    };
    if (this.variant.noise) {
      if (!extra.noise) throw new Error('this step adds noise: pass it');
      feeds.noise = extra.noise;
    }
    if (this.variant.history) {
      if (!extra.state) throw new Error('this step uses the previous state: pass it');
      feeds.prev_state = extra.state;
    }
    try {
      const out = await this.session.run(feeds);
      return { latents: out.latents, nextSample: out.next_sample, state: out.state };
    } catch (cause) {
      throw new StudioError('engine/run-failed', `onnxruntime failed running the denoising step on webgpu: ${String((cause as Error)?.message ?? cause).split('\n')[0]}`, { ep: 'webgpu' }, { cause });
    }
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}

/** The step graph for one variant (opset 17; batch and spatial sizes symbolic). */
export function stepModel(v: StepVariant): Uint8Array {
  const nodes: Record<string, unknown>[] = [];
  const node = (op: string, input: string[], output: string[], attrs: Record<string, number> = {}) =>
    nodes.push({
      opType: op,
      input,
      output,
      name: `${op.toLowerCase()}_${nodes.length}`,
      attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: ATTR_TYPE.INT, i })),
    });
  node('Split', ['coef'], ['g', 'cx', 'ce', 'cn', 'scale', 'ch', 'px', 'pe'], { axis: 0 });
  let pred = 'pred';
  if (v.predType === 'float16') {
    node('Cast', [pred], ['pred32'], { to: DATA_TYPE.float32 });
    pred = 'pred32';
  }
  let m = pred;
  if (v.guided) {
    // noise = uncond + g·(cond − uncond), as diffusers writes it.
    node('Split', [pred], ['uncond', 'cond'], { axis: 0 });
    node('Sub', ['cond', 'uncond'], ['diff']);
    node('Mul', ['diff', 'g'], ['gdiff']);
    node('Add', ['uncond', 'gdiff'], ['guided']);
    m = 'guided';
  }
  node('Mul', ['x', 'cx'], ['xpart']);
  node('Mul', [m, 'ce'], ['epart']);
  // latents = cx·x + ce·m (+ cn·noise) (+ ch·previous state), summed in that order.
  const terms = ['epart'];
  if (v.noise) {
    node('Mul', ['noise', 'cn'], ['npart']);
    terms.push('npart');
  }
  if (v.history) {
    node('Mul', ['prev_state', 'ch'], ['hpart']);
    terms.push('hpart');
    node('Mul', ['x', 'px'], ['sx']);
    node('Mul', [m, 'pe'], ['se']);
    node('Add', ['sx', 'se'], ['state']);
  }
  let acc = 'xpart';
  terms.forEach((term, k) => {
    const out = k === terms.length - 1 ? 'latents' : `sum${k}`;
    node('Add', [acc, term], [out]);
    acc = out;
  });
  node('Mul', ['latents', 'scale'], ['scaled']);
  let next = 'scaled';
  if (v.sampleType === 'float16') {
    node('Cast', [next], ['scaled16'], { to: DATA_TYPE.float16 });
    next = 'scaled16';
  }
  if (v.guided) node('Concat', [next, next], ['next_sample'], { axis: 0 });
  else node('Identity', [next], ['next_sample']);

  const value = (name: string, type: FloatType, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: DATA_TYPE[type], shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
  const latent = ['batch', 4, 'h', 'w'];
  const rows = [v.guided ? 'rows' : 'batch', 4, 'h', 'w'];
  const inputs = [value('pred', v.predType, rows), value('x', 'float32', latent), value('coef', 'float32', [COEFS])];
  if (v.noise) inputs.push(value('noise', 'float32', latent));
  if (v.history) inputs.push(value('prev_state', 'float32', latent));
  const outputs = [value('latents', 'float32', latent), value('next_sample', v.sampleType, rows)];
  if (v.history) outputs.push(value('state', 'float32', latent));
  return ModelProto.encode(ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'denoise_step',
      node: nodes,
      input: inputs,
      output: outputs,
    },
  })).finish();
}
