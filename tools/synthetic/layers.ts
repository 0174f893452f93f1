// The PyTorch modules Stable Diffusion is made of, as ONNX subgraphs in the op patterns
// torch.onnx.export produces for them (GroupNorm as Reshape→InstanceNormalization→Reshape→Mul→Add,
// SiLU as x·sigmoid(x), attention as MatMul→Mul(scale)→Softmax→MatMul). Parameter names and
// shapes follow diffusers'/transformers' state dicts, so parameter counts match the real models.
import type { GraphBuilder } from './graph-builder.js';

/** Weights: uniform noise with std 1/√fan_in keeps every activation near unit scale. */
const weight = (fanIn: number) => ({ kind: 'uniform' as const, std: 1 / Math.sqrt(fanIn) });
/** Biases: small noise, so no bias is exactly zero but none moves activations much. */
const BIAS = { kind: 'uniform' as const, std: 0.02 };
const ONES = { kind: 'constant' as const, value: 1 };
const ZEROS = { kind: 'constant' as const, value: 0 };

export interface ConvOptions { stride?: number; pads?: [number, number, number, number] }

export function conv2d(b: GraphBuilder, x: string, inC: number, outC: number, k: number, name: string, opts: ConvOptions = {}): string {
  return b.scope(name, () => {
    const p = (k - 1) / 2;
    const w = b.param('weight', [outC, inC, k, k], weight(inC * k * k));
    const bias = b.param('bias', [outC], BIAS);
    const s = opts.stride ?? 1;
    return b.op('Conv', [x, w, bias], { dilations: [1, 1], group: 1, kernel_shape: [k, k], pads: opts.pads ?? [p, p, p, p], strides: [s, s] });
  });
}

/** nn.Linear on [..., in]: MatMul with the weight stored transposed ([in, out], as the exporter does), then Add. */
export function linear(b: GraphBuilder, x: string, inF: number, outF: number, name: string, bias = true): string {
  return b.scope(name, () => {
    const w = b.param('weight', [inF, outF], weight(inF));
    const y = b.op('MatMul', [x, w]);
    return bias ? b.op('Add', [y, b.param('bias', [outF], BIAS)]) : y;
  });
}

/** nn.Linear on a 2-D [batch, in] input: Gemm with transB, as PyTorch exports it. */
export function gemm(b: GraphBuilder, x: string, inF: number, outF: number, name: string): string {
  return b.scope(name, () =>
    b.op('Gemm', [x, b.param('weight', [outF, inF], weight(inF)), b.param('bias', [outF], BIAS)], { alpha: { f: 1 }, beta: { f: 1 }, transB: 1 }),
  );
}

export function silu(b: GraphBuilder, x: string): string {
  return b.op('Mul', [x, b.op('Sigmoid', [x])]);
}

/** Exact GELU: x·½(1 + erf(x/√2)). */
export function gelu(b: GraphBuilder, x: string): string {
  const erf = b.op('Erf', [b.op('Div', [x, b.scalar(Math.SQRT2)])]);
  return b.op('Mul', [b.op('Mul', [x, b.op('Add', [erf, b.scalar(1)])]), b.scalar(0.5)]);
}

/** CLIP's quick_gelu: x·sigmoid(1.702x). */
export function quickGelu(b: GraphBuilder, x: string): string {
  return b.op('Mul', [x, b.op('Sigmoid', [b.op('Mul', [x, b.scalar(1.702)])])]);
}

/** nn.GroupNorm on [B, C, ...]: normalise per group with InstanceNormalization, then the per-channel affine. */
export function groupNorm(b: GraphBuilder, x: string, channels: number, groups: number, eps: number, name: string): string {
  return b.scope(name, () => {
    const grouped = b.op('Reshape', [x, b.int64s([0, groups, -1])]);
    const ones = b.constant(b.dtype, [groups], new Array(groups).fill(1));
    const zeros = b.constant(b.dtype, [groups], new Array(groups).fill(0));
    const normed = b.op('InstanceNormalization', [grouped, ones, zeros], { epsilon: { f: eps } });
    const back = b.op('Reshape', [normed, b.op('Shape', [x])]);
    const scaled = b.op('Mul', [back, b.param('weight', [channels, 1, 1], ONES)]);
    return b.op('Add', [scaled, b.param('bias', [channels, 1, 1], ZEROS)]);
  });
}

export function layerNorm(b: GraphBuilder, x: string, dim: number, eps: number, name: string): string {
  return b.scope(name, () =>
    b.op('LayerNormalization', [x, b.param('weight', [dim], ONES), b.param('bias', [dim], ZEROS)], { axis: -1, epsilon: { f: eps } }),
  );
}

export interface AttentionDims {
  queryDim: number;
  contextDim: number;
  heads: number;
  headDim: number;
  /** Bias on to_q/to_k/to_v (VAE and CLIP: yes; U-Net transformer blocks: no). */
  qkvBias: boolean;
  /** Names of the four projections (diffusers: to_q…to_out.0; CLIP: q_proj…out_proj). */
  names?: [string, string, string, string];
}

/** Multi-head attention on tokens [B, S, C]; `mask` (broadcast to [B, heads, S, S']) is added to the scores. */
export function attention(b: GraphBuilder, x: string, context: string, d: AttentionDims, mask?: string): string {
  const [qName, kName, vName, outName] = d.names ?? ['to_q', 'to_k', 'to_v', 'to_out.0'];
  const inner = d.heads * d.headDim;
  const q = linear(b, x, d.queryDim, inner, qName, d.qkvBias);
  const k = linear(b, context, d.contextDim, inner, kName, d.qkvBias);
  const v = linear(b, context, d.contextDim, inner, vName, d.qkvBias);
  const split = b.int64s([0, 0, d.heads, d.headDim]);
  const qh = b.op('Transpose', [b.op('Reshape', [q, split])], { perm: [0, 2, 1, 3] });
  const kt = b.op('Transpose', [b.op('Reshape', [k, split])], { perm: [0, 2, 3, 1] });
  const vh = b.op('Transpose', [b.op('Reshape', [v, split])], { perm: [0, 2, 1, 3] });
  let scores = b.op('Mul', [b.op('MatMul', [qh, kt]), b.scalar(1 / Math.sqrt(d.headDim))]);
  if (mask) scores = b.op('Add', [scores, mask]);
  const probs = b.op('Softmax', [scores], { axis: -1 });
  const merged = b.op('Reshape', [b.op('Transpose', [b.op('MatMul', [probs, vh])], { perm: [0, 2, 1, 3] }), b.int64s([0, 0, inner])]);
  return linear(b, merged, inner, d.queryDim, outName, true);
}

/** [B, C, H, W] → tokens [B, H·W, C]. */
export function toTokens(b: GraphBuilder, x: string, channels: number): string {
  return b.op('Transpose', [b.op('Reshape', [x, b.int64s([0, channels, -1])])], { perm: [0, 2, 1] });
}

/** Tokens [B, H·W, C] → [B, C, H, W] with the spatial shape of `like`. */
export function fromTokens(b: GraphBuilder, tokens: string, like: string): string {
  return b.op('Reshape', [b.op('Transpose', [tokens], { perm: [0, 2, 1] }), b.op('Shape', [like])]);
}

export interface ResnetOptions { groups: number; eps: number; tembChannels?: number }

/** diffusers ResnetBlock2D: GN→SiLU→conv1 (+ time embedding) → GN→SiLU→conv2, plus a 1×1 shortcut when widths change. */
export function resnetBlock(b: GraphBuilder, x: string, temb: string | undefined, inC: number, outC: number, name: string, o: ResnetOptions): string {
  return b.scope(name, () => {
    let h = conv2d(b, silu(b, groupNorm(b, x, inC, o.groups, o.eps, 'norm1')), inC, outC, 3, 'conv1');
    if (temb && o.tembChannels) {
      const t = gemm(b, silu(b, temb), o.tembChannels, outC, 'time_emb_proj');
      h = b.op('Add', [h, b.op('Unsqueeze', [t, b.int64s([2, 3])])]);
    }
    h = conv2d(b, silu(b, groupNorm(b, h, outC, o.groups, o.eps, 'norm2')), outC, outC, 3, 'conv2');
    const shortcut = inC === outC ? x : conv2d(b, x, inC, outC, 1, 'conv_shortcut');
    return b.op('Add', [shortcut, h]);
  });
}

/** Upsample2D: nearest ×2 (or to the spatial size of `sizeLike`, as diffusers' upsample_size) then a 3×3 conv. */
export function upsample(b: GraphBuilder, x: string, channels: number, name: string, sizeLike?: string): string {
  return b.scope(name, () => {
    const attrs = { coordinate_transformation_mode: 'asymmetric', mode: 'nearest', nearest_mode: 'floor' };
    let up: string;
    if (sizeLike) {
      const nc = b.op('Slice', [b.op('Shape', [x]), b.int64s([0]), b.int64s([2])]);
      const hw = b.op('Slice', [b.op('Shape', [sizeLike]), b.int64s([2]), b.int64s([4])]);
      up = b.op('Resize', [x, '', '', b.op('Concat', [nc, hw], { axis: 0 })], attrs);
    } else {
      up = b.op('Resize', [x, '', b.constant('float32', [4], [1, 1, 2, 2])], attrs);
    }
    return conv2d(b, up, channels, channels, 3, 'conv');
  });
}

/** Downsample2D with a conv: stride 2, padding 1 (U-Net) or 0 with diffusers' (0,1,0,1) pad (VAE encoder). */
export function downsample(b: GraphBuilder, x: string, channels: number, name: string, padding: 0 | 1): string {
  return b.scope(name, () =>
    conv2d(b, x, channels, channels, 3, 'conv', { stride: 2, pads: padding === 1 ? [1, 1, 1, 1] : [0, 0, 1, 1] }),
  );
}
