// The piece of protobuf that protobufjs has no API for: a length-delimited frame header written by hand,
// so the generator can stream multi-gigabyte raw_data instead of buffering it. Only the generator needs it.

/** Field numbers the streaming writer frames by hand. */
export const FIELD = Object.freeze({ modelGraph: 7, graphInitializer: 5, tensorRawData: 9 });

/** Bytes of a protobuf varint. */
export function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Tag + length prefix of a length-delimited field whose payload (`length` bytes) follows. */
export function frameHeader(field: number, length: number): Uint8Array {
  const out: number[] = [(field << 3) | 2];
  let n = length;
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/** Size of a whole length-delimited field with a payload of `length` bytes. */
export function framedSize(field: number, length: number): number {
  return varintSize((field << 3) | 2) + varintSize(length) + length;
}
