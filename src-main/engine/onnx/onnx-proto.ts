// The subset of ONNX's protobuf schema (onnx/onnx.proto, IR version 8) that Stable Diffusion exports
// use, as a protobufjs reflection root: the float16 converter reads and rewrites it, the device step and
// one-node models are built with it (and tools/synthetic writes test models with it).
import protobuf from 'protobufjs';

/** TensorProto.DataType values used here. */
export const DATA_TYPE = Object.freeze({ float32: 1, int32: 6, int64: 7, bool: 9, float16: 10 } as const);
export type ElemType = keyof typeof DATA_TYPE;
export const ELEM_BYTES: Readonly<Record<ElemType, number>> = Object.freeze({ float32: 4, int32: 4, int64: 8, bool: 1, float16: 2 });

/** AttributeProto.AttributeType values used here. */
export const ATTR_TYPE = Object.freeze({ FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const);

export const IR_VERSION = 8; // the IR version that goes with opset 17
export const OPSET = 17;

const f = (id: number, type: string, rule?: 'repeated') => (rule ? { id, type, rule } : { id, type });

// NOTE: field numbers are ONNX's wire contract; they must match onnx.proto exactly.
const SCHEMA = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
        OperatorSetIdProto: { fields: { domain: f(1, 'string'), version: f(2, 'int64') } },
        TensorShapeProto: {
          fields: { dim: f(1, 'Dimension', 'repeated') },
          nested: { Dimension: { oneofs: { value: { oneof: ['dimValue', 'dimParam'] } }, fields: { dimValue: f(1, 'int64'), dimParam: f(2, 'string'), denotation: f(3, 'string') } } },
        },
        TypeProto: {
          fields: { tensorType: f(1, 'Tensor'), denotation: f(6, 'string') },
          nested: { Tensor: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } } },
        },
        ValueInfoProto: { fields: { name: f(1, 'string'), type: f(2, 'TypeProto'), docString: f(3, 'string') } },
        TensorProto: {
          fields: {
            dims: f(1, 'int64', 'repeated'),
            dataType: f(2, 'int32'),
            floatData: f(4, 'float', 'repeated'),
            int32Data: f(5, 'int32', 'repeated'),
            int64Data: f(7, 'int64', 'repeated'),
            name: f(8, 'string'),
            stringData: f(6, 'bytes', 'repeated'),
            rawData: f(9, 'bytes'),
            doubleData: f(10, 'double', 'repeated'),
            uint64Data: f(11, 'uint64', 'repeated'),
            docString: f(12, 'string'),
            externalData: f(13, 'StringStringEntryProto', 'repeated'),
            dataLocation: f(14, 'int32'),
          },
        },
        AttributeProto: {
          fields: {
            name: f(1, 'string'),
            f: f(2, 'float'),
            i: f(3, 'int64'),
            s: f(4, 'bytes'),
            t: f(5, 'TensorProto'),
            g: f(6, 'GraphProto'),
            floats: f(7, 'float', 'repeated'),
            ints: f(8, 'int64', 'repeated'),
            strings: f(9, 'bytes', 'repeated'),
            tensors: f(10, 'TensorProto', 'repeated'),
            graphs: f(11, 'GraphProto', 'repeated'),
            docString: f(13, 'string'),
            type: f(20, 'int32'),
            refAttrName: f(21, 'string'),
          },
        },
        NodeProto: {
          fields: {
            input: f(1, 'string', 'repeated'),
            output: f(2, 'string', 'repeated'),
            name: f(3, 'string'),
            opType: f(4, 'string'),
            attribute: f(5, 'AttributeProto', 'repeated'),
            docString: f(6, 'string'),
            domain: f(7, 'string'),
          },
        },
        GraphProto: {
          fields: {
            node: f(1, 'NodeProto', 'repeated'),
            name: f(2, 'string'),
            initializer: f(5, 'TensorProto', 'repeated'),
            docString: f(10, 'string'),
            input: f(11, 'ValueInfoProto', 'repeated'),
            output: f(12, 'ValueInfoProto', 'repeated'),
            valueInfo: f(13, 'ValueInfoProto', 'repeated'),
          },
        },
        ModelProto: {
          fields: {
            irVersion: f(1, 'int64'),
            producerName: f(2, 'string'),
            producerVersion: f(3, 'string'),
            domain: f(4, 'string'),
            modelVersion: f(5, 'int64'),
            docString: f(6, 'string'),
            graph: f(7, 'GraphProto'),
            opsetImport: f(8, 'OperatorSetIdProto', 'repeated'),
            metadataProps: f(14, 'StringStringEntryProto', 'repeated'),
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(SCHEMA);
export const ModelProto = root.lookupType('onnx.ModelProto');
export const GraphProto = root.lookupType('onnx.GraphProto');
export const TensorProto = root.lookupType('onnx.TensorProto');

/** Decodes a model.onnx into plain objects (int64 as numbers, raw bytes as Buffers); for tests and tools. */
export function decodeModel(bytes: Uint8Array): Record<string, any> {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Buffer, defaults: false, arrays: true });
}
