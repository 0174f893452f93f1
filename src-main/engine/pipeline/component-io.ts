// Finds each component's inputs and outputs by role (ids, sample, timestep, text embeddings, latents)
// from session metadata, so one pipeline serves every export's names, element types and batch rules.
import { StudioError } from '../../../src-shared/errors.js';
import type { ComponentSession, TensorSpec } from '../runtime/index.js';

export interface TextEncoderIo { ids: TensorSpec; hidden: string; fixedBatch?: number; sequenceLength?: number; hiddenSize?: number }
export interface UnetIo { sample: TensorSpec; timestep: TensorSpec; context: TensorSpec; out: string; outType: TensorSpec['type']; fixedBatch?: number }
export interface VaeDecoderIo { latent: TensorSpec; image: string; fixedBatch?: number }

const isFloat = (s: TensorSpec) => s.type === 'float32' || s.type === 'float16';
const isInt = (s: TensorSpec) => s.type === 'int32' || s.type === 'int64';
const fixedDim = (s: TensorSpec, i: number) => (typeof s.shape[i] === 'number' && (s.shape[i] as number) > 0 ? (s.shape[i] as number) : undefined);

function pick(specs: TensorSpec[], preferred: string[], test: (s: TensorSpec) => boolean): TensorSpec | undefined {
  for (const name of preferred) {
    const s = specs.find((x) => x.name === name && test(x));
    if (s) return s;
  }
  return specs.find(test);
}

function ioError(session: ComponentSession, role: string, expected: string): StudioError {
  const describe = (specs: TensorSpec[]) => specs.map((s) => `${s.name} ${s.type}[${s.shape.join(',')}]`).join('; ');
  return new StudioError(
    'engine/bad-model-io',
    `${session.file} does not look like a ${role}: expected ${expected}. Inputs: ${describe(session.inputs)}. Outputs: ${describe(session.outputs)}.`,
    { file: session.file, role },
  );
}

function refuseUnknownInputs(session: ComponentSession, known: TensorSpec[], role: string): void {
  const extra = session.inputs.filter((s) => !known.includes(s));
  if (extra.length) throw ioError(session, role, `only the inputs ${known.map((k) => k.name).join(', ')} (it also wants ${extra.map((e) => e.name).join(', ')})`);
}

export function textEncoderIo(session: ComponentSession): TextEncoderIo {
  const ids = pick(session.inputs, ['input_ids'], (s) => isInt(s) && s.shape.length === 2);
  const hidden = pick(session.outputs, ['last_hidden_state', 'text_embeddings', 'hidden_states'], (s) => isFloat(s) && s.shape.length === 3);
  if (!ids || !hidden) throw ioError(session, 'CLIP text encoder', 'int32/int64 input_ids [batch, 77] → float last_hidden_state [batch, 77, width]');
  refuseUnknownInputs(session, [ids], 'CLIP text encoder');
  return { ids, hidden: hidden.name, fixedBatch: fixedDim(ids, 0), sequenceLength: fixedDim(ids, 1), hiddenSize: fixedDim(hidden, 2) };
}

export function unetIo(session: ComponentSession): UnetIo {
  const sample = pick(session.inputs, ['sample'], (s) => isFloat(s) && s.shape.length === 4);
  const timestep = pick(session.inputs, ['timestep', 't'], (s) => s.shape.length <= 1 && s !== sample);
  const context = pick(session.inputs, ['encoder_hidden_states'], (s) => isFloat(s) && s.shape.length === 3);
  const out = pick(session.outputs, ['out_sample', 'noise_pred', 'latent'], (s) => isFloat(s) && s.shape.length === 4) ?? session.outputs[0];
  if (!sample || !timestep || !context || !out) {
    throw ioError(session, 'U-Net', 'sample [batch,4,h,w], timestep [batch] or scalar, encoder_hidden_states [batch,77,width] → out_sample');
  }
  refuseUnknownInputs(session, [sample, timestep, context], 'Stable Diffusion 1.x/2.x U-Net');
  return { sample, timestep, context, out: out.name, outType: out.type, fixedBatch: fixedDim(sample, 0) };
}

export function vaeDecoderIo(session: ComponentSession): VaeDecoderIo {
  const latent = pick(session.inputs, ['latent_sample', 'latent'], (s) => isFloat(s) && s.shape.length === 4);
  const image = pick(session.outputs, ['sample', 'image'], (s) => isFloat(s) && s.shape.length === 4);
  if (!latent || !image) throw ioError(session, 'VAE decoder', 'latent_sample [batch,4,h,w] → sample [batch,3,8h,8w]');
  refuseUnknownInputs(session, [latent], 'VAE decoder');
  return { latent, image: image.name, fixedBatch: fixedDim(latent, 0) };
}

/** Splits `rows` rows into the chunks a session with an optional fixed batch accepts. */
export function batchChunks(rows: number, fixedBatch: number | undefined): Array<[start: number, count: number]> {
  if (!fixedBatch) return [[0, rows]];
  const out: Array<[number, number]> = [];
  for (let s = 0; s < rows; s += fixedBatch) out.push([s, Math.min(fixedBatch, rows - s)]);
  return out;
}
