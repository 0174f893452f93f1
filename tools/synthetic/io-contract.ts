// The I/O contract of each component for a layout: input/output names, element types and
// symbolic dimension names, as the exporters behind each layout write them
// (diffusers' convert_stable_diffusion_checkpoint_to_onnx.py; Optimum's model configs, which
// onnxruntime's own SD-Turbo web exports also follow).
import type { Dim, FloatType } from './graph-builder.js';
import type { ElemType } from '../../src-main/engine/onnx/index.js';

export type LayoutName = 'diffusers' | 'optimum' | 'ort-turbo' | 'sd2';

// NOTE: 'ort-turbo' follows the SD-Turbo exports onnxruntime's web sample runs (Olive/Optimum-made:
// input_ids → last_hidden_state; sample, timestep int64 [1], encoder_hidden_states → out_sample;
// latent_sample → sample; dims batch_size/num_channels/height/width/sequence_length, the names its
// freeDimensionOverrides use). onnxruntime's TensorRT/CUDA demo (diffusion_models.py) names them
// text_embeddings / latent / images and uses contrib ops; that variant is not generated. The
// pooler_output beside last_hidden_state is our assumption.

export interface ResolvedIoOptions {
  dtype: FloatType;
  layout: LayoutName;
  idsType: 'int32' | 'int64';
  timestepType: 'float32' | 'float16' | 'int64';
  timestepShape: 'batch' | 'scalar';
  batch: 'dynamic' | 1 | 2;
}

export interface Port { name: string; type: ElemType; dims: Dim[] }
export interface TextEncoderIo { ids: Port; hidden: Port; pooler: Port }
export interface UnetIo { sample: Port; timestep: Port; context: Port; out: Port }
export interface VaeDecoderIo { latent: Port; image: Port }
export interface VaeEncoderIo { image: Port; latent: Port }
export interface IoContract { text: TextEncoderIo; unet: UnetIo; vaeDecoder: VaeDecoderIo; vaeEncoder: VaeEncoderIo }

/** Symbolic dimension names; `lat*` name the decoder's latent input, `enc*` the encoder's latent output. */
interface DimNames { batch: string; seq: string; ch: string; h: string; w: string; steps: string; latCh: string; latH: string; latW: string; imgH: string; imgW: string; encH: string; encW: string }

const DIFFUSERS_DIMS: DimNames = { batch: 'batch', seq: 'sequence', ch: 'channels', h: 'height', w: 'width', steps: 'batch', latCh: 'channels', latH: 'height', latW: 'width', imgH: 'image_height', imgW: 'image_width', encH: 'latent_height', encW: 'latent_width' };
const OPTIMUM_DIMS: DimNames = { batch: 'batch_size', seq: 'sequence_length', ch: 'num_channels', h: 'height', w: 'width', steps: 'steps', latCh: 'num_channels_latent', latH: 'height_latent', latW: 'width_latent', imgH: 'height', imgW: 'width', encH: 'height_latent', encW: 'width_latent' };

export function ioContract(o: ResolvedIoOptions, textWidth: number, latentChannels: number): IoContract {
  const n = o.layout === 'diffusers' || o.layout === 'sd2' ? DIFFUSERS_DIMS : OPTIMUM_DIMS;
  const f = o.dtype;
  const batch: Dim = o.batch === 'dynamic' ? n.batch : o.batch;
  const steps: Dim = o.batch === 'dynamic' ? n.steps : o.batch;
  return {
    text: {
      ids: { name: 'input_ids', type: o.idsType, dims: [batch, n.seq] },
      hidden: { name: 'last_hidden_state', type: f, dims: [batch, n.seq, textWidth] },
      pooler: { name: 'pooler_output', type: f, dims: [batch, textWidth] },
    },
    unet: {
      sample: { name: 'sample', type: f, dims: [batch, n.ch, n.h, n.w] },
      timestep: { name: 'timestep', type: o.timestepType, dims: o.timestepShape === 'scalar' ? [] : [steps] },
      context: { name: 'encoder_hidden_states', type: f, dims: [batch, n.seq, textWidth] },
      out: { name: 'out_sample', type: f, dims: [batch, latentChannels, n.h, n.w] },
    },
    vaeDecoder: {
      latent: { name: 'latent_sample', type: f, dims: [batch, n.latCh, n.latH, n.latW] },
      image: { name: 'sample', type: f, dims: [batch, 3, n.imgH, n.imgW] },
    },
    vaeEncoder: {
      image: { name: 'sample', type: f, dims: [batch, n.ch, n.h, n.w] },
      latent: { name: 'latent_sample', type: f, dims: [batch, latentChannels, n.encH, n.encW] },
    },
  };
}
