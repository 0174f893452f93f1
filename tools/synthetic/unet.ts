// diffusers' UNet2DConditionModel (unet_2d_condition.py, unet_2d_blocks.py, transformer_2d.py,
// attention.py, embeddings.py) as an ONNX graph: sinusoidal timestep embedding computed in-graph,
// CrossAttn/Down blocks with skips, the cross-attention mid block, Up blocks concatenating the skips.
// Not covered: class/added-condition embeddings (SDXL), attention upcasting, LoRA.
import type { UnetConfig } from './configs.js';
import { type Graph, GraphBuilder } from './graph-builder.js';
import type { UnetIo } from './io-contract.js';
import { attention, conv2d, downsample, fromTokens, gelu, gemm, groupNorm, layerNorm, linear, resnetBlock, silu, toTokens, upsample } from './layers.js';

const RESNET_EPS = 1e-5;
const TRANSFORMER_NORM_EPS = 1e-6;
const LAYER_NORM_EPS = 1e-5;

interface Ctx { b: GraphBuilder; c: UnetConfig; temb: string; context: string; tembChannels: number }

/** embeddings.py get_timestep_embedding with flip_sin_to_cos=True, downscale_freq_shift=0, in float32. */
function timestepEmbedding(b: GraphBuilder, timestep: string, timestepType: UnetIo['timestep']['type'], sample: string, channels: number): string {
  // diffusers: a 0-d timestep becomes [1]; then it is broadcast to the batch (timesteps.expand(sample.shape[0])).
  const t = b.op('Reshape', [b.cast(timestep, timestepType, 'float32'), b.int64s([-1])]);
  const batch = b.op('Slice', [b.op('Shape', [sample]), b.int64s([0]), b.int64s([1])]);
  const expanded = b.op('Expand', [t, batch]);
  return b.scope('time_proj', () => {
    const half = channels / 2;
    const exponent = b.constant('float32', [1, half], Array.from({ length: half }, (_, i) => (-Math.log(10000) * i) / half));
    const args = b.op('Mul', [b.op('Unsqueeze', [expanded, b.int64s([1])]), b.op('Exp', [exponent])]);
    return b.op('Concat', [b.op('Cos', [args]), b.op('Sin', [args])], { axis: -1 }); // flip_sin_to_cos: [cos, sin]
  });
}

/** attention.py BasicTransformerBlock: self-attention, cross-attention, GEGLU feed-forward, each pre-LN + residual. */
function transformerBlock(x: Ctx, h: string, dim: number, heads: number): string {
  const { b } = x;
  return b.scope('transformer_blocks.0', () => {
    const headDim = dim / heads;
    const self = { queryDim: dim, contextDim: dim, heads, headDim, qkvBias: false };
    const n1 = layerNorm(b, h, dim, LAYER_NORM_EPS, 'norm1');
    h = b.op('Add', [b.scope('attn1', () => attention(b, n1, n1, self)), h]);
    const n2 = layerNorm(b, h, dim, LAYER_NORM_EPS, 'norm2');
    h = b.op('Add', [b.scope('attn2', () => attention(b, n2, x.context, { ...self, contextDim: x.c.crossAttentionDim })), h]);
    const n3 = layerNorm(b, h, dim, LAYER_NORM_EPS, 'norm3');
    const ff = b.scope('ff', () => {
      const inner = dim * 4;
      const proj = b.scope('net.0', () => linear(b, n3, dim, inner * 2, 'proj'));
      const [value, gate] = b.opN('Split', [proj, b.int64s([inner, inner])], { axis: -1 }, 2);
      return linear(b, b.op('Mul', [value, gelu(b, gate)]), inner, dim, 'net.2');
    });
    return b.op('Add', [ff, h]);
  });
}

/** transformer_2d.py Transformer2DModel: GroupNorm, proj_in (1×1 conv, or Linear on tokens for SD 2.x), one block, proj_out, residual. */
function transformer2d(x: Ctx, h: string, channels: number, heads: number, name: string): string {
  const { b, c } = x;
  return b.scope(name, () => {
    const normed = groupNorm(b, h, channels, c.normGroups, TRANSFORMER_NORM_EPS, 'norm');
    let tokens: string;
    if (c.linearProjection) tokens = linear(b, toTokens(b, normed, channels), channels, channels, 'proj_in');
    else tokens = toTokens(b, conv2d(b, normed, channels, channels, 1, 'proj_in'), channels);
    tokens = transformerBlock(x, tokens, channels, heads);
    const out = c.linearProjection
      ? fromTokens(b, linear(b, tokens, channels, channels, 'proj_out'), h)
      : conv2d(b, fromTokens(b, tokens, h), channels, channels, 1, 'proj_out');
    return b.op('Add', [out, h]);
  });
}

function resnet(x: Ctx, h: string, inC: number, outC: number, name: string): string {
  return resnetBlock(x.b, h, x.temb, inC, outC, name, { groups: x.c.normGroups, eps: RESNET_EPS, tembChannels: x.tembChannels });
}

function downBlocks(x: Ctx, h: string, skips: string[]): string {
  const { b, c } = x;
  let inC = c.blockOut[0];
  c.down.forEach((type, i) => {
    const outC = c.blockOut[i];
    h = b.scope(`down_blocks.${i}`, () => {
      let y = h;
      for (let j = 0; j < c.layersPerBlock; j++) {
        y = resnet(x, y, j === 0 ? inC : outC, outC, `resnets.${j}`);
        if (type === 'CrossAttnDownBlock2D') y = transformer2d(x, y, outC, c.heads[i], `attentions.${j}`);
        skips.push(y);
      }
      if (i < c.down.length - 1) {
        y = downsample(b, y, outC, 'downsamplers.0', 1);
        skips.push(y);
      }
      return y;
    });
    inC = outC;
  });
  return h;
}

function upBlocks(x: Ctx, h: string, skips: string[]): string {
  const { b, c } = x;
  const reversed = [...c.blockOut].reverse();
  const heads = [...c.heads].reverse();
  let prevOut = reversed[0];
  c.up.forEach((type, i) => {
    const outC = reversed[i];
    const inC = reversed[Math.min(i + 1, reversed.length - 1)];
    const layers = c.layersPerBlock + 1;
    h = b.scope(`up_blocks.${i}`, () => {
      let y = h;
      for (let j = 0; j < layers; j++) {
        const skipC = j === layers - 1 ? inC : outC;
        const resIn = j === 0 ? prevOut : outC;
        y = b.op('Concat', [y, skips.pop()!], { axis: 1 });
        y = resnet(x, y, resIn + skipC, outC, `resnets.${j}`);
        if (type === 'CrossAttnUpBlock2D') y = transformer2d(x, y, outC, heads[i], `attentions.${j}`);
      }
      // diffusers passes the next skip's size as upsample_size, so any latent size (not only multiples of 8) works.
      if (i < c.up.length - 1) y = upsample(b, y, outC, 'upsamplers.0', skips[skips.length - 1]);
      return y;
    });
    prevOut = outC;
  });
  return h;
}

export function buildUnet(c: UnetConfig, io: UnetIo, dtype: 'float32' | 'float16'): Graph {
  const b = new GraphBuilder('unet', dtype);
  const sample = b.input(io.sample.name, io.sample.type, io.sample.dims);
  const timestep = b.input(io.timestep.name, io.timestep.type, io.timestep.dims);
  const context = b.input(io.context.name, io.context.type, io.context.dims);
  const c0 = c.blockOut[0];
  const tembChannels = c0 * 4;
  // 1. Time: sinusoidal features (float32, as diffusers computes them) → model dtype → MLP.
  const tProj = b.cast(timestepEmbedding(b, timestep, io.timestep.type, sample, c0), 'float32', dtype);
  const temb = b.scope('time_embedding', () => gemm(b, silu(b, gemm(b, tProj, c0, tembChannels, 'linear_1')), tembChannels, tembChannels, 'linear_2'));
  const x: Ctx = { b, c, temb, context, tembChannels };
  // 2. Down path, collecting the skip connections.
  const skips: string[] = [];
  let h = conv2d(b, sample, 4, c0, 3, 'conv_in');
  skips.push(h);
  h = downBlocks(x, h, skips);
  // 3. Mid block: resnet, transformer, resnet.
  const midC = c.blockOut[c.blockOut.length - 1];
  h = b.scope('mid_block', () => {
    let y = resnet(x, h, midC, midC, 'resnets.0');
    y = transformer2d(x, y, midC, c.heads[c.heads.length - 1], 'attentions.0');
    return resnet(x, y, midC, midC, 'resnets.1');
  });
  // 4. Up path, then GroupNorm → SiLU → conv_out.
  h = upBlocks(x, h, skips);
  h = silu(b, groupNorm(b, h, c0, c.normGroups, RESNET_EPS, 'conv_norm_out'));
  const out = conv2d(b, h, c0, 4, 3, 'conv_out');
  b.output(out, io.out.name, io.out.type, io.out.dims);
  return b.build();
}
