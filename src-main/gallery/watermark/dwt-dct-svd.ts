// imwatermark's `dwtDctSvd` rule (imwatermark/dwtDctSvd.py, `diffuse_dct_svd` / `infer_dct_svd`):
// per 4×4 LL block, quantise the largest singular value of its orthonormal DCT. The DCT is orthonormal,
// so that equals block + (σ0' − σ0)·u0·v0ᵀ for the block's own top singular triple: no DCT computed.
// The 4×4 SVD is a small one-sided Jacobi (no linear-algebra package here does 4×4 in plain JS).
import { BLOCK, BitTally, SCALE, quantize, type BlockGrid } from './dwt-dct.js';

/** Top singular triple of a 4×4 matrix. */
export interface SingularTriple { sigma: number; u: Float64Array; v: Float64Array }

const MAX_SWEEPS = 30;
const TOL = 1e-15;
// Scratch for the rotating columns and the accumulated right vectors (single-threaded, not re-entered).
const A = new Float64Array(16);
const V = new Float64Array(16);

/**
 * One-sided (Hestenes) Jacobi SVD of the 4×4 row-major matrix `m`: rotates column pairs until they are
 * orthogonal; the column norms are then the singular values. Returns the largest one and its vectors.
 */
export function topSingularTriple(m: ArrayLike<number>, out?: SingularTriple): SingularTriple {
  const a = A, v = V;
  for (let k = 0; k < 16; k++) {
    a[k] = m[k];
    v[k] = k % 5 === 0 ? 1 : 0;
  }
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < 3; p++) {
      for (let q = p + 1; q < 4; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < 16; i += 4) {
          const x = a[i + p], y = a[i + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (Math.abs(gamma) <= TOL * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < 16; i += 4) {
          const x = a[i + p], y = a[i + q];
          a[i + p] = c * x - s * y;
          a[i + q] = s * x + c * y;
          const vx = v[i + p], vy = v[i + q];
          v[i + p] = c * vx - s * vy;
          v[i + q] = s * vx + c * vy;
        }
      }
    }
    if (!rotated) break;
  }
  let best = 0, bestNorm2 = -1;
  for (let k = 0; k < 4; k++) {
    const n2 = a[k] * a[k] + a[4 + k] * a[4 + k] + a[8 + k] * a[8 + k] + a[12 + k] * a[12 + k];
    if (n2 > bestNorm2) {
      bestNorm2 = n2;
      best = k;
    }
  }
  const sigma = Math.sqrt(bestNorm2);
  const res = out ?? { sigma: 0, u: new Float64Array(4), v: new Float64Array(4) };
  res.sigma = sigma;
  for (let i = 0; i < 4; i++) {
    res.u[i] = sigma > 0 ? a[4 * i + best] / sigma : 0;
    res.v[i] = v[4 * i + best];
  }
  return res;
}

function readBlock(ll: Float64Array, base: number, stride: number, into: Float64Array): void {
  for (let r = 0; r < BLOCK; r++) for (let c = 0; c < BLOCK; c++) into[r * 4 + c] = ll[base + r * stride + c];
}

/** Embeds `bits` (block n carries bit n mod L) into the float64 LL band in place. */
export function embedSvd(ll: Float64Array, grid: BlockGrid, bits: Uint8Array, scale = SCALE): void {
  const { blocksY, blocksX, stride } = grid;
  const block = new Float64Array(16);
  const triple: SingularTriple = { sigma: 0, u: new Float64Array(4), v: new Float64Array(4) };
  for (let i = 0, n = 0; i < blocksY; i++) {
    for (let j = 0; j < blocksX; j++, n++) {
      const base = i * BLOCK * stride + j * BLOCK;
      readBlock(ll, base, stride, block);
      const { sigma, u, v } = topSingularTriple(block, triple);
      const delta = quantize(sigma, bits[n % bits.length], scale) - sigma;
      for (let r = 0; r < BLOCK; r++) {
        const du = delta * u[r];
        for (let c = 0; c < BLOCK; c++) ll[base + r * stride + c] += du * v[c];
      }
    }
  }
}

/** Per block n, whether σ0 mod 36 > 18; tallied per bit index. */
export function readSvd(ll: Float64Array, grid: BlockGrid, length: number, scale = SCALE): Uint8Array {
  const tally = new BitTally(length);
  const { blocksY, blocksX, stride } = grid;
  const block = new Float64Array(16);
  const triple: SingularTriple = { sigma: 0, u: new Float64Array(4), v: new Float64Array(4) };
  for (let i = 0, n = 0; i < blocksY; i++) {
    for (let j = 0; j < blocksX; j++, n++) {
      readBlock(ll, i * BLOCK * stride + j * BLOCK, stride, block);
      const sigma = topSingularTriple(block, triple).sigma;
      tally.add(n, sigma % scale > scale * 0.5);
    }
  }
  return tally.bits();
}
