// Serialises a graph to model.onnx, streaming each initializer as it is generated, inline (raw_data)
// or to one external-data file (location/offset/length): peak memory is one tensor. The framing is
// hand-written around protobufjs, whose encoder would need the whole (multi-GB) message in memory.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../src-shared/errors.js';
import { type Graph, type Initializer, encodeAttributes } from './graph-builder.js';
import { DATA_TYPE, GraphProto, IR_VERSION, ModelProto, OPSET, TensorProto } from '../../src-main/engine/onnx/index.js';
import { FIELD, frameHeader, framedSize } from './proto-frames.js';
import { initializerByteLength, initializerBytes } from './random-fill.js';

/** protobuf's hard limit for one message; a model.onnx above it cannot be parsed. */
export const PROTOBUF_LIMIT = 2 ** 31 - 1;

export interface WriteModelOptions {
  /** Path of the graph file (model.onnx). */
  file: string;
  /** Basename of the external-data file beside `file` that receives every parameter; inline when absent. */
  externalData?: string;
  seed: number;
  /** Seeds differ per component so two components never share weights. */
  component: string;
  docString?: string;
}

export interface WrittenModel { graphBytes: number; dataBytes: number }

function dimsProto(dims: Array<number | string>) {
  return { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
}

function valueInfo(v: { name: string; type: keyof typeof DATA_TYPE; dims: Array<number | string> }) {
  return { name: v.name, type: { tensorType: { elemType: DATA_TYPE[v.type], shape: dimsProto(v.dims) } } };
}

/** A file written chunk by chunk with back-pressure; the first stream error fails the next write or close. */
class Sink {
  private readonly stream: fs.WriteStream;
  private error: Error | undefined;
  bytes = 0;
  constructor(file: string) {
    this.stream = fs.createWriteStream(file);
    this.stream.on('error', (err) => (this.error ??= err));
  }
  async write(chunk: Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  close(): Promise<void> {
    if (this.error) {
      this.stream.destroy();
      return Promise.reject(this.error);
    }
    return new Promise((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

interface PlannedTensor { init: Initializer; header: Uint8Array; length: number; external: boolean; tensorSize: number }

/** TensorProto headers (name, type, dims; for external tensors where their bytes sit) and framed sizes. */
function planTensors(graph: Graph, externalData: string | undefined): PlannedTensor[] {
  let offset = 0;
  return graph.initializers.map((init) => {
    const length = initializerByteLength(init);
    const external = !!externalData && init.param;
    const proto: Record<string, unknown> = { name: init.name, dims: init.dims, dataType: DATA_TYPE[init.type] };
    if (external) {
      proto.dataLocation = 1; // TensorProto.EXTERNAL
      proto.externalData = [
        { key: 'location', value: externalData },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ];
      offset += length;
    }
    const header = TensorProto.encode(proto).finish();
    return { init, header, length, external, tensorSize: header.length + (external ? 0 : framedSize(FIELD.tensorRawData, length)) };
  });
}

/** The GraphProto without its initializers (they are appended as separate frames while streaming). */
function encodeGraphBody(graph: Graph, opts: WriteModelOptions): Uint8Array {
  return GraphProto.encode({
    name: graph.name,
    node: graph.nodes.map((n) => ({
      name: n.name,
      opType: n.opType,
      input: n.inputs,
      output: n.outputs,
      attribute: encodeAttributes(n.attrs),
    })),
    input: graph.inputs.map(valueInfo),
    output: graph.outputs.map(valueInfo),
  }).finish();
}

/** Writes `graph` as an opset-17 model; throws when an inline graph would pass protobuf's 2 GB limit. */
export async function writeOnnxModel(graph: Graph, opts: WriteModelOptions): Promise<WrittenModel> {
  // 1. Plan: tensor headers, the graph body, and so the exact size of the graph field.
  const tensors = planTensors(graph, opts.externalData);
  const body = encodeGraphBody(graph, opts);
  const graphSize = body.length + tensors.reduce((s, t) => s + framedSize(FIELD.graphInitializer, t.tensorSize), 0);
  const head = ModelProto.encode({
    irVersion: IR_VERSION,
    producerName: 'latent-studio-synthetic',
    producerVersion: '1',
    docString: opts.docString ?? '',
    opsetImport: [{ domain: '', version: OPSET }],
  }).finish();
  const total = head.length + framedSize(FIELD.modelGraph, graphSize);
  if (total > PROTOBUF_LIMIT) {
    throw new StudioError('synthetic/graph-too-large', `${opts.file} would be ${total} bytes, over protobuf's 2 GB limit; write its weights as external data.`, { file: opts.file, bytes: total });
  }
  // 2. Stream: model header, graph frame, body, then each initializer, its bytes generated just now.
  const sink = new Sink(opts.file);
  const data = opts.externalData ? new Sink(path.join(path.dirname(opts.file), opts.externalData)) : undefined;
  try {
    await sink.write(head);
    await sink.write(frameHeader(FIELD.modelGraph, graphSize));
    await sink.write(body);
    for (const t of tensors) {
      await sink.write(frameHeader(FIELD.graphInitializer, t.tensorSize));
      await sink.write(t.header);
      const bytes = initializerBytes(t.init, opts.seed, opts.component);
      if (t.external) await data!.write(bytes);
      else {
        await sink.write(frameHeader(FIELD.tensorRawData, t.length));
        await sink.write(bytes);
      }
    }
  } finally {
    // Close both files whatever happened; a failure to flush is reported (after a write error it is the same error).
    const closed = await Promise.allSettled([sink.close(), data?.close()]);
    const failed = closed.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return { graphBytes: sink.bytes, dataBytes: data?.bytes ?? 0 };
}
