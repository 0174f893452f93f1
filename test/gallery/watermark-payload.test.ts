// Payload types as imwatermark encodes and decodes them: bytes/b16/uuid MSB first, bits in order, and the
// decoder's quirks (a trailing partial byte dropped, upper-case b16, lower-case dashed uuid).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARK, compareBits, decodePayload, encodePayload, type PayloadType } from '../../src-main/gallery/watermark/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { fixture } from '../helpers/fixtures.js';

const manifest = JSON.parse(readFileSync(fixture('watermark', 'manifest.json'), 'utf8')) as {
  cases: Array<{ id: string; payload_type: PayloadType; payload: string; payload_hex: string; payload_bits: string }>;
};
const bitString = (b: Uint8Array) => decodePayload('bits', b);
const toBits = (s: string) => Uint8Array.from(s, (c) => (c === '1' ? 1 : 0));

function errorOf(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StudioError);
    return e as StudioError;
  }
  throw new Error('expected a StudioError');
}

/** Deterministic PRNG (mulberry32) for random payloads. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('encodePayload', () => {
  it("gives the fixture's bits for every fixture payload (bytes, bits, b16)", () => {
    const seen = new Set<string>();
    for (const c of manifest.cases) {
      expect(bitString(encodePayload(c.payload_type, c.payload)), c.id).toBe(c.payload_bits);
      seen.add(c.payload_type);
    }
    expect(seen).toEqual(new Set(['bytes', 'bits', 'b16']));
  });

  it('bytes: the UTF-8 bytes of the text, MSB first', () => {
    expect(bitString(encodePayload('bytes', 'A'))).toBe('01000001');
    expect(bitString(encodePayload('bytes', 'é'))).toBe('1100001110101001'); // C3 A9
    expect(encodePayload('bytes', 'café ☕')).toHaveLength(8 * 9);
  });

  it('uuid: the 16 raw bytes, in any spelling Python uuid.UUID accepts', () => {
    const want = '00010010001101001110010101100111' + '1110100010011011' + '0001001011010011' + '1010010001010110' + '010000100110011000010100000101110100000000000000';
    for (const s of ['1234e567-e89b-12d3-a456-426614174000', '{1234E567-E89B-12D3-A456-426614174000}',
      'urn:uuid:1234e567-e89b-12d3-a456-426614174000', '1234e567e89b12d3a456426614174000']) {
      expect(bitString(encodePayload('uuid', s)), s).toBe(want);
    }
  });

  it('refuses bad messages with watermark/bad-message naming the value and the rule', () => {
    const cases: Array<[PayloadType, string, RegExp]> = [
      ['bits', '01021', /"2" at position 4 is not 0 or 1/],
      ['bits', '', /empty/],
      ['bytes', '', /empty/],
      ['b16', 'C0FFEE4', /odd number of hex digits \(7\)/],
      ['b16', 'c0ffee42', /upper-case.*"C0FFEE42"/],
      ['b16', 'C0FFEEXY', /hex digits 0-9 and A-F only/],
      ['uuid', '1234-not-a-uuid', /not a UUID/],
      ['uuid', '1234e567-e89b-12d3-a456-4266141740001', /not a UUID/],
    ];
    for (const [type, value, why] of cases) {
      const err = errorOf(() => encodePayload(type, value));
      expect(err.code, `${type} ${value}`).toBe('watermark/bad-message');
      expect(err.message).toMatch(why);
      expect(err.message).toContain(`"${value}"`);
    }
    expect(errorOf(() => encodePayload('ipv4' as PayloadType, '1.2.3.4')).code).toBe('watermark/bad-type');
  });
});

describe('decodePayload', () => {
  it('bytes: whole bytes only (a trailing partial byte is dropped), as UTF-8 text', () => {
    expect(decodePayload('bytes', toBits('0100000101000010'))).toBe('AB');
    expect(decodePayload('bytes', toBits('010000010100001'))).toBe('A'); // 15 bits → 1 byte
    expect(decodePayload('bytes', toBits('0100000'))).toBe(''); // 7 bits → nothing
    expect(decodePayload('bytes', encodePayload('bytes', 'café ☕'))).toBe('café ☕');
    expect(decodePayload('bytes', toBits('11101001'))).toBe('\uFFFD'); // invalid UTF-8 (0xE9) is replaced
    expect(decodePayload('bytes', encodePayload('b16', 'EFBBBF41'))).toBe('\uFEFFA'); // a BOM is kept, not eaten
  });

  it('b16: upper-case hex of the whole bytes', () => {
    expect(decodePayload('b16', encodePayload('b16', 'C0FFEE42'))).toBe('C0FFEE42');
    expect(decodePayload('b16', toBits('101011111111'))).toBe('AF'); // 12 bits → 1 byte
  });

  it('uuid: lower-case dashed, exactly 128 bits', () => {
    const bits = encodePayload('uuid', '{1234E567-E89B-12D3-A456-426614174000}');
    expect(decodePayload('uuid', bits)).toBe('1234e567-e89b-12d3-a456-426614174000');
    const err = errorOf(() => decodePayload('uuid', bits.subarray(0, 120)));
    expect(err.code).toBe('watermark/bad-length');
    expect(err.message).toContain('120');
  });

  it('bits: the 0/1 string', () => {
    const sdxl = '101100111110110010010000011110111011000110011110';
    expect(decodePayload('bits', encodePayload('bits', sdxl))).toBe(sdxl);
  });

  it('round-trips random payloads of every type', () => {
    const rand = rng(5);
    for (let n = 0; n < 200; n++) {
      const len = 1 + Math.floor(rand() * 40);
      const bytes = Uint8Array.from({ length: len }, () => Math.floor(rand() * 256));
      const hex = Buffer.from(bytes).toString('hex').toUpperCase();
      expect(decodePayload('b16', encodePayload('b16', hex))).toBe(hex);
      const bits = Array.from({ length: len * 3 }, () => (rand() < 0.5 ? '0' : '1')).join('');
      expect(decodePayload('bits', encodePayload('bits', bits))).toBe(bits);
      const text = String.fromCodePoint(...Array.from({ length: 1 + (len % 12) }, () => 0x20 + Math.floor(rand() * 0x2fff)));
      expect(decodePayload('bytes', encodePayload('bytes', text))).toBe(text);
      const uuid = hex.padEnd(32, '0').slice(0, 32).toLowerCase();
      const dashed = `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`;
      expect(decodePayload('uuid', encodePayload('uuid', dashed))).toBe(dashed);
    }
  });
});

describe('DEFAULT_MARK and compareBits', () => {
  it('is the 48-bit bytes mark "LStdio" (4C537464696F) with dwtDctSvd', () => {
    expect(DEFAULT_MARK.type).toBe('bytes');
    expect(DEFAULT_MARK.message).toBe('LStdio');
    expect(DEFAULT_MARK.method).toBe('dwtDctSvd');
    expect(DEFAULT_MARK.bits).toHaveLength(48);
    expect(decodePayload('b16', DEFAULT_MARK.bits)).toBe('4C537464696F');
    expect(Object.isFrozen(DEFAULT_MARK)).toBe(true);
  });

  it('counts equal positions out of the expected length; missing bits count as wrong', () => {
    expect(compareBits(toBits('1010'), toBits('1001'))).toEqual({ matching: 2, total: 4 });
    expect(compareBits(toBits('1010'), toBits('10'))).toEqual({ matching: 2, total: 4 });
    expect(compareBits(toBits('10'), toBits('1011'))).toEqual({ matching: 2, total: 2 });
  });
});
