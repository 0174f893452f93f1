// Execution providers: which ones this build of onnxruntime-node has, the per-platform order that
// `auto` tries, and the session options each one gets. Fallback itself lives in session-factory.ts.
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';

export const EP_NAMES = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'] as const;
export type EpChoice = (typeof EP_NAMES)[number];
export type EpName = Exclude<EpChoice, 'auto'>;

export function parseEp(value: string): EpChoice {
  if ((EP_NAMES as readonly string[]).includes(value)) return value as EpChoice;
  throw new StudioError('engine/unknown-ep', `Unknown execution provider "${value}". Choose one of: ${EP_NAMES.join(', ')}.`, { value });
}

/** Providers this onnxruntime-node build can load on this platform (CUDA only when its libraries are installed). */
export function availableProviders(): EpName[] {
  const names = new Set(ort.listSupportedBackends().map((b) => b.name));
  const out: EpName[] = [];
  for (const ep of ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const) {
    if (names.has(ep) || (ep === 'cpu')) out.push(ep);
  }
  return out;
}

/** The order `auto` tries, fastest first: CUDA, then the platform's native API, then WebGPU, then CPU. */
export function autoOrder(platform: NodeJS.Platform = process.platform): EpName[] {
  switch (platform) {
    case 'win32': return ['cuda', 'dml', 'webgpu', 'cpu'];
    case 'darwin': return ['coreml', 'webgpu', 'cpu'];
    default: return ['cuda', 'webgpu', 'cpu'];
  }
}

export interface MemoryMode {
  /** Low-memory mode: release text encoder and VAE between uses; arena off for the U-Net's activations. */
  lowMemory: boolean;
}

/** Session options for one provider. CPU: arena on, memory patterns off (measured: see docs/benchmarks.md). */
export function sessionOptionsFor(ep: EpName, opts: { threads?: number; lowMemory?: boolean; gpuOutputs?: string[] } = {}): ort.InferenceSession.SessionOptions {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    enableCpuMemArena: !opts.lowMemory,
    enableMemPattern: false,
    logSeverityLevel: 3,
  };
  if (opts.threads) base.intraOpNumThreads = opts.threads;
  switch (ep) {
    case 'cpu':
      return { ...base, executionProviders: ['cpu'] };
    case 'webgpu':
      return {
        ...base,
        executionProviders: [{ name: 'webgpu' }],
        ...(opts.gpuOutputs?.length ? { preferredOutputLocation: Object.fromEntries(opts.gpuOutputs.map((n) => [n, 'gpu-buffer' as const])) } : {}),
      };
    case 'cuda':
      return { ...base, executionProviders: [{ name: 'cuda' }] };
    case 'dml':
      return { ...base, executionProviders: [{ name: 'dml' }] };
    case 'coreml':
      return { ...base, executionProviders: [{ name: 'coreml' }] };
  }
}
