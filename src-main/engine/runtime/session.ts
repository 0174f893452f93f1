// One onnxruntime session for one model component, with its I/O read from session metadata
// and the time spent inside onnxruntime counted per call. Knows nothing about Stable Diffusion.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';
import { convertModelToFloat32, readOnnxModel, writeOnnxModel } from '../onnx/index.js';
import { type EpName, sessionOptionsFor } from './providers.js';
import { knownFailure } from './provider-skips.js';
import { NO_F16_SHADERS, webgpuHasFloat16 } from './webgpu-float16.js';

export interface TensorSpec {
  name: string;
  type: ort.Tensor.Type;
  /** Fixed sizes as numbers, symbolic dimensions as strings (or -1 when unnamed). */
  shape: ReadonlyArray<number | string>;
}

export interface ComponentSessionOptions {
  threads?: number;
  lowMemory?: boolean;
  /** WebGPU only: leave every output on the device (a gpu-buffer tensor, read with getData()). */
  outputsOnGpu?: boolean;
}

export class ComponentSession {
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  /** Milliseconds spent in session.run since creation (or the last resetTimer). */
  ortMs = 0;
  runs = 0;

  private constructor(
    readonly file: string,
    readonly ep: EpName,
    private session: ort.InferenceSession | null,
    /** True when a float16 model runs widened to float32 because the GPU has no float16 shaders. */
    readonly widened = false,
  ) {
    this.inputs = toSpecs(session!.inputMetadata);
    this.outputs = toSpecs(session!.outputMetadata);
  }

  static async create(file: string, ep: EpName, opts: ComponentSessionOptions = {}): Promise<ComponentSession> {
    if (!existsSync(file)) throw new StudioError('engine/model-file-missing', `Model file ${file} is missing.`, { file });
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(file, sessionOptionsFor(ep, opts));
    } catch (cause) {
      if (ep === 'webgpu' && NO_F16_SHADERS.test(firstLine(cause))) {
        return new ComponentSession(file, ep, await createWidened(file, ep, opts), true);
      }
      const known = knownFailure(ep, firstLine(cause)); // the native text stays in `cause`, for the log
      const why = known ? `Could not load ${file} on ${ep}: ${known}.` : `onnxruntime could not load ${file} on ${ep}: ${firstLine(cause)}`;
      throw new StudioError('engine/session-failed', why, { file, ep }, { cause });
    }
    // Some float16 kernels only find out at run time; ask the adapter once instead of failing mid-generation.
    if (ep === 'webgpu' && usesFloat16(session) && !(await webgpuHasFloat16())) {
      await session.release();
      return new ComponentSession(file, ep, await createWidened(file, ep, opts), true);
    }
    return new ComponentSession(file, ep, session);
  }

  input(name: string): TensorSpec {
    const spec = this.inputs.find((s) => s.name === name);
    if (!spec) throw new StudioError('engine/bad-model-io', `${this.file} has no input "${name}" (it has ${this.inputs.map((s) => s.name).join(', ')}).`, { file: this.file, name });
    return spec;
  }

  async run(feeds: Record<string, ort.Tensor>, fetches?: string[]): Promise<Record<string, ort.Tensor>> {
    if (!this.session) throw new StudioError('engine/session-released', `The session for ${this.file} was released.`, { file: this.file });
    const t0 = performance.now();
    try {
      return fetches ? await this.session.run(feeds, fetches) : await this.session.run(feeds);
    } catch (cause) {
      throw new StudioError('engine/run-failed', `onnxruntime failed running ${this.file} on ${this.ep}: ${firstLine(cause)}`, { file: this.file, ep: this.ep }, { cause });
    } finally {
      this.ortMs += performance.now() - t0;
      this.runs++;
    }
  }

  resetTimer(): void {
    this.ortMs = 0;
    this.runs = 0;
  }

  get released(): boolean {
    return this.session === null;
  }

  async release(): Promise<void> {
    const s = this.session;
    this.session = null;
    await s?.release();
  }
}

function toSpecs(meta: readonly ort.InferenceSession.ValueMetadata[]): TensorSpec[] {
  return meta.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape } : { name: m.name, type: 'float32' as const, shape: [] }));
}

function usesFloat16(session: ort.InferenceSession): boolean {
  return [...session.inputMetadata, ...session.outputMetadata].some((m) => m.isTensor && m.type === 'float16');
}

/** A float16 model on a GPU without float16 shaders: load a float32 copy (written to a temporary folder, removed once loaded). */
async function createWidened(file: string, ep: EpName, opts: ComponentSessionOptions): Promise<ort.InferenceSession> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'latent-studio-fp32-'));
  try {
    const model = await readOnnxModel(file);
    convertModelToFloat32(model);
    const widened = path.join(dir, 'model.onnx');
    await writeOnnxModel(model, widened);
    return await ort.InferenceSession.create(widened, sessionOptionsFor(ep, opts));
  } catch (cause) {
    throw new StudioError('engine/session-failed', `onnxruntime could not load ${file} on ${ep}, neither in float16 (this GPU has no float16 shaders) nor widened to float32: ${firstLine(cause)}`, { file, ep }, { cause });
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The first line of an error's message (onnxruntime's are long), for one-line StudioErrors. */
export function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 400);
}
