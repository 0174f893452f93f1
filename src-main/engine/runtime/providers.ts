// Execution providers: which ones this build of onnxruntime-node has, the per-platform order that
// `auto` tries, and the session options each one gets. Fallback itself lives in session-factory.ts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors.js';
import { nativeLogSeverity } from './native-log.js';
import { vulkanDriverManifests } from './vulkan-drivers.js';

export const EP_NAMES = ['auto', 'cpu', 'webgpu', 'cuda', 'dml', 'coreml'] as const;
export type EpChoice = (typeof EP_NAMES)[number];
export type EpName = Exclude<EpChoice, 'auto'>;

export function parseEp(value: string): EpChoice {
  if ((EP_NAMES as readonly string[]).includes(value)) return value as EpChoice;
  throw new StudioError('engine/unknown-ep', `Unknown execution provider "${value}". Choose one of: ${EP_NAMES.join(', ')}.`, { value });
}

/** Where onnxruntime-node keeps its native libraries for this platform. */
function ortBinaryDir(): string {
  const main = createRequire(import.meta.url).resolve('onnxruntime-node');
  return path.join(path.dirname(main), '..', 'bin', 'napi-v6', process.platform, process.arch);
}

/**
 * Providers this onnxruntime-node build can load on this platform: CUDA only when its libraries are installed,
 * WebGPU on Linux only when a Vulkan driver is (without one, trying would only print Dawn's native warnings).
 */
export function availableProviders(): EpName[] {
  const names = new Set(
    ort.listSupportedBackends()
      // NOTE: CUDA is listed but not bundled: its libraries arrive only with the opt-in install (README).
      .filter((b) => b.bundled || existsSync(path.join(ortBinaryDir(), `libonnxruntime_providers_${b.name}.so`)))
      .map((b) => b.name),
  );
  const out: EpName[] = [];
  for (const ep of ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const) {
    if (ep === 'webgpu' && !hasVulkanDriver()) continue;
    if (names.has(ep) || (ep === 'cpu')) out.push(ep);
  }
  return out;
}

/** False on Linux when the Vulkan loader would find no driver (WebGPU runs on Vulkan there). */
export function hasVulkanDriver(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || vulkanDriverManifests(env).length > 0;
}

/** The order `auto` tries, fastest first: CUDA, then the platform's native API, then WebGPU, then CPU. */
export function autoOrder(platform: NodeJS.Platform = process.platform): EpName[] {
  switch (platform) {
    case 'win32': return ['cuda', 'dml', 'webgpu', 'cpu'];
    case 'darwin': return ['coreml', 'webgpu', 'cpu'];
    default: return ['cuda', 'webgpu', 'cpu'];
  }
}

/**
 * Why `auto` should pass over a provider that loads but would be slower than the CPU, or undefined.
 * A software Vulkan driver (SwiftShader, lavapipe) runs WebGPU far slower than onnxruntime's CPU kernels.
 */
export function autoSkipReason(ep: EpName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (ep !== 'webgpu' || process.platform !== 'linux') return undefined;
  const icd = `${env.VK_ICD_FILENAMES ?? ''}:${env.VK_DRIVER_FILES ?? ''}`.toLowerCase();
  if (/swiftshader|lvp_icd|lavapipe/.test(icd)) return 'the Vulkan driver is a software renderer (SwiftShader/lavapipe), slower than the CPU; use --ep webgpu to force it';
  return undefined;
}

/** Session options for one provider. CPU: arena on, memory patterns off (measured: see docs/benchmarks.md). */
export function sessionOptionsFor(ep: EpName, opts: { threads?: number; lowMemory?: boolean; outputsOnGpu?: boolean } = {}): ort.InferenceSession.SessionOptions {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    enableCpuMemArena: !opts.lowMemory,
    enableMemPattern: false,
    logSeverityLevel: nativeLogSeverity(),
  };
  if (opts.threads) base.intraOpNumThreads = opts.threads;
  switch (ep) {
    case 'cpu':
      return { ...base, executionProviders: ['cpu'] };
    case 'webgpu':
      return {
        ...base,
        executionProviders: [{ name: 'webgpu' }],
        ...(opts.outputsOnGpu ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
      };
    case 'cuda':
      return { ...base, executionProviders: [{ name: 'cuda' }] };
    case 'dml':
      return { ...base, executionProviders: [{ name: 'dml' }] };
    case 'coreml':
      return { ...base, executionProviders: [{ name: 'coreml' }] };
  }
}
