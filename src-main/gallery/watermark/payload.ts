// Watermark messages ↔ bits with imwatermark's payload types and bit order (imwatermark/watermark.py,
// WatermarkEncoder.set_by_* and WatermarkDecoder.reconstruct_*): bytes MSB first, like numpy's
// unpackbits/packbits. `ipv4` is left out (its encoder is broken in the reference).
import { StudioError } from '../../../src-shared/errors.js';

export type PayloadType = 'bytes' | 'bits' | 'b16' | 'uuid';
export const PAYLOAD_TYPES: readonly PayloadType[] = Object.freeze(['bytes', 'bits', 'b16', 'uuid']);
/** uuid payloads are always 128 bits (the decoder's fixed length). */
export const UUID_BITS = 128;

function badMessage(type: PayloadType, value: string, why: string): StudioError {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return new StudioError('watermark/bad-message', `Bad ${type} watermark message "${shown}": ${why}`, { type, value: shown });
}

/** Bytes → bits, each byte most significant bit first (numpy.unpackbits). */
export function bytesToBits(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bytes.length; i++) for (let k = 0; k < 8; k++) bits[i * 8 + k] = (bytes[i] >> (7 - k)) & 1;
  return bits;
}

/** Bits → ⌊L/8⌋ bytes, MSB first; a trailing partial byte is dropped, as reconstruct_bytes does. */
export function bitsToBytes(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor(bits.length / 8));
  for (let i = 0; i < out.length; i++) {
    let b = 0;
    for (let k = 0; k < 8; k++) b = (b << 1) | (bits[i * 8 + k] & 1);
    out[i] = b;
  }
  return out;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** The 32 hex digits of a UUID in any form Python's uuid.UUID takes: braces, urn:uuid:, dashes, either case. */
function uuidHex(value: string): string | undefined {
  const hex = value.trim().replace(/^urn:/i, '').replace(/^uuid:/i, '').replace(/^\{|\}$/g, '').replace(/-/g, '');
  return /^[0-9a-fA-F]{32}$/.test(hex) ? hex : undefined;
}

/**
 * A message → its bits (array of 0/1), as imwatermark's encoder takes it:
 * - `bytes`: the UTF-8 bytes of the text;
 * - `bits`: a string of 0 and 1, in order;
 * - `b16`: upper-case hex, an even number of digits (lower case is refused, as `base64.b16decode` does);
 * - `uuid`: a UUID (128 bits, the 16 bytes of `uuid.UUID(s).bytes`).
 * Throws StudioError 'watermark/bad-message' for anything else, or an empty message.
 */
export function encodePayload(type: PayloadType, value: string): Uint8Array {
  let bits: Uint8Array;
  switch (type) {
    case 'bytes':
      bits = bytesToBits(new TextEncoder().encode(value));
      break;
    case 'bits': {
      const bad = /[^01]/.exec(value);
      if (bad) throw badMessage(type, value, `"${bad[0]}" at position ${bad.index + 1} is not 0 or 1. Give a string of 0s and 1s.`);
      bits = Uint8Array.from(value, (c) => (c === '1' ? 1 : 0));
      break;
    }
    case 'b16':
      if (/[a-f]/.test(value) && /^[0-9a-fA-F]*$/.test(value)) {
        throw badMessage(type, value, `b16 takes upper-case hex digits (0-9, A-F), as imwatermark does. Use "${value.toUpperCase()}".`);
      }
      if (!/^[0-9A-F]*$/.test(value)) throw badMessage(type, value, 'b16 takes hex digits 0-9 and A-F only.');
      if (value.length % 2 !== 0) throw badMessage(type, value, `odd number of hex digits (${value.length}); give whole bytes, two digits each.`);
      bits = bytesToBits(hexToBytes(value));
      break;
    case 'uuid': {
      const hex = uuidHex(value);
      if (!hex) throw badMessage(type, value, 'not a UUID; expected 32 hex digits such as "123e4567-e89b-12d3-a456-426614174000".');
      bits = bytesToBits(hexToBytes(hex));
      break;
    }
    default:
      throw new StudioError('watermark/bad-type', `Unknown watermark payload type "${String(type)}". Choose one of: ${PAYLOAD_TYPES.join(', ')}.`, { type: String(type) });
  }
  if (bits.length === 0) throw badMessage(type, value, 'the message is empty; it needs at least one bit.');
  return bits;
}

/**
 * Decoded bits → the message, as imwatermark's decoder reconstructs it:
 * - `bytes`: the ⌊L/8⌋ whole bytes (a trailing partial byte is dropped) as UTF-8 text; invalid
 *   sequences become U+FFFD (the raw bytes are `decodePayload('b16', bits)`);
 * - `b16`: upper-case hex of those bytes;
 * - `uuid`: the lower-case dashed UUID of exactly 128 bits;
 * - `bits`: the 0/1 string.
 */
export function decodePayload(type: PayloadType, bits: Uint8Array): string {
  switch (type) {
    case 'bytes':
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bitsToBytes(bits));
    case 'b16':
      return bytesToHex(bitsToBytes(bits));
    case 'uuid': {
      if (bits.length !== UUID_BITS) {
        throw new StudioError('watermark/bad-length', `A uuid watermark has ${UUID_BITS} bits, got ${bits.length}.`, { type, length: bits.length });
      }
      const h = bytesToHex(bitsToBytes(bits)).toLowerCase();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'bits':
      return Array.from(bits, (b) => (b ? '1' : '0')).join('');
    default:
      throw new StudioError('watermark/bad-type', `Unknown watermark payload type "${String(type)}". Choose one of: ${PAYLOAD_TYPES.join(', ')}.`, { type: String(type) });
  }
}
