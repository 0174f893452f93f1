// One denoising step where the latents live (the GPU): classifier-free guidance, the scheduler's step as
// the linear combination it gives (Scheduler.linearStep, with the states a multistep sampler carries), and
// the next U-Net input (scaled, cast, and repeated for [uncond, cond]) — a small ONNX graph run on the
// WebGPU provider with its outputs left on the device, so the U-Net's input and output never travel
// through the CPU between steps.
import * as ort from 'onnxruntime-node';
import { BugError, StudioError } from '../../../src-shared/errors.js';
import { ATTR_TYPE, DATA_TYPE, IR_VERSION, ModelProto } from '../onnx/index.js';
import { firstLine } from '../runtime/index.js';

type FloatType = 'float32' | 'float16';

export interface StepVariant {
  /** The U-Net output holds [uncond, cond] halves to combine with the guidance scale. */
  guided: boolean;
  /** The step adds fresh noise (ancestral samplers). */
  noise: boolean;
  /** States carried from step to step, most recent first (multistep samplers: 1 for DPM-Solver++, 3 for LMS and PNDM). */
  history: number;
  /** Element type of the U-Net's output and of its sample input. */
  predType: FloatType;
  sampleType: FloatType;
  /** Also output the step's predicted x0 (the timeline records it). */
  x0?: boolean;
}

export interface StepCoefficients {
  guidance: number;
  cx: number;
  ce: number;
  cn: number;
  /** Weight of each carried state, most recent first (one per state). */
  ch: readonly number[];
  /** This step's new state = px·x + pe·(guided output)… */
  px: number;
  pe: number;
  /** …pushed in front of the states (the oldest drops out), or not (the states stay as they are). */
  push: boolean;
  /** Factor for the next U-Net input (scaleModelInput at the next step). */
  inputScale: number;
  /** x0 = x0[0]·x + x0[1]·(guided output); given exactly when the variant outputs x0. */
  x0?: readonly [number, number];
}

/** The fixed coefficients before the per-state weights: g, cx, ce, cn, scale, px, pe, push. */
const FIXED_COEFS = ['g', 'cx', 'ce', 'cn', 'scale', 'px', 'pe', 'push'];

export const variantKey = (v: StepVariant) => `${v.guided ? 'g' : 'u'}${v.noise ? 'n' : ''}h${v.history}-${v.predType}-${v.sampleType}${v.x0 ? '-x0' : ''}`;

export interface StepResult {
  latents: ort.Tensor;
  nextSample: ort.Tensor;
  /** The states for the next step, most recent first (empty without history). */
  states: ort.Tensor[];
  /** The step's predicted x0 [batch,4,h,w] float32, when the variant outputs it. */
  x0?: ort.Tensor;
  /** Mean |cond − uncond| (a float32 scalar), when the variant outputs x0 and is guided. */
  strength?: ort.Tensor;
}

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
   * pred: the U-Net output [rows,4,h,w]; x: the latents [batch,4,h,w] (float32); noise and the carried states
   * ([batch,4,h,w] float32) where the variant uses them. Returns the next latents, the next U-Net input and
   * the states for the next step, all on the device.
   */
  async run(pred: ort.Tensor, x: ort.Tensor, c: StepCoefficients, extra: { noise?: ort.Tensor; states?: readonly ort.Tensor[] } = {}): Promise<StepResult> {
    if (!this.session) throw new BugError('DeviceStepper was released');
    const h = this.variant.history;
    if (c.ch.length !== h || (extra.states?.length ?? 0) !== h) throw new BugError(`this step carries ${h} states: pass ${h} states and weights`);
    if (this.variant.noise !== !!extra.noise) throw new BugError(this.variant.noise ? 'this step adds noise: pass it' : 'this step adds no noise');
    if (!!this.variant.x0 !== !!c.x0) throw new BugError(this.variant.x0 ? 'this step outputs x0: pass its coefficients' : 'this step outputs no x0');
    const coef = Float32Array.of(c.guidance, c.cx, c.ce, c.cn, c.inputScale, c.px, c.pe, c.push ? 1 : 0, ...c.ch, ...(c.x0 ?? []));
    const feeds: Record<string, ort.Tensor> = { pred, x, coef: new ort.Tensor('float32', coef, [coef.length]) };
    if (extra.noise) feeds.noise = extra.noise;
    extra.states?.forEach((s, k) => (feeds[`state${k}`] = s));
    try {
      const out = await this.session.run(feeds);
      return { latents: out.latents, nextSample: out.next_sample, states: Array.from({ length: h }, (_, k) => out[`next_state${k}`]), ...(this.variant.x0 ? { x0: out.x0 } : {}), ...(this.variant.x0 && this.variant.guided ? { strength: out.strength } : {}) };
    } catch (cause) {
      throw new StudioError('engine/run-failed', `onnxruntime failed running the denoising step on webgpu: ${firstLine(cause)}`, { ep: 'webgpu' }, { cause });
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
  const weights = Array.from({ length: v.history }, (_, k) => `ch${k}`);
  node('Split', ['coef'], [...FIXED_COEFS, ...weights, ...(v.x0 ? ['x0x', 'x0e'] : [])], { axis: 0 });
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
  // latents = cx·x + ce·m (+ cn·noise) (+ Σ ch_k·state_k), summed in that order.
  node('Mul', ['x', 'cx'], ['xpart']);
  node('Mul', [m, 'ce'], ['epart']);
  const terms = ['epart'];
  if (v.noise) {
    node('Mul', ['noise', 'cn'], ['npart']);
    terms.push('npart');
  }
  weights.forEach((w, k) => {
    node('Mul', [`state${k}`, w], [`hpart${k}`]);
    terms.push(`hpart${k}`);
  });
  let acc = 'xpart';
  terms.forEach((term, k) => {
    const out = k === terms.length - 1 ? 'latents' : `sum${k}`;
    node('Add', [acc, term], [out]);
    acc = out;
  });
  if (v.history > 0) {
    // new = px·x + pe·m; next_state_k = push·(k = 0 ? new : state_{k−1}) + (1 − push)·state_k.
    node('Mul', ['x', 'px'], ['sx']);
    node('Mul', [m, 'pe'], ['se']);
    node('Add', ['sx', 'se'], ['new_state']);
    node('Neg', ['push'], ['neg_push']);
    node('Add', ['neg_push', 'one'], ['keep']);
    for (let k = 0; k < v.history; k++) {
      node('Mul', [k === 0 ? 'new_state' : `state${k - 1}`, 'push'], [`shifted${k}`]);
      node('Mul', [`state${k}`, 'keep'], [`kept${k}`]);
      node('Add', [`shifted${k}`, `kept${k}`], [`next_state${k}`]);
    }
  }
  if (v.x0) {
    // x0 = x0x·x + x0e·m, from the step's input latents (the scheduler's pred_original_sample).
    node('Mul', ['x', 'x0x'], ['x0xpart']);
    node('Mul', [m, 'x0e'], ['x0epart']);
    node('Add', ['x0xpart', 'x0epart'], ['x0']);
    // The timeline's guidance strength: mean |cond − uncond| over every element.
    if (v.guided) {
      node('Abs', ['diff'], ['absdiff']);
      node('ReduceMean', ['absdiff'], ['strength'], { keepdims: 0 });
    }
  }
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
  const inputs = [value('pred', v.predType, rows), value('x', 'float32', latent), value('coef', 'float32', [FIXED_COEFS.length + v.history + (v.x0 ? 2 : 0)])];
  if (v.noise) inputs.push(value('noise', 'float32', latent));
  const outputs = [value('latents', 'float32', latent), value('next_sample', v.sampleType, rows)];
  for (let k = 0; k < v.history; k++) {
    inputs.push(value(`state${k}`, 'float32', latent));
    outputs.push(value(`next_state${k}`, 'float32', latent));
  }
  if (v.x0) outputs.push(value('x0', 'float32', latent));
  if (v.x0 && v.guided) outputs.push(value('strength', 'float32', []));
  return ModelProto.encode(ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'denoise_step',
      node: nodes,
      initializer: [{ name: 'one', dataType: DATA_TYPE.float32, dims: [1], floatData: [1] }],
      input: inputs,
      output: outputs,
    },
  })).finish();
}
