// The model configurations the generator builds: the real SD 1.5 and SD 2.x architectures
// (diffusers' unet/config.json, vae/config.json and transformers' text_encoder/config.json values)
// and tiny versions of each with the same structure for tests.

export type SyntheticConfigName = 'tiny' | 'sd15' | 'sd2' | 'sd2-tiny' | 'turbo-tiny';
export type DownBlockType = 'CrossAttnDownBlock2D' | 'DownBlock2D';
export type UpBlockType = 'UpBlock2D' | 'CrossAttnUpBlock2D';

export interface UnetConfig {
  blockOut: number[];
  down: DownBlockType[];
  up: UpBlockType[];
  layersPerBlock: number;
  /** Attention heads per block (diffusers' legacy `attention_head_dim`). */
  heads: number[];
  crossAttentionDim: number;
  normGroups: number;
  /** SD 2.x: proj_in/proj_out are Linear instead of 1×1 Conv. */
  linearProjection: boolean;
  /** Native latent size (diffusers' `sample_size`): 64 for 512 px, 96 for 768 px. */
  sampleSize: number;
}

export interface TextEncoderConfig {
  vocabSize: number;
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
  act: 'quick_gelu' | 'gelu';
}

export interface VaeConfig {
  blockOut: number[];
  layersPerBlock: number;
  latentChannels: number;
  normGroups: number;
  scalingFactor: number;
}

export type SchedulerFamily = 'pndm' | 'ddim-v' | 'euler-a-trailing';

export interface ModelConfig {
  name: SyntheticConfigName;
  unet: UnetConfig;
  text: TextEncoderConfig;
  vae: VaeConfig;
  /** Which scheduler_config.json the model family ships with. */
  scheduler: SchedulerFamily;
}

const VOCAB = 49408; // the CLIP BPE vocabulary: the tokenizer's ids index this table
const SD_VAE: VaeConfig = { blockOut: [128, 256, 512, 512], layersPerBlock: 2, latentChannels: 4, normGroups: 32, scalingFactor: 0.18215 };
const TINY_VAE: VaeConfig = { blockOut: [32, 32, 64, 64], layersPerBlock: 1, latentChannels: 4, normGroups: 32, scalingFactor: 0.18215 };
const SD_DOWN: DownBlockType[] = ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'];
const SD_UP: UpBlockType[] = ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'];
const TINY_DOWN: DownBlockType[] = ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'];
const TINY_UP: UpBlockType[] = ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'];

export const CONFIGS: Readonly<Record<SyntheticConfigName, ModelConfig>> = Object.freeze({
  sd15: {
    name: 'sd15',
    unet: { blockOut: [320, 640, 1280, 1280], down: SD_DOWN, up: SD_UP, layersPerBlock: 2, heads: [8, 8, 8, 8], crossAttentionDim: 768, normGroups: 32, linearProjection: false, sampleSize: 64 },
    text: { vocabSize: VOCAB, hidden: 768, layers: 12, heads: 12, intermediate: 3072, maxPositions: 77, act: 'quick_gelu' },
    vae: SD_VAE,
    scheduler: 'pndm',
  },
  sd2: {
    name: 'sd2',
    unet: { blockOut: [320, 640, 1280, 1280], down: SD_DOWN, up: SD_UP, layersPerBlock: 2, heads: [5, 10, 20, 20], crossAttentionDim: 1024, normGroups: 32, linearProjection: true, sampleSize: 96 },
    text: { vocabSize: VOCAB, hidden: 1024, layers: 23, heads: 16, intermediate: 4096, maxPositions: 77, act: 'gelu' },
    vae: SD_VAE,
    scheduler: 'ddim-v',
  },
  tiny: {
    name: 'tiny',
    unet: { blockOut: [32, 64, 64], down: TINY_DOWN, up: TINY_UP, layersPerBlock: 2, heads: [2, 2, 2], crossAttentionDim: 32, normGroups: 32, linearProjection: false, sampleSize: 64 },
    text: { vocabSize: VOCAB, hidden: 32, layers: 2, heads: 4, intermediate: 64, maxPositions: 77, act: 'quick_gelu' },
    vae: TINY_VAE,
    scheduler: 'pndm',
  },
  'sd2-tiny': {
    name: 'sd2-tiny',
    unet: { blockOut: [32, 64, 64], down: TINY_DOWN, up: TINY_UP, layersPerBlock: 2, heads: [1, 2, 2], crossAttentionDim: 64, normGroups: 32, linearProjection: true, sampleSize: 96 },
    text: { vocabSize: VOCAB, hidden: 64, layers: 2, heads: 2, intermediate: 128, maxPositions: 77, act: 'gelu' },
    vae: TINY_VAE,
    scheduler: 'ddim-v',
  },
  'turbo-tiny': {
    name: 'turbo-tiny',
    unet: { blockOut: [32, 64, 64], down: TINY_DOWN, up: TINY_UP, layersPerBlock: 2, heads: [1, 2, 2], crossAttentionDim: 64, normGroups: 32, linearProjection: true, sampleSize: 64 },
    text: { vocabSize: VOCAB, hidden: 64, layers: 2, heads: 2, intermediate: 128, maxPositions: 77, act: 'gelu' },
    vae: TINY_VAE,
    scheduler: 'euler-a-trailing',
  },
});

export const CONFIG_NAMES: readonly SyntheticConfigName[] = Object.freeze(['tiny', 'sd15', 'sd2', 'sd2-tiny', 'turbo-tiny']);

/** diffusers' UNet2DConditionModel config.json for a configuration. */
export function unetConfigJson(c: ModelConfig): Record<string, unknown> {
  const u = c.unet;
  return {
    _class_name: 'UNet2DConditionModel',
    _diffusers_version: '0.24.0',
    act_fn: 'silu',
    attention_head_dim: u.heads.every((h) => h === u.heads[0]) ? u.heads[0] : u.heads,
    block_out_channels: u.blockOut,
    center_input_sample: false,
    cross_attention_dim: u.crossAttentionDim,
    down_block_types: u.down,
    downsample_padding: 1,
    flip_sin_to_cos: true,
    freq_shift: 0,
    in_channels: 4,
    layers_per_block: u.layersPerBlock,
    mid_block_scale_factor: 1,
    norm_eps: 1e-5,
    norm_num_groups: u.normGroups,
    out_channels: 4,
    sample_size: u.sampleSize,
    up_block_types: u.up,
    use_linear_projection: u.linearProjection,
  };
}

/** transformers' CLIPTextConfig config.json for a configuration. */
export function textConfigJson(c: ModelConfig): Record<string, unknown> {
  const t = c.text;
  return {
    architectures: ['CLIPTextModel'],
    model_type: 'clip_text_model',
    bos_token_id: 0,
    eos_token_id: 2,
    pad_token_id: 1,
    hidden_act: t.act,
    hidden_size: t.hidden,
    intermediate_size: t.intermediate,
    layer_norm_eps: 1e-5,
    max_position_embeddings: t.maxPositions,
    num_attention_heads: t.heads,
    num_hidden_layers: t.layers,
    projection_dim: t.hidden,
    vocab_size: t.vocabSize,
  };
}

/** diffusers' AutoencoderKL config.json for a configuration. */
export function vaeConfigJson(c: ModelConfig): Record<string, unknown> {
  const v = c.vae;
  return {
    _class_name: 'AutoencoderKL',
    _diffusers_version: '0.24.0',
    act_fn: 'silu',
    block_out_channels: v.blockOut,
    down_block_types: v.blockOut.map(() => 'DownEncoderBlock2D'),
    in_channels: 3,
    latent_channels: v.latentChannels,
    layers_per_block: v.layersPerBlock,
    norm_num_groups: v.normGroups,
    out_channels: 3,
    sample_size: c.unet.sampleSize * 8,
    scaling_factor: v.scalingFactor,
    up_block_types: v.blockOut.map(() => 'UpDecoderBlock2D'),
  };
}

const BETAS = { beta_end: 0.012, beta_schedule: 'scaled_linear', beta_start: 0.00085, num_train_timesteps: 1000, trained_betas: null };

/** scheduler/scheduler_config.json the model family ships with. */
export function schedulerConfigJson(c: ModelConfig): Record<string, unknown> {
  switch (c.scheduler) {
    case 'pndm':
      return { _class_name: 'PNDMScheduler', _diffusers_version: '0.24.0', ...BETAS, clip_sample: false, prediction_type: 'epsilon', set_alpha_to_one: false, skip_prk_steps: true, steps_offset: 1, timestep_spacing: 'leading' };
    case 'ddim-v':
      return { _class_name: 'DDIMScheduler', _diffusers_version: '0.24.0', ...BETAS, clip_sample: false, prediction_type: 'v_prediction', set_alpha_to_one: false, skip_prk_steps: true, steps_offset: 1, timestep_spacing: 'leading' };
    case 'euler-a-trailing':
      return { _class_name: 'EulerAncestralDiscreteScheduler', _diffusers_version: '0.24.0', ...BETAS, prediction_type: 'epsilon', steps_offset: 1, timestep_spacing: 'trailing' };
  }
}
