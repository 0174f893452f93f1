// The 32-bit Mersenne Twister as PyTorch's CPU generator runs it (aten/src/ATen/core/MT19937RNGEngine.h):
// std::mt19937's output for the low 32 bits of the seed. Hand-written: no npm package gives torch's stream
// and its exact state handling. Only the engine; how its words become floats is in torch-normal.ts.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;

export class Mt19937 {
  private readonly state = new Int32Array(N);
  /** Index of the next word in `state`; N means the block is used up and must be regenerated. */
  private next = N;

  /** `seed32` is the seed already reduced to an unsigned 32-bit integer (torch keeps only those bits). */
  constructor(seed32: number) {
    const st = this.state;
    st[0] = seed32 | 0;
    for (let j = 1; j < N; j++) {
      const prev = st[j - 1];
      st[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) | 0;
    }
    // torch seeds with left_ = 1, so the very first draw regenerates the block: same as next = N here.
    this.next = N;
  }

  /** The next 32-bit word, as an unsigned number in [0, 2^32). */
  nextUint32(): number {
    if (this.next >= N) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const st = this.state;
    for (let i = 0; i < N; i++) {
      const y = (st[i] & 0x80000000) | (st[i + 1 < N ? i + 1 : 0] & 0x7fffffff);
      st[i] = st[i + M < N ? i + M : i + M - N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.next = 0;
  }
}
