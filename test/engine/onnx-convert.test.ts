// The float16 converter and the ONNX file reader/writer, on the diffusers fixture (its U-Net keeps
// its weights in an external weights.pb) with real onnxruntime sessions.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATA_TYPE, convertFolderToFloat16, convertModelToFloat16, convertModelToFloat32, readOnnxModel, writeOnnxModel, type OnnxModelObject,
} from '../../src-main/engine/onnx/index.js';
import { LoadedModel, txt2img } from '../../src-main/engine/pipeline/index.js';
import { float16ToFloat32, toFloat16Bits } from '../../src-main/engine/float16.js';
import { fixture } from '../helpers/fixtures.js';

const MODEL = fixture('diffusers-tiny', 'model');
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ls-onnx-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const floatTypes = (m: OnnxModelObject) => new Set<number>((m.graph.initializer as OnnxModelObject[]).map((t) => t.dataType).filter((t) => t === DATA_TYPE.float32 || t === DATA_TYPE.float16));
const ioTypes = (m: OnnxModelObject) => [...m.graph.input, ...m.graph.output].map((v: OnnxModelObject) => v.type.tensorType.elemType);

describe('readOnnxModel / writeOnnxModel', () => {
  it('pulls external weights in and writes them back out beyond the inline limit', async () => {
    const unet = await readOnnxModel(path.join(MODEL, 'unet', 'model.onnx'));
    const raw = (unet.graph.initializer as OnnxModelObject[]).reduce((n, t) => n + (t.rawData?.length ?? 0), 0);
    expect(raw).toBeGreaterThan(5_000_000); // weights.pb's contents are now inline
    expect((unet.graph.initializer as OnnxModelObject[]).some((t) => t.dataLocation === 1)).toBe(false);
    const dir = path.join(tmp, 'ext');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeOnnxModel(unet, path.join(dir, 'model.onnx'), { inlineLimit: 1024 });
    expect(readdirSync(dir).sort()).toEqual(['model.onnx', 'model.onnx_data']);
    expect(statSync(path.join(dir, 'model.onnx_data')).size).toBeGreaterThan(5_000_000);
    const back = await readOnnxModel(path.join(dir, 'model.onnx'));
    const bytes = (m: OnnxModelObject) => Buffer.concat((m.graph.initializer as OnnxModelObject[]).map((t) => t.rawData ?? Buffer.alloc(0)));
    expect(bytes(back).equals(bytes(await readOnnxModel(path.join(MODEL, 'unet', 'model.onnx'))))).toBe(true);
    // and onnxruntime loads the externalised copy
    const s = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
    expect(s.inputNames).toContain('sample');
    await s.release();
  });

  it('names the file when it is not an ONNX model or its external weights are gone', async () => {
    await expect(readOnnxModel(path.join(MODEL, 'model_index.json'))).rejects.toMatchObject({ code: expect.stringMatching(/^engine\//), message: expect.stringContaining('model_index.json') });
  });
});

describe('convertModelToFloat16', () => {
  it('turns every float tensor, cast and graph input/output into float16 and keeps Resize scales float32', async () => {
    const vae = await readOnnxModel(path.join(MODEL, 'vae_decoder', 'model.onnx'));
    const report = convertModelToFloat16(vae);
    expect(floatTypes(vae)).toEqual(new Set([DATA_TYPE.float16]));
    expect(ioTypes(vae)).toEqual([DATA_TYPE.float16, DATA_TYPE.float16]);
    expect(report.keptFloat32).toBe(3); // the decoder's three upsamplers
    for (const n of vae.graph.node as OnnxModelObject[]) {
      if (n.opType === 'Resize' && n.input[2]) {
        const producer = (vae.graph.node as OnnxModelObject[]).find((p) => p.output.includes(n.input[2]));
        expect(producer).toMatchObject({ opType: 'Cast', attribute: [{ name: 'to', i: DATA_TYPE.float32 }] });
      }
    }
  });

  it('clamps values beyond float16 (the text encoder\'s -3.4e38 attention mask) instead of making them infinite', async () => {
    const te = await readOnnxModel(path.join(MODEL, 'text_encoder', 'model.onnx'));
    expect(convertModelToFloat16(te).clamped).toBeGreaterThan(0);
  });

  it('gives a model folder that loads with float16 I/O and draws the float32 image within 5e-3', async () => {
    const dst = path.join(tmp, 'f16');
    const reports = await convertFolderToFloat16(MODEL, dst);
    expect(Object.keys(reports).sort()).toEqual(['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']);
    expect(statSync(path.join(dst, 'unet', 'model.onnx')).size).toBeLessThan(0.6 * (statSync(path.join(MODEL, 'unet', 'weights.pb')).size + statSync(path.join(MODEL, 'unet', 'model.onnx')).size));
    const req = { prompt: 'a red bicycle in the snow', negativePrompt: 'blurry', steps: 4, guidance: 6, seed: 31337n, width: 64, height: 96, scheduler: 'dpmpp-2m' };
    const [m32, m16] = [await LoadedModel.load(MODEL, { ep: 'cpu' }), await LoadedModel.load(dst, { ep: 'cpu' })];
    try {
      expect(m16.unetIo.sample.type).toBe('float16');
      expect(m16.unetIo.context.type).toBe('float16');
      const [a, b] = [await txt2img(m32, req), await txt2img(m16, req)];
      let d = 0;
      for (let i = 0; i < a.images[0].float.length; i++) d = Math.max(d, Math.abs(a.images[0].float[i] - b.images[0].float[i]));
      expect(d).toBeGreaterThan(0); // it really ran in float16
      expect(d).toBeLessThanOrEqual(5e-3);
    } finally {
      await m32.release();
      await m16.release();
    }
  }, 120_000);

  it('refuses to overwrite the source folder', async () => {
    await expect(convertFolderToFloat16(MODEL, MODEL)).rejects.toMatchObject({ code: 'engine/bad-argument' });
  });
});

describe('convertModelToFloat32', () => {
  it('widens a float16 model back so that it computes what the float16 one does, in float32', async () => {
    const vae16 = await readOnnxModel(path.join(tmp, 'f16', 'vae_decoder', 'model.onnx'));
    const vae32 = await readOnnxModel(path.join(tmp, 'f16', 'vae_decoder', 'model.onnx'));
    convertModelToFloat32(vae32);
    expect(floatTypes(vae32)).toEqual(new Set([DATA_TYPE.float32]));
    expect(ioTypes(vae32)).toEqual([DATA_TYPE.float32, DATA_TYPE.float32]);
    await writeOnnxModel(vae16, path.join(tmp, 'vae16.onnx'));
    await writeOnnxModel(vae32, path.join(tmp, 'vae32.onnx'));
    const latent = Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => Math.sin(i));
    const half = new ort.Tensor('float16', Uint16Array.from(latent, (v) => toHalf(v)), [1, 4, 8, 8]);
    const s16 = await ort.InferenceSession.create(path.join(tmp, 'vae16.onnx'));
    const s32 = await ort.InferenceSession.create(path.join(tmp, 'vae32.onnx'));
    const widenedIn = new ort.Tensor('float32', Float32Array.from(half.data as Uint16Array, fromHalf), [1, 4, 8, 8]);
    const o16 = Array.from((await s16.run({ latent_sample: half })).sample.data as Uint16Array, fromHalf);
    const o32 = (await s32.run({ latent_sample: widenedIn })).sample.data as Float32Array;
    let d = 0;
    for (let i = 0; i < o32.length; i++) d = Math.max(d, Math.abs(o32[i] - o16[i]));
    expect(d).toBeLessThan(2e-2); // float16 rounding of the float16 run's intermediates, on values in [-1, 1]
    await s16.release();
    await s32.release();
  }, 60_000);
});

const toHalf = (v: number) => toFloat16Bits(v);
const fromHalf = (h: number) => float16ToFloat32(new Uint16Array([h]))[0];
