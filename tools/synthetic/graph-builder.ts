// A small ONNX graph builder (hand-written: no installed package builds ONNX graphs in JS): I/O,
// initializers described by how to fill them (weights are made while writing, never held), nodes
// named as PyTorch's exporter names them (`/down_blocks.0/resnets.0/conv1/Conv`). No shape inference.
import { BugError } from '../../src-shared/errors.js';
import { ATTR_TYPE, DATA_TYPE, type ElemType } from '../../src-main/engine/onnx/index.js';

export type Dim = number | string;
export type FloatType = 'float32' | 'float16';

/** How an initializer's values are made. */
export type Fill =
  | { kind: 'uniform'; std: number } // seeded uniform noise with this standard deviation
  | { kind: 'constant'; value: number }
  | { kind: 'values'; values: ArrayLike<number> };

export interface Initializer {
  name: string;
  type: ElemType;
  dims: number[];
  fill: Fill;
  /** A learned weight (counted as a parameter, eligible for external data) rather than a graph constant. */
  param: boolean;
}

/** Attribute values: integer, string, integer list, or `{ f }` for a float. */
export type AttrValue = number | string | number[] | { f: number };

export interface GraphNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrValue>;
}

export interface ValueInfo { name: string; type: ElemType; dims: Dim[] }

export interface Graph {
  name: string;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  nodes: GraphNode[];
  initializers: Initializer[];
}

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly initializers: Initializer[] = [];
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  private readonly scopes: string[] = [];
  private readonly counters = new Map<string, number>();
  private readonly constants = new Map<string, string>();

  /** `dtype` is the model's float type: parameters and activations use it. */
  constructor(readonly name: string, readonly dtype: FloatType) {}

  /** Runs `fn` inside a module scope: parameter names gain `name.`, node names `/name`. */
  scope<T>(name: string, fn: () => T): T {
    this.scopes.push(name);
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push({ name, type, dims });
    return name;
  }

  /** Declares `value` a graph output called `name`, renaming the node output that produces it. */
  output(value: string, name: string, type: ElemType, dims: Dim[]): void {
    const producer = this.nodes.find((n) => n.outputs.includes(value));
    if (!producer) throw new BugError(`graph-builder: no node produces ${value}`);
    producer.outputs = producer.outputs.map((o) => (o === value ? name : o));
    for (const n of this.nodes) n.inputs = n.inputs.map((i) => (i === value ? name : i));
    this.outputs.push({ name, type, dims });
  }

  /** A learned parameter in the model's float type, named after the current scope (`conv1.weight`). */
  param(leaf: string, dims: number[], fill: Fill): string {
    const name = [...this.scopes, leaf].join('.');
    this.initializers.push({ name, type: this.dtype, dims, fill, param: true });
    return name;
  }

  /** A constant tensor (shapes, axes, tables); identical constants are shared. */
  constant(type: ElemType, dims: number[], values: ArrayLike<number>): string {
    const key = `${type}|${dims.join(',')}|${Array.from(values).join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = `onnx::const_${this.constants.size}`;
    this.initializers.push({ name, type, dims, fill: { kind: 'values', values }, param: false });
    this.constants.set(key, name);
    return name;
  }

  int64s(values: number[]): string {
    return this.constant('int64', [values.length], values);
  }

  /** A scalar in the model's float type (or `type`). */
  scalar(value: number, type: ElemType = this.dtype): string {
    return this.constant(type, [], [value]);
  }

  /** Adds a node; returns its outputs (one name when `outputs` is 1). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs = 1): string {
    return this.opN(opType, inputs, attrs, outputs)[0];
  }

  opN(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs = 1): string[] {
    const prefix = this.scopes.length ? `/${this.scopes.join('/')}/` : '/';
    const base = `${prefix}${opType}`;
    const k = this.counters.get(base) ?? 0;
    this.counters.set(base, k + 1);
    const name = k === 0 ? base : `${base}_${k}`;
    const outs = Array.from({ length: outputs }, (_, i) => `${name}_output_${i}`);
    this.nodes.push({ opType, name, inputs, outputs: outs, attrs });
    return outs;
  }

  /** Casts to `type` unless `fromType` already is it. */
  cast(value: string, fromType: ElemType, type: ElemType): string {
    return fromType === type ? value : this.op('Cast', [value], { to: DATA_TYPE[type] });
  }

  build(): Graph {
    return { name: this.name, inputs: this.inputs, outputs: this.outputs, nodes: this.nodes, initializers: this.initializers };
  }
}

/** Number of learned parameters in a graph. */
export function countGraphParameters(graph: Graph): number {
  let n = 0;
  for (const init of graph.initializers) if (init.param) n += init.dims.reduce((a, b) => a * b, 1);
  return n;
}

/** Converts builder attributes to ONNX AttributeProto objects (protobufjs plain form). */
export function encodeAttributes(attrs: Record<string, AttrValue>): Record<string, unknown>[] {
  return Object.entries(attrs).map(([name, v]) => {
    if (typeof v === 'string') return { name, type: ATTR_TYPE.STRING, s: Buffer.from(v) };
    if (Array.isArray(v)) return { name, type: ATTR_TYPE.INTS, ints: v };
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new BugError(`graph-builder: attribute ${name} is not an integer; write { f: ${v} }`);
      return { name, type: ATTR_TYPE.INT, i: v };
    }
    return { name, type: ATTR_TYPE.FLOAT, f: v.f };
  });
}
