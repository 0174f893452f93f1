// Turns a float32 ONNX model into a float16 one, in place: float initializers and constants become
// float16 (values beyond float16's range are clamped to ±65504, as onnxconverter-common does, so a
// -3.4e38 attention mask stays finite), Cast-to-float becomes Cast-to-float16, graph inputs and
// outputs become float16 (what real float16 exports such as onnxruntime's SD-Turbo take), and the
// inputs ONNX requires to stay float32 (Resize's scales) get a Cast back. Intermediate value_info is
// dropped so onnxruntime infers the new types itself. The reverse, convertModelToFloat32, lets a
// float16 export run on a GPU without float16 shaders (and on software Vulkan in CI).
import { StudioError } from '../../../src-shared/errors.js';
import { float16ToFloat32, toFloat16Bits } from '../float16.js';
import { DATA_TYPE } from './onnx-proto.js';
import type { OnnxModelObject } from './model-file.js';

const F32 = DATA_TYPE.float32;
const F16 = DATA_TYPE.float16;
const HALF_MAX = 65504;
const ATTR_TENSOR = 4; // AttributeProto.AttributeType.TENSOR

/** What the conversion changed, for logs and tests. */
export interface Float16Report {
  tensors: number; // initializers and constant tensors converted
  clamped: number; // values outside float16's finite range
  casts: number; // Cast(to=float) nodes retargeted
  io: number; // graph inputs and outputs retyped
  keptFloat32: number; // Casts inserted for inputs that must stay float32
}

/** Inputs (by op type) that the ONNX spec types as tensor(float) only. */
const FLOAT32_ONLY_INPUTS: Readonly<Record<string, readonly number[]>> = Object.freeze({ Resize: [2], Upsample: [1] });

type Direction = 'to16' | 'to32';

/** float32 → float16, in place. */
export function convertModelToFloat16(model: OnnxModelObject): Float16Report {
  return convertModel(model, 'to16');
}

/** float16 → float32, in place (every float16 tensor, cast and graph input/output). */
export function convertModelToFloat32(model: OnnxModelObject): Float16Report {
  return convertModel(model, 'to32');
}

function convertModel(model: OnnxModelObject, dir: Direction): Float16Report {
  const report: Float16Report = { tensors: 0, clamped: 0, casts: 0, io: 0, keptFloat32: 0 };
  const graph = model.graph;
  const [from, to] = dir === 'to16' ? [F32, F16] : [F16, F32];
  for (const v of [...(graph.input ?? []), ...(graph.output ?? [])]) {
    const t = v.type?.tensorType;
    if (t?.elemType === from) {
      t.elemType = to;
      report.io++;
    }
  }
  convertGraph(graph, dir, report);
  return report;
}

function convertGraph(graph: OnnxModelObject, dir: Direction, report: Float16Report): void {
  const convert = (t: OnnxModelObject) => (dir === 'to16' ? convertTensor(t, report) : widenTensor(t, report));
  for (const t of graph.initializer ?? []) convert(t);
  delete graph.valueInfo;
  const nodes: OnnxModelObject[] = [];
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (a.t) convert(a.t);
      for (const t of a.tensors ?? []) convert(t);
      if (a.g) convertGraph(a.g, dir, report);
      for (const g of a.graphs ?? []) convertGraph(g, dir, report);
    }
    if (node.opType === 'Cast') retargetCast(node, dir === 'to16' ? F32 : F16, dir === 'to16' ? F16 : F32, report);
    if (dir === 'to32') {
      nodes.push(node);
      continue;
    }
    if (node.opType === 'Constant') floatAttributeToTensor(node, report);
    for (const idx of FLOAT32_ONLY_INPUTS[node.opType] ?? []) {
      const name: string | undefined = node.input?.[idx];
      if (!name) continue;
      const out = `${name}__float32_for_${node.name || node.output[0]}`;
      nodes.push({ opType: 'Cast', name: `${out}__cast`, input: [name], output: [out], attribute: [{ name: 'to', type: 2, i: F32 }] });
      node.input[idx] = out;
      report.keptFloat32++;
    }
    nodes.push(node);
  }
  graph.node = nodes;
}

function retargetCast(node: OnnxModelObject, from: number, target: number, report: Float16Report): void {
  const to = (node.attribute ?? []).find((a: OnnxModelObject) => a.name === 'to');
  if (to?.i === from) {
    to.i = target;
    report.casts++;
  }
}

/** Constant's value_float / value_floats would still produce float32: rewrite them as float16 tensors. */
function floatAttributeToTensor(node: OnnxModelObject, report: Float16Report): void {
  const a = (node.attribute ?? []).find((x: OnnxModelObject) => x.name === 'value_float' || x.name === 'value_floats');
  if (!a) return;
  const values: number[] = a.name === 'value_float' ? [a.f ?? 0] : (a.floats ?? []);
  const t = { dataType: F32, dims: a.name === 'value_float' ? [] : [values.length], floatData: values };
  convertTensor(t, report);
  node.attribute = [{ name: 'value', type: ATTR_TENSOR, t }];
}

function convertTensor(t: OnnxModelObject, report: Float16Report): void {
  if (t.dataType !== F32) return;
  if (t.dataLocation === 1) throw new StudioError('engine/model-corrupt', `Tensor ${t.name} still points at external data; read the model with readOnnxModel first.`);
  const src = floatValues(t);
  const half = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) {
    let v = src[i];
    if (v > HALF_MAX || v < -HALF_MAX) {
      v = v > 0 ? HALF_MAX : -HALF_MAX;
      report.clamped++;
    }
    half[i] = toFloat16Bits(v);
  }
  t.dataType = F16;
  t.rawData = Buffer.from(half.buffer, half.byteOffset, half.byteLength);
  delete t.floatData;
  report.tensors++;
}

function widenTensor(t: OnnxModelObject, report: Float16Report): void {
  if (t.dataType !== F16) return;
  if (t.dataLocation === 1) throw new StudioError('engine/model-corrupt', `Tensor ${t.name} still points at external data; read the model with readOnnxModel first.`);
  const raw: Buffer | undefined = t.rawData;
  let half: Uint16Array;
  if (raw && raw.length) {
    half = new Uint16Array(raw.length / 2);
    new Uint8Array(half.buffer).set(raw);
  } else {
    half = Uint16Array.from((t.int32Data as number[] | undefined) ?? []); // ONNX keeps float16 bits in int32_data
  }
  const wide = float16ToFloat32(half);
  t.dataType = F32;
  t.rawData = Buffer.from(wide.buffer, wide.byteOffset, wide.byteLength);
  delete t.int32Data;
  report.tensors++;
}

function floatValues(t: OnnxModelObject): Float32Array {
  const raw: Buffer | undefined = t.rawData;
  if (raw && raw.length) {
    const out = new Float32Array(raw.length / 4);
    new Uint8Array(out.buffer).set(raw); // ONNX raw data is little-endian, as every host we run on
    return out;
  }
  return Float32Array.from((t.floatData as number[] | undefined) ?? []);
}
