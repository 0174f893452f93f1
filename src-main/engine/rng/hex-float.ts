// C99 hexadecimal float literals ("0x1.62e42fefa39efp-1"), which JavaScript lacks, so that constants copied
// from C sources keep their exact spelling. Accepts at most 53 significant bits (every double).

export function hexFloat(literal: string): number {
  const m = /^([+-]?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]?\d+)$/i.exec(literal);
  if (!m) throw new Error(`Not a hexadecimal float literal: ${literal}`);
  const frac = m[3] ?? '';
  const digits = (m[2] + frac).replace(/^0+/, '') || '0';
  if (digits.length > 14) throw new Error(`Hexadecimal float literal with too many digits: ${literal}`);
  const value = parseInt(digits, 16) * 2 ** (Number(m[4]) - 4 * frac.length);
  return m[1] === '-' ? -value : value;
}

/** hexFloat over a list, into a Float64Array. */
export function hexFloats(literals: readonly string[]): Float64Array {
  return Float64Array.from(literals, hexFloat);
}
