// Read buffers that the whole-file hash can take over: a few 1 MiB slots in one SharedArrayBuffer, lent
// to the connections of one file (direct-get.ts) as the buffers their sockets read into. A chunk that
// arrives in order is written to the partial and then *claimed*: its slot goes to the hash worker
// (hash-worker.ts), which hashes the bytes where they arrived and frees the slot. Without it the worker
// read every byte back from the page cache right behind the writer; on a 2-core VM that contention made
// a 384 MiB pull's writes cost up to 3x as much system time in a third of the runs
// (docs/bench-download.md). Bytes that arrive out of order, or in a connection's own buffer when no
// slot was free, are still read back from the partial.
//
// Slot states live in an Int32Array over a second SharedArrayBuffer: FREE → READING (taken by a
// connection, main thread) → HASHING (claimed, main thread) → FREE (hashed, worker thread).

export const SLOT_BYTES = 1 << 20;
/** Also written by the worker's source (hash-worker.ts), which cannot import this module. */
const FREE = 0;
const READING = 1;
const HASHING = 2;

/** A buffer source for socket reads (direct-get.ts). */
export interface BufferLender {
  /** A free buffer for the next read, or undefined when none is free. */
  take(): Buffer | undefined;
  /** Whether `buf` (taken from here) is still the reader's: not claimed by the consumer. */
  held(buf: Buffer): boolean;
  /** Takes back a buffer the reader no longer reads into. */
  give(buf: Buffer): void;
}

/** What the worker needs to hash a claimed chunk. */
export interface ClaimedChunk {
  slot: number;
  /** Offset of the chunk in its slot. */
  offset: number;
  length: number;
}

export class HashRing implements BufferLender {
  readonly data: SharedArrayBuffer;
  readonly states: SharedArrayBuffer;
  private readonly state: Int32Array;
  private readonly slots: Buffer[];

  constructor(readonly count: number) {
    this.data = new SharedArrayBuffer(count * SLOT_BYTES);
    this.states = new SharedArrayBuffer(count * 4);
    this.state = new Int32Array(this.states);
    this.slots = Array.from({ length: count }, (_, i) => Buffer.from(this.data, i * SLOT_BYTES, SLOT_BYTES));
  }

  take(): Buffer | undefined {
    for (let i = 0; i < this.count; i++) {
      if (Atomics.load(this.state, i) === FREE) {
        Atomics.store(this.state, i, READING);
        return this.slots[i];
      }
    }
    return undefined;
  }

  held(buf: Buffer): boolean {
    const i = this.slotOf(buf);
    return i >= 0 && Atomics.load(this.state, i) === READING;
  }

  give(buf: Buffer): void {
    const i = this.slotOf(buf);
    if (i >= 0 && Atomics.load(this.state, i) === READING) Atomics.store(this.state, i, FREE);
  }

  /** Hands the slot that holds `chunk` to the hash worker; undefined when `chunk` is not in a slot read into now. */
  claim(chunk: Buffer): ClaimedChunk | undefined {
    const i = this.slotOf(chunk);
    if (i < 0 || Atomics.load(this.state, i) !== READING) return undefined;
    const offset = chunk.byteOffset - i * SLOT_BYTES;
    if (offset + chunk.length > SLOT_BYTES) return undefined;
    Atomics.store(this.state, i, HASHING);
    return { slot: i, offset, length: chunk.length };
  }

  /** The slot `buf` lies in, or -1 when it is not this ring's memory. */
  private slotOf(buf: Buffer): number {
    if (buf.buffer !== this.data) return -1;
    return Math.floor(buf.byteOffset / SLOT_BYTES);
  }
}
