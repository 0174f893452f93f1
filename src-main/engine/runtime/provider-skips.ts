// Why a provider was passed over, as one sentence a user can act on (`reason`, shown by the CLI and the UI and
// kept in `generate --json` as {ep, reason}) plus onnxruntime's own text (`detail`, for the log only).
// Recognises the failures we have met; anything else gets a generic sentence and its native text as detail.
import { StudioError } from '../../../src-shared/errors.js';
import { hasVulkanDriver, type EpName } from './providers.js';

export interface SkippedProvider {
  ep: EpName;
  /** One readable sentence, without the provider's name (the caller prints `ep`). */
  reason: string;
  /** The native message (onnxruntime, Dawn, CUDA), for the log; absent when the reason says it all. */
  detail?: string;
}

/** Native failures we recognise → the sentence to show instead. First match wins. */
const KNOWN_FAILURES: readonly { ep?: EpName; test: RegExp; reason: string }[] = [
  { ep: 'webgpu', test: /No supported adapters|Failed to get a WebGPU adapter/i, reason: 'no GPU adapter was found (install a Vulkan driver for your GPU)' },
  { ep: 'webgpu', test: /no float16 shaders/i, reason: 'this GPU has no float16 shaders and the model did not load widened to float32' },
  { ep: 'cuda', test: /libcu\w*\.so|cudnn|libcublas/i, reason: 'the CUDA libraries could not be loaded (install CUDA 12 and cuDNN 9, see README)' },
  { ep: 'cuda', test: /no CUDA-capable device|CUDA driver version is insufficient/i, reason: 'no usable NVIDIA GPU or driver was found' },
  { test: /out of memory|failed to allocate|OOM/i, reason: 'the GPU ran out of memory for this model' },
];

/** The sentence for a native failure message we recognise on `ep`, or undefined. */
export function knownFailure(ep: EpName, native: string): string | undefined {
  return KNOWN_FAILURES.find((k) => (k.ep === undefined || k.ep === ep) && k.test.test(native))?.reason;
}

/** The skip for a provider whose sessions failed to load or whose first step failed. */
export function skipForFailure(ep: EpName, err: unknown): SkippedProvider {
  const cause = (err as Error)?.cause;
  const detail = String((cause instanceof Error ? cause : (err as Error))?.message ?? err);
  const known = knownFailure(ep, detail);
  if (known) return { ep, reason: known, detail };
  if (err instanceof StudioError && err.code === 'engine/non-finite') return { ep, reason: err.message };
  if (err instanceof StudioError && err.code === 'engine/run-failed') return { ep, reason: 'the first denoising step failed on this provider (details in the log)', detail };
  return { ep, reason: 'onnxruntime could not load the model on this provider (details in the log)', detail };
}

/** Why a provider this build or platform does not offer cannot be used. */
export function unavailableReason(ep: EpName): string {
  switch (ep) {
    case 'cuda': return 'the CUDA provider libraries are not installed (see README: ONNXRUNTIME_NODE_INSTALL=cuda12)';
    case 'dml': return 'DirectML exists only on Windows';
    case 'coreml': return 'CoreML exists only on macOS';
    case 'webgpu': return hasVulkanDriver() ? 'this onnxruntime-node build has no WebGPU provider' : 'no Vulkan driver is installed (install the Vulkan driver for your GPU, e.g. mesa-vulkan-drivers)';
    case 'cpu': return 'unavailable';
  }
}
