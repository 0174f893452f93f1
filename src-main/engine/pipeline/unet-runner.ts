// One guided noise prediction: the U-Net on [uncond, cond] rows (one batched call where the export
// takes the batch, else several), then classifier-free guidance in float32 as torch computes it.
import type { Tensor } from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';
import { floatTensor, readFloat32, timestepTensor, type DeviceCopy } from '../runtime/index.js';
import { batchChunks } from './component-io.js';
import type { LoadedModel } from './loaded-model.js';
import type { EncodedPrompts } from './prompt-encoder.js';

export class UnetRunner {
  private readonly latentSize: number;
  private contextTensors = new Map<string, Tensor>();

  constructor(
    private readonly model: LoadedModel,
    private readonly prompts: EncodedPrompts,
    private readonly batch: number,
    private readonly latentShape: readonly [number, number, number],
    private readonly guidance: number,
    /** Where given (WebGPU), the text embeddings are uploaded once and stay on the device for every step. */
    private readonly uploader: DeviceCopy | null = null,
  ) {
    this.latentSize = latentShape[0] * latentShape[1] * latentShape[2];
  }

  get guided(): boolean {
    return this.prompts.rows === 2 * this.batch;
  }

  /** Predicts the noise for `scaled` latents [batch,4,h,w] at timestep t (guidance applied). */
  async predict(scaled: Float32Array, t: number): Promise<Float32Array> {
    const io = this.model.unetIo;
    const rows = this.prompts.rows;
    const n = this.latentSize;
    const out = new Float32Array(rows * n);
    for (const [start, count] of batchChunks(rows, io.fixedBatch)) {
      const callRows = io.fixedBatch ?? count;
      const sample = new Float32Array(callRows * n);
      for (let r = 0; r < callRows; r++) {
        const row = Math.min(start + r, start + count - 1) % this.batch; // latent rows repeat per prompt half
        sample.set(scaled.subarray(row * n, (row + 1) * n), r * n);
      }
      const feeds: Record<string, Tensor> = {
        [io.sample.name]: floatTensor(io.sample, sample, [callRows, ...this.latentShape]),
        [io.timestep.name]: timestepTensor(io.timestep, t, callRows),
        [io.context.name]: await this.context(start, count, callRows),
      };
      const res = await this.runUnet(feeds, [io.out]);
      const raw = res[io.out];
      const pred = await readFloat32(raw, 'The U-Net', (t) => this.model.download(t));
      if (raw.location !== 'cpu') raw.dispose();
      out.set(pred.subarray(0, count * n), start * n);
    }
    if (!this.guided) return out;
    const guided = guide(out, this.batch * n, this.guidance);
    this.lastStrength = guided.strength;
    return guided.noise;
  }

  private lastStrength: number | null = null;

  /** Mean |cond − uncond| of the last predict() (how much the prompt steers); null without guidance. */
  get guidanceStrength(): number | null {
    return this.guided ? this.lastStrength : null;
  }

  /**
   * One U-Net call. NOTE: an export traced at one size cannot always take another: its up blocks concatenate
   * skip connections whose sides no longer match when the latent side does not halve evenly (72 px → 9 → 5 → 10).
   * That is the user's size, not the provider: say so, with sizes that work, instead of onnxruntime's text.
   */
  private async runUnet(...args: Parameters<LoadedModel['unet']['run']>): ReturnType<LoadedModel['unet']['run']> {
    try {
      return await this.model.unet.run(...args);
    } catch (err) {
      const text = String((err as { cause?: unknown }).cause ?? (err as Error).message);
      if (err instanceof StudioError && err.code === 'engine/run-failed' && /Concat|concat axis|mismatched dimensions/i.test(text)) {
        const [h, w] = [this.latentShape[1] * 8, this.latentShape[2] * 8];
        const fit = (v: number) => Math.max(64, Math.round(v / 64) * 64);
        throw new StudioError(
          'engine/unsupported-size',
          `This model's U-Net cannot make ${w}×${h} images: its sides must halve evenly through its down blocks. Try ${fit(w)}×${fit(h)} (multiples of 64 work with every Stable Diffusion export).`,
          { width: w, height: h, suggestion: `${fit(w)}x${fit(h)}` },
          { cause: err },
        );
      }
      throw err;
    }
  }

  /** The U-Net takes every row of a step in one call, so its input can be built on the device. */
  get oneCallPerStep(): boolean {
    const fixed = this.model.unetIo.fixedBatch;
    return fixed === undefined || fixed === this.prompts.rows;
  }

  /** The U-Net input for `scaled` latents [batch,4,h,w]: rows repeated per prompt half, in the input's type. */
  sampleTensor(scaled: Float32Array): Tensor {
    const rows = this.prompts.rows;
    const n = this.latentSize;
    const sample = new Float32Array(rows * n);
    for (let r = 0; r < rows; r++) sample.set(scaled.subarray((r % this.batch) * n, ((r % this.batch) + 1) * n), r * n);
    return floatTensor(this.model.unetIo.sample, sample, [rows, ...this.latentShape]);
  }

  /** One U-Net call on a ready sample tensor (on the device or not); the raw output, where the session leaves it. */
  async predictRaw(sample: Tensor, t: number): Promise<Tensor> {
    const io = this.model.unetIo;
    const rows = this.prompts.rows;
    const res = await this.runUnet(
      { [io.sample.name]: sample, [io.timestep.name]: timestepTensor(io.timestep, t, rows), [io.context.name]: await this.context(0, rows, rows) },
      [io.out],
    );
    return res[io.out];
  }

  /** Frees the device copies of the text embeddings. */
  dispose(): void {
    if (this.uploader) for (const t of this.contextTensors.values()) t.dispose();
    this.contextTensors.clear();
  }

  /** The text-embedding tensor for rows [start, start+count), padded to callRows; built (and uploaded) once per chunk. */
  private async context(start: number, count: number, callRows: number): Promise<Tensor> {
    const key = `${start}:${count}`;
    let t = this.contextTensors.get(key);
    if (!t) {
      const per = this.prompts.seqLen * this.prompts.width;
      const data = new Float32Array(callRows * per);
      for (let r = 0; r < callRows; r++) {
        const row = Math.min(start + r, start + count - 1);
        data.set(this.prompts.context.subarray(row * per, (row + 1) * per), r * per);
      }
      t = floatTensor(this.model.unetIo.context, data, [callRows, this.prompts.seqLen, this.prompts.width]);
      if (this.uploader) t = await this.uploader.copy(t);
      this.contextTensors.set(key, t);
    }
    return t;
  }
}

/**
 * noise = uncond + g * (cond - uncond), each operation rounded to float32 like torch; also the mean
 * |cond − uncond| (the timeline's guidance strength), summed in float64 in the same pass.
 */
export function guide(pred: Float32Array, half: number, g: number): { noise: Float32Array; strength: number } {
  const out = new Float32Array(half);
  const gf = Math.fround(g);
  let sum = 0;
  for (let i = 0; i < half; i++) {
    const u = pred[i];
    const diff = Math.fround(pred[half + i] - u);
    sum += Math.abs(diff);
    out[i] = u + Math.fround(gf * diff);
  }
  return { noise: out, strength: half ? sum / half : 0 };
}
