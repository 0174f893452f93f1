// The codecs ftfy's encoding repair needs: Python's single-byte charmaps (with ftfy's "sloppy"
// variants), strict UTF-8, and ftfy's `utf-8-variants` (ftfy 6.3.1 `bad_codecs/utf8_variants.py`).
// Bytes travel as "binary strings" (one char per byte, U+0000..U+00FF) so ftfy's bytes regexes
// port as plain RegExps. Decoders return null where Python would raise UnicodeDecodeError.
import { BYTE_1A, CHARMAP_ENCODINGS, HIGH_HALF, type CharmapEncoding } from './text-fix-data.js';

interface Charmap {
  /** byte → char for all 256 bytes */
  decode: string[];
  /** char → byte */
  encode: Map<string, number>;
}

function buildCharmap(encoding: CharmapEncoding): Charmap {
  const decode: string[] = [];
  for (let b = 0; b < 0x80; b++) decode.push(String.fromCharCode(b));
  decode[0x1a] = BYTE_1A[encoding];
  decode.push(...HIGH_HALF[encoding]);
  const encode = new Map<string, number>();
  decode.forEach((ch, b) => encode.set(ch, b));
  return { decode, encode };
}

const CHARMAPS = new Map<CharmapEncoding, Charmap>(CHARMAP_ENCODINGS.map((e) => [e, buildCharmap(e)]));

const ASCII_RE = /^[\x00-\x7f]*$/;

/** ftfy's possible_encoding: could this text have come from decoding bytes in `encoding`? */
export function canEncode(text: string, encoding: CharmapEncoding | 'ascii'): boolean {
  if (encoding === 'ascii') return ASCII_RE.test(text);
  const map = CHARMAPS.get(encoding)!.encode;
  for (let i = 0; i < text.length; i++) {
    if (!map.has(text[i])) return false;
  }
  return true;
}

/** `text.encode(encoding)` for text that canEncode accepted, as a binary string. */
export function encodeCharmap(text: string, encoding: CharmapEncoding): string {
  const map = CHARMAPS.get(encoding)!.encode;
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(map.get(text[i])!);
  return out;
}

/** One byte (0x00..0xFF) decoded in `encoding`. */
export function decodeByte(byte: number, encoding: CharmapEncoding): string {
  return CHARMAPS.get(encoding)!.decode[byte];
}

function toBytes(bin: string): Uint8Array {
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null; // Python's UnicodeDecodeError: the caller tries its next plan
  }
}

/** Python's strict `bytes.decode('utf-8')` of a binary string; null when it would raise. */
export function decodeUtf8(bin: string): string | null {
  return strictUtf8(toBytes(bin));
}

/**
 * ftfy's `utf-8-variants`: strict UTF-8, except that C0 80 is U+0000 (Java) and a CESU-8 surrogate
 * pair (ED A0-AF 80-BF ED B0-BF 80-BF) is the supplementary character it encodes. Anything else
 * that is not UTF-8, lone surrogates included, fails. Follows SPECIAL_BYTES_RE, whose `$` also
 * matches before a final newline; the same quirk is kept so results match byte for byte.
 */
export function decodeUtf8Variants(bin: string): string | null {
  const b = toBytes(bin);
  const n = b.length;
  const atEnd = (i: number): boolean => i >= n || (i === n - 1 && b[i] === 0x0a);
  // Matches `(X|$)` groups in order from `from`; returns the position after them, or -1.
  const groups = (from: number, ranges: [number, number][]): number => {
    let pos = from;
    for (const [lo, hi] of ranges) {
      if (pos < n && b[pos] >= lo && b[pos] <= hi) pos++;
      else if (!atEnd(pos)) return -1;
    }
    return pos;
  };
  const SURROGATE: [number, number][] = [[0xa0, 0xbf], [0x80, 0xbf]];
  const CESU8: [number, number][] = [[0xa0, 0xaf], [0x80, 0xbf], [0xed, 0xed], [0xb0, 0xbf], [0x80, 0xbf]];
  let out = '';
  let start = 0;
  for (let i = 0; i < n; i++) {
    const isNull = b[i] === 0xc0 && groups(i + 1, [[0x80, 0x80]]) >= 0;
    const isSurrogate = b[i] === 0xed && groups(i + 1, SURROGATE) >= 0;
    if (!isNull && !isSurrogate) continue;
    const before = strictUtf8(b.subarray(start, i));
    if (before === null) return null;
    out += before;
    if (isNull) {
      if (n - i < 2) return null;
      out += '\u0000';
      i += 1;
    } else {
      if (n - i < 6 || groups(i + 1, CESU8) < 0) return null;
      const cp = ((b[i + 1] & 0x0f) << 16) + ((b[i + 2] & 0x3f) << 10) + ((b[i + 4] & 0x0f) << 6) + (b[i + 5] & 0x3f) + 0x10000;
      out += String.fromCodePoint(cp);
      i += 5;
    }
    start = i + 1;
  }
  const rest = strictUtf8(b.subarray(start));
  return rest === null ? null : out + rest;
}
