// transformers' CLIPTextModel (modeling_clip.py: CLIPTextTransformer) as an ONNX graph: token +
// position embeddings, pre-LN encoder layers with a causal mask, final LayerNorm; pooler_output
// gathers each row at the argmax of its ids (the first EOS), as the eos_token_id == 2 branch does.
import type { TextEncoderConfig } from './configs.js';
import { type Graph, GraphBuilder } from './graph-builder.js';
import type { TextEncoderIo } from './io-contract.js';
import { attention, gelu, layerNorm, linear, quickGelu } from './layers.js';

const EPS = 1e-5;

/** The most negative finite value of the float type: transformers fills the causal mask with it. */
function floatMin(dtype: 'float32' | 'float16'): number {
  return dtype === 'float16' ? -65504 : -3.4028234663852886e38;
}

function causalMask(n: number, min: number): number[] {
  const out = new Array<number>(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = j > i ? min : 0;
  return out;
}

/** CLIPEncoderLayer: x + self_attn(LN1(x)), then + mlp(LN2(·)). */
function encoderLayer(b: GraphBuilder, x: string, c: TextEncoderConfig, mask: string, i: number): string {
  return b.scope(`layers.${i}`, () => {
    const n1 = layerNorm(b, x, c.hidden, EPS, 'layer_norm1');
    const dims = { queryDim: c.hidden, contextDim: c.hidden, heads: c.heads, headDim: c.hidden / c.heads, qkvBias: true };
    const names: [string, string, string, string] = ['q_proj', 'k_proj', 'v_proj', 'out_proj'];
    const h = b.op('Add', [x, b.scope('self_attn', () => attention(b, n1, n1, { ...dims, names }, mask))]);
    const n2 = layerNorm(b, h, c.hidden, EPS, 'layer_norm2');
    const m = b.scope('mlp', () => {
      const fc1 = linear(b, n2, c.hidden, c.intermediate, 'fc1');
      const act = b.scope('activation_fn', () => (c.act === 'gelu' ? gelu(b, fc1) : quickGelu(b, fc1)));
      return linear(b, act, c.intermediate, c.hidden, 'fc2');
    });
    return b.op('Add', [h, m]);
  });
}

export function buildTextEncoder(c: TextEncoderConfig, io: TextEncoderIo, dtype: 'float32' | 'float16'): Graph {
  const b = new GraphBuilder('text_encoder', dtype);
  const ids = b.input(io.ids.name, io.ids.type, io.ids.dims);
  const hidden = b.scope('text_model', () => {
    const seqLen = b.op('Slice', [b.op('Shape', [ids]), b.int64s([1]), b.int64s([2])]); // [1] int64
    // 1. Embeddings: token table lookup plus the first seqLen rows of the position table.
    let h = b.scope('embeddings', () => {
      const tok = b.scope('token_embedding', () => b.op('Gather', [b.param('weight', [c.vocabSize, c.hidden], { kind: 'uniform', std: 0.02 }), ids]));
      const positionIds = b.constant('int64', [1, c.maxPositions], Array.from({ length: c.maxPositions }, (_, i) => i));
      const pos = b.op('Slice', [positionIds, b.int64s([0]), seqLen, b.int64s([1])]);
      const posEmb = b.scope('position_embedding', () => b.op('Gather', [b.param('weight', [c.maxPositions, c.hidden], { kind: 'uniform', std: 0.01 }), pos]));
      return b.op('Add', [tok, posEmb]);
    });
    // 2. Causal mask [1, 1, S, S], cut from a constant of the full context length.
    const full = b.constant(dtype, [1, 1, c.maxPositions, c.maxPositions], causalMask(c.maxPositions, floatMin(dtype)));
    const mask = b.op('Slice', [full, b.int64s([0, 0]), b.op('Concat', [seqLen, seqLen], { axis: 0 }), b.int64s([2, 3])]);
    // 3. Encoder layers: x + attn(LN(x)); x + mlp(LN(x)).
    h = b.scope('encoder', () => {
      let x = h;
      for (let i = 0; i < c.layers; i++) x = encoderLayer(b, x, c, mask, i);
      return x;
    });
    return layerNorm(b, h, c.hidden, EPS, 'final_layer_norm');
  });
  // 4. pooler_output = last_hidden_state[arange(B), argmax(ids)].
  const eos = b.op('ArgMax', [b.cast(ids, io.ids.type, 'int32')], { axis: -1, keepdims: 1, select_last_index: 0 });
  const pooled = b.op('GatherND', [hidden, eos], { batch_dims: 1 });
  b.output(hidden, io.hidden.name, io.hidden.type, io.hidden.dims);
  b.output(pooled, io.pooler.name, io.pooler.type, io.pooler.dims);
  return b.build();
}
