// diffusers' AutoencoderKL halves (autoencoders/vae.py Encoder/Decoder, unet_2d_blocks.py
// UNetMidBlock2D / UpDecoderBlock2D / DownEncoderBlock2D) as ONNX graphs. The decoder takes the latent
// already divided by scaling_factor (the pipeline does that, as with diffusers' exports). The encoder
// returns the MEAN of the latent distribution: deterministic, where diffusers' export samples it.
import type { VaeConfig } from './configs.js';
import { type Graph, GraphBuilder } from './graph-builder.js';
import type { VaeDecoderIo, VaeEncoderIo } from './io-contract.js';
import { attention, conv2d, downsample, fromTokens, groupNorm, resnetBlock, silu, toTokens, upsample } from './layers.js';

const EPS = 1e-6;

function resnet(b: GraphBuilder, c: VaeConfig, x: string, inC: number, outC: number, name: string): string {
  return resnetBlock(b, x, undefined, inC, outC, name, { groups: c.normGroups, eps: EPS });
}

/** UNetMidBlock2D: resnet, single-head spatial self-attention with its own GroupNorm, resnet. */
function midBlock(b: GraphBuilder, c: VaeConfig, x: string, channels: number): string {
  return b.scope('mid_block', () => {
    let h = resnet(b, c, x, channels, channels, 'resnets.0');
    const residual = h;
    h = b.scope('attentions.0', () => {
      const tokens = toTokens(b, groupNorm(b, h, channels, c.normGroups, EPS, 'group_norm'), channels);
      const attended = attention(b, tokens, tokens, { queryDim: channels, contextDim: channels, heads: 1, headDim: channels, qkvBias: true });
      return b.op('Add', [fromTokens(b, attended, residual), residual]);
    });
    return resnet(b, c, h, channels, channels, 'resnets.1');
  });
}

export function buildVaeDecoder(c: VaeConfig, io: VaeDecoderIo, dtype: 'float32' | 'float16'): Graph {
  const b = new GraphBuilder('vae_decoder', dtype);
  const latent = b.input(io.latent.name, io.latent.type, io.latent.dims);
  const reversed = [...c.blockOut].reverse();
  const z = conv2d(b, latent, c.latentChannels, c.latentChannels, 1, 'post_quant_conv');
  const image = b.scope('decoder', () => {
    let h = conv2d(b, z, c.latentChannels, reversed[0], 3, 'conv_in');
    h = midBlock(b, c, h, reversed[0]);
    let prevOut = reversed[0];
    reversed.forEach((outC, i) => {
      h = b.scope(`up_blocks.${i}`, () => {
        let y = h;
        for (let j = 0; j < c.layersPerBlock + 1; j++) y = resnet(b, c, y, j === 0 ? prevOut : outC, outC, `resnets.${j}`);
        return i < reversed.length - 1 ? upsample(b, y, outC, 'upsamplers.0') : y;
      });
      prevOut = outC;
    });
    h = silu(b, groupNorm(b, h, c.blockOut[0], c.normGroups, EPS, 'conv_norm_out'));
    return conv2d(b, h, c.blockOut[0], 3, 3, 'conv_out');
  });
  b.output(image, io.image.name, io.image.type, io.image.dims);
  return b.build();
}

export function buildVaeEncoder(c: VaeConfig, io: VaeEncoderIo, dtype: 'float32' | 'float16'): Graph {
  const b = new GraphBuilder('vae_encoder', dtype);
  const image = b.input(io.image.name, io.image.type, io.image.dims);
  const last = c.blockOut[c.blockOut.length - 1];
  const moments = b.scope('encoder', () => {
    let h = conv2d(b, image, 3, c.blockOut[0], 3, 'conv_in');
    let inC = c.blockOut[0];
    c.blockOut.forEach((outC, i) => {
      h = b.scope(`down_blocks.${i}`, () => {
        let y = h;
        for (let j = 0; j < c.layersPerBlock; j++) y = resnet(b, c, y, j === 0 ? inC : outC, outC, `resnets.${j}`);
        return i < c.blockOut.length - 1 ? downsample(b, y, outC, 'downsamplers.0', 0) : y;
      });
      inC = outC;
    });
    h = midBlock(b, c, h, last);
    h = silu(b, groupNorm(b, h, last, c.normGroups, EPS, 'conv_norm_out'));
    return conv2d(b, h, last, 2 * c.latentChannels, 3, 'conv_out'); // double_z: mean and log-variance
  });
  const quant = conv2d(b, moments, 2 * c.latentChannels, 2 * c.latentChannels, 1, 'quant_conv');
  const mean = b.op('Slice', [quant, b.int64s([0]), b.int64s([c.latentChannels]), b.int64s([1])]);
  b.output(mean, io.latent.name, io.latent.type, io.latent.dims);
  return b.build();
}
