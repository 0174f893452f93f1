// The element types of an ONNX graph's inputs and outputs, read by walking the protobuf wire format and
// seeking past everything else (weights included), so a multi-GB model costs a few small reads.
// Reads nothing but the graph's input/output declarations; use readOnnxModel for the whole model.
import { open, type FileHandle } from 'node:fs/promises';
import { StudioError } from '../../../src-shared/errors.js';

export interface GraphIoTypes {
  /** ONNX TensorProto.DataType of each declared input / output, by name (0 when not a tensor). */
  inputs: Record<string, number>;
  outputs: Record<string, number>;
}

const MODEL_GRAPH = 7;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const WINDOW = 64 * 1024;

/** Reads fields of a length-delimited region of a file through a small moving window. */
class FileCursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0;

  constructor(private readonly fh: FileHandle, public pos: number) {}

  private async byte(): Promise<number> {
    if (this.pos < this.bufStart || this.pos >= this.bufStart + this.buf.length) {
      const b = Buffer.alloc(WINDOW);
      const { bytesRead } = await this.fh.read(b, 0, WINDOW, this.pos);
      if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${this.pos}`);
      this.buf = b.subarray(0, bytesRead);
      this.bufStart = this.pos;
    }
    return this.buf[this.pos++ - this.bufStart];
  }

  async varint(): Promise<number> {
    let value = 0;
    for (let mul = 1; ; mul *= 128) {
      const b = await this.byte();
      value += (b & 0x7f) * mul;
      if (!(b & 0x80)) return value;
    }
  }

  async bytes(n: number): Promise<Buffer> {
    const b = Buffer.alloc(n);
    const { bytesRead } = await this.fh.read(b, 0, n, this.pos);
    if (bytesRead < n) throw new Error(`unexpected end of file at byte ${this.pos + bytesRead}`);
    this.pos += n;
    return b;
  }

  /** Skips a field's value of wire type `wire`. */
  async skip(wire: number): Promise<void> {
    if (wire === 0) await this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) {
      const n = await this.varint(); // NOTE: not `this.pos += await …`: that adds to the position before the length was read
      this.pos += n;
    } else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wire} at byte ${this.pos}`);
  }
}

/** Fields of a small in-memory message: [field number, wire type, value (number or bytes)]. */
function* fields(buf: Buffer): Generator<[number, number, number | Buffer]> {
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let mul = 1; ; mul *= 128) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated message');
      value += (b & 0x7f) * mul;
      if (!(b & 0x80)) return value;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    const wire = key & 7;
    if (wire === 0) yield [key >>> 3, wire, varint()];
    else if (wire === 2) {
      const n = varint();
      yield [key >>> 3, wire, buf.subarray(pos, pos + n)];
      pos += n;
    } else if (wire === 1 || wire === 5) pos += wire === 1 ? 8 : 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

const sub = (buf: Buffer, field: number): Buffer | undefined => {
  for (const [f, w, v] of fields(buf)) if (f === field && w === 2) return v as Buffer;
  return undefined;
};

/** ValueInfoProto → [name, elem_type of its tensor type (0 when not a tensor)]. */
function valueInfo(buf: Buffer): [string, number] {
  const name = sub(buf, 1)?.toString('utf8') ?? '';
  const tensor = sub(sub(buf, 2) ?? Buffer.alloc(0), 1);
  let elem = 0;
  if (tensor) for (const [f, w, v] of fields(tensor)) if (f === 1 && w === 0) elem = v as number;
  return [name, elem];
}

/** The declared input and output element types of the graph in `file` (external data is never read). */
export async function readGraphIoTypes(file: string): Promise<GraphIoTypes> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const c = new FileCursor(fh, 0);
    while (c.pos < size) {
      const key = await c.varint();
      if (key >>> 3 !== MODEL_GRAPH || (key & 7) !== 2) {
        await c.skip(key & 7);
        continue;
      }
      const end = (await c.varint()) + c.pos;
      const out: GraphIoTypes = { inputs: {}, outputs: {} };
      while (c.pos < end) {
        const k = await c.varint();
        const field = k >>> 3;
        if ((field === GRAPH_INPUT || field === GRAPH_OUTPUT) && (k & 7) === 2) {
          const [name, elem] = valueInfo(await c.bytes(await c.varint()));
          (field === GRAPH_INPUT ? out.inputs : out.outputs)[name] = elem;
        } else await c.skip(k & 7);
      }
      return out;
    }
    throw new Error('no graph');
  } catch (cause) {
    throw new StudioError('engine/model-corrupt', `Cannot read the inputs and outputs of ONNX model ${file}: ${(cause as Error).message}.`, { file }, { cause });
  } finally {
    await fh.close();
  }
}
