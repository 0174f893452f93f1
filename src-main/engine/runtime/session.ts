// One onnxruntime session for one model component, with its I/O read from session metadata
// and the time spent inside onnxruntime counted per call. Knows nothing about Stable Diffusion.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';
import { type EpName, sessionOptionsFor } from './providers.js';

export interface TensorSpec {
  name: string;
  type: ort.Tensor.Type;
  /** Fixed sizes as numbers, symbolic dimensions as strings (or -1 when unnamed). */
  shape: ReadonlyArray<number | string>;
}

export interface ComponentSessionOptions {
  threads?: number;
  lowMemory?: boolean;
  /** Output names to keep on the GPU (WebGPU only). */
  gpuOutputs?: string[];
}

export class ComponentSession {
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  /** Milliseconds spent in session.run since creation (or the last resetTimer). */
  ortMs = 0;
  runs = 0;

  private constructor(readonly file: string, readonly ep: EpName, private session: ort.InferenceSession | null) {
    this.inputs = toSpecs(session!.inputMetadata);
    this.outputs = toSpecs(session!.outputMetadata);
  }

  static async create(file: string, ep: EpName, opts: ComponentSessionOptions = {}): Promise<ComponentSession> {
    if (!existsSync(file)) throw new StudioError('engine/model-file-missing', `Model file ${file} is missing.`, { file });
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(file, sessionOptionsFor(ep, opts));
    } catch (cause) {
      throw new StudioError('engine/session-failed', `onnxruntime could not load ${file} on ${ep}: ${firstLine(cause)}`, { file, ep }, { cause });
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

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 400);
}
