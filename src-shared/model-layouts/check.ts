// The one decision "is this folder (or repository listing) a Stable Diffusion ONNX model we can run",
// shared by the engine (before loading) and the hub (before downloading, when listing, on import), with
// one wording for what is missing. Files only: nothing here reads a disk.
import { LAYOUTS } from './table.js';
import type { FolderListing, ModelLayout } from './types.js';

export interface LayoutCheck {
  /** The first layout whose telltale files are present. */
  layout?: ModelLayout;
  /** Required files of that layout (of the last, most general one when none matched) that are absent. */
  missing: string[];
}

export function checkLayout(listing: Pick<FolderListing, 'files' | 'modelIndex'> & { dir?: string }): LayoutCheck {
  const l = { dir: listing.dir ?? '', files: listing.files, modelIndex: listing.modelIndex };
  const layout = LAYOUTS.find((x) => x.detect(l));
  const required = layout?.requiredFiles ?? LAYOUTS[LAYOUTS.length - 1].requiredFiles;
  return { layout, missing: required.filter((f) => !listing.files.has(f)) };
}

/** Kinds of model the engine refuses whatever files they have, with the reason (SDXL, PyTorch weights). */
export function refusedKind(files: ReadonlySet<string>): { kind: 'sdxl' | 'pytorch'; reason: string } | undefined {
  if (files.has('text_encoder_2/model.onnx') || files.has('text_encoder_2/config.json')) {
    return { kind: 'sdxl', reason: 'is a Stable Diffusion XL model (it has text_encoder_2/); Latent Studio runs SD 1.x, 2.x and Turbo models.' };
  }
  if (!files.has('unet/model.onnx') && [...files].some((f) => /^unet\/.*\.(safetensors|bin)$/.test(f))) {
    return { kind: 'pytorch', reason: "holds PyTorch weights (unet/*.safetensors), not ONNX. Download the model's ONNX revision or an ONNX export of it." };
  }
  return undefined;
}

/** "<dir> is not a complete Stable Diffusion ONNX folder: missing …. Found: …." — the same words from the engine and the hub. */
export function incompleteFolderMessage(dir: string, missing: readonly string[], files: ReadonlySet<string>): string {
  const all = [...files].filter((f) => !f.startsWith('.')).sort();
  const present = all.slice(0, 12);
  return `${dir} is not a complete Stable Diffusion ONNX folder: missing ${missing.join(', ')}.` +
    (present.length ? ` Found: ${present.join(', ')}${all.length > present.length ? ', …' : ''}.` : ' The folder is empty.');
}
