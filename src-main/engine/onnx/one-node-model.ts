// A one-node ONNX model `y = op(x, ...constants)`, encoded in memory: the small helper models the runtime
// builds for itself (the float16 capability probe, the device upload).
import { DATA_TYPE, IR_VERSION, ModelProto, type ElemType } from './onnx-proto.js';

export interface OneNodeSpec {
  name: string;
  op: string;
  type: ElemType;
  /** Dimensions of x and y: numbers fixed, strings symbolic; omitted: any rank. */
  shape?: (number | string)[];
  /** Further inputs of the node, as initializers (raw little-endian bytes). */
  constants?: { name: string; dims: number[]; rawData: Uint8Array }[];
}

export function oneNodeModel(spec: OneNodeSpec): Uint8Array {
  const dim = spec.shape?.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  const io = (name: string) => ({ name, type: { tensorType: { elemType: DATA_TYPE[spec.type], ...(dim ? { shape: { dim } } : {}) } } });
  const constants = spec.constants ?? [];
  return ModelProto.encode(ModelProto.fromObject({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: spec.name,
      node: [{ opType: spec.op, input: ['x', ...constants.map((c) => c.name)], output: ['y'], name: spec.op.toLowerCase() }],
      initializer: constants.map((c) => ({ name: c.name, dataType: DATA_TYPE[spec.type], dims: c.dims, rawData: c.rawData })),
      input: [io('x')],
      output: [io('y')],
    },
  })).finish();
}
