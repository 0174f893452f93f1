// Step 1 of the pipeline: prompt and negative prompt → CLIP text embeddings, as diffusers'
// encode_prompt does (77-token windows, negative prompt padded to the same length, batch repeat).
import { performance } from 'node:perf_hooks';
import type { Tensor } from 'onnxruntime-node';
import { idsTensor } from '../runtime/index.js';
import { tensorToFloat32 } from '../runtime/index.js';
import type { LoadedModel } from './loaded-model.js';
import { batchChunks } from './component-io.js';

export interface EncodedPrompts {
  /** Embeddings for U-Net rows: [uncond × batch, cond × batch] with guidance, else [cond × batch]. Row-major [rows, seq, width]. */
  context: Float32Array;
  rows: number;
  seqLen: number;
  width: number;
  tokenizeMs: number;
  textEncoderMs: number;
}

export async function encodePrompts(model: LoadedModel, prompt: string, negative: string, batch: number, guided: boolean): Promise<EncodedPrompts> {
  const t0 = performance.now();
  const maxLen = model.textIo.sequenceLength ?? model.tokenizer.modelMaxLength;
  const texts = guided ? [negative, prompt] : [prompt];
  const ids = texts.map((t) => model.tokenizer.encode(t, maxLen).inputIds);
  const t1 = performance.now();
  const embeds = await model.withSession('text_encoder', async (session) => {
    const out: Float32Array[] = [];
    for (const [start, count] of batchChunks(ids.length, model.textIo.fixedBatch)) {
      const rows = ids.slice(start, start + count);
      while (model.textIo.fixedBatch && rows.length < model.textIo.fixedBatch) rows.push(rows[rows.length - 1]);
      const feeds: Record<string, Tensor> = { [model.textIo.ids.name]: idsTensor(model.textIo.ids, rows.flat(), [rows.length, maxLen]) };
      const res = await session.run(feeds, [model.textIo.hidden]);
      const data = tensorToFloat32(res[model.textIo.hidden], 'The text encoder');
      const per = data.length / rows.length;
      for (let i = 0; i < count; i++) out.push(data.slice(i * per, (i + 1) * per));
    }
    return out;
  });
  const t2 = performance.now();
  const per = embeds[0].length;
  const context = new Float32Array(per * texts.length * batch);
  // diffusers: prompt_embeds.repeat(1, n, 1).view(bs*n, …); with CFG cat([negative, prompt]).
  embeds.forEach((e, i) => {
    for (let b = 0; b < batch; b++) context.set(e, (i * batch + b) * per);
  });
  return { context, rows: texts.length * batch, seqLen: maxLen, width: per / maxLen, tokenizeMs: t1 - t0, textEncoderMs: t2 - t1 };
}
