// "Is the mark still readable?": detects a known mark in any image file and grades the matching bits
// with Stability's scale for 48-bit marks (scripts/demo/streamlit_helpers.py in generative-models).
import { StudioError } from '../../src-shared/errors.js';
import type { VerifyResult } from './types.js';
import {
  DEFAULT_MARK, canWatermark, compareBits, decodePayload, detectWatermark, encodePayload, readRgb, type PayloadType, type WatermarkMethod,
} from './watermark/index.js';

export interface MarkSpec { method: WatermarkMethod; type: PayloadType; message: string }

export const DEFAULT_MARK_SPEC: MarkSpec = Object.freeze({ method: DEFAULT_MARK.method, type: DEFAULT_MARK.type, message: DEFAULT_MARK.message });

/** ≤27 of 48 none, 28–33 partial, 34–35 likely, ≥36 very likely; other lengths scale proportionally. */
export function verdictFor(matching: number, total: number): VerifyResult['verdict'] {
  if (matching >= Math.ceil((36 / 48) * total)) return 'very-likely';
  if (matching >= Math.ceil((34 / 48) * total)) return 'likely';
  if (matching >= Math.ceil((28 / 48) * total)) return 'partial';
  return 'none';
}

function decodeLoosely(type: PayloadType, bits: Uint8Array): string {
  try {
    return decodePayload(type, bits);
  } catch {
    return ''; // bits that do not decode (e.g. invalid UTF-8) simply carry no readable message
  }
}

export async function verifyFile(file: string, mark: MarkSpec = DEFAULT_MARK_SPEC): Promise<VerifyResult> {
  const expected = encodePayload(mark.type, mark.message);
  const image = await readRgb(file);
  if (!canWatermark(image.width, image.height)) {
    throw new StudioError('gallery/too-small-to-verify', `"${file}" is ${image.width}×${image.height}: too small to carry a watermark (at least 65,536 pixels, e.g. 256×256), so there is nothing to verify.`, { file, width: image.width, height: image.height });
  }
  const bits = detectWatermark(image, expected.length, mark.method);
  const { matching, total } = compareBits(expected, bits);
  return {
    file, method: mark.method, type: mark.type, expected: mark.message, bits: Array.from(bits, (b) => (b & 1 ? '1' : '0')).join(''),
    message: decodeLoosely(mark.type, bits), matching, total, verdict: verdictFor(matching, total),
  };
}

/** Verifies any image file against `mark` (default: the Latent Studio mark), without a gallery. */
export function verifyImage(file: string, mark: Partial<MarkSpec> = {}): Promise<VerifyResult> {
  return verifyFile(file, { ...DEFAULT_MARK_SPEC, ...mark });
}
