// image.parameters through the router: PNGs made here (sharp pixels + the gallery's chunk writer) carrying
// our JSON, WebUI's infotext or ComfyUI's prompt graph fill the same fields; bad files say what is wrong.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadataChunks } from '../../src-main/gallery/png-meta.js';
import { textChunk, withTextChunks } from '../../src-main/gallery/png-chunks.js';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { ImageParametersService } from '../../src-main/services/image-parameters.js';
import { Studio } from '../../src-main/services/studio.js';
import { sampleParams } from '../gallery/helpers/images.js';

let studio: Studio;
let router: Router;
let tmp: string;
let base: Buffer;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-imgparams-'));
  studio = new Studio({ host: 'web', modelFolders: [], scanHubCache: false, dataDir: tmp, ep: 'cpu', log: () => {} });
  router = createRouter(studio);
  base = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 80, b: 20 } } }).png().toBuffer();
});
afterAll(async () => {
  await studio.close();
  await rm(tmp, { recursive: true, force: true });
});

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const withText = (texts: Record<string, string>) => withTextChunks(base, Object.entries(texts).map(([k, v]) => textChunk(k, v)), []);

async function read(png: Buffer) {
  const r = await router.handle('image.parameters', { png: dataUrl(png) });
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.value as { source: string; parameters: Record<string, unknown> };
}
async function failure(png: Buffer | string) {
  const r = await router.handle('image.parameters', { png: typeof png === 'string' ? png : dataUrl(png) });
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

/** ComfyUI's default workflow as its SaveImage node writes it into the `prompt` chunk. */
function comfyGraph(over: { sampler?: string; scheduler?: string; extra?: Record<string, unknown>; seed?: unknown } = {}) {
  return {
    '3': { class_type: 'KSampler', inputs: { seed: over.seed ?? 156680208700286, steps: 20, cfg: 8, sampler_name: over.sampler ?? 'euler', scheduler: over.scheduler ?? 'normal', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'v1-5-pruned-emaonly.safetensors' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 768, batch_size: 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: 'beautiful scenery nature glass bottle landscape, , purple galaxy bottle,', clip: ['4', 1] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: 'text, watermark', clip: ['4', 1] } },
    '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
    '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'ComfyUI', images: ['8', 0] } },
    ...over.extra,
  };
}

describe('image.parameters', () => {
  it('reads our own PNG (the latent-studio JSON chunk wins over the infotext)', async () => {
    const params = sampleParams({ scheduler: 'dpmpp-2m-karras', seed: '18446744073709551615', width: 64, height: 96 });
    const png = withTextChunks(base, metadataChunks(params, { id: 'x' } as never), []);
    expect(await read(png)).toEqual({
      source: 'latent-studio',
      parameters: {
        prompt: params.prompt, negativePrompt: params.negativePrompt, steps: 20, guidance: 7.5, seed: '18446744073709551615',
        width: 64, height: 96, scheduler: 'dpmpp-2m-karras', sampler: 'dpmpp-2m-karras', model: 'tiny-sd',
      },
    });
  });

  it("reads WebUI's infotext, mapping its sampler name to our id (also 1.9's split Schedule type)", async () => {
    const text = 'a red fox, "quoted"\nNegative prompt: blurry\nSteps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 123, Size: 512x768, Model hash: 0123456789, Model: sd15';
    expect(await read(withText({ parameters: text }))).toEqual({
      source: 'webui',
      parameters: {
        prompt: 'a red fox, "quoted"', negativePrompt: 'blurry', steps: 30, guidance: 6.5, seed: '123', width: 512, height: 768,
        scheduler: 'dpmpp-2m-karras', sampler: 'DPM++ 2M Karras', model: 'sd15',
      },
    });
  });

  it('gives scheduler null with the foreign name for a WebUI sampler we do not have', async () => {
    const { parameters } = await read(withText({ parameters: 'cat\nSteps: 10, Sampler: Restart, CFG scale: 7, Seed: 5, Size: 64x64' }));
    expect(parameters).toMatchObject({ scheduler: null, sampler: 'Restart', steps: 10, negativePrompt: '' });
  });

  it("reads ComfyUI's plain txt2img graph from the prompt chunk", async () => {
    const png = withText({ prompt: JSON.stringify(comfyGraph()), workflow: '{"nodes":[]}' });
    expect(await read(png)).toEqual({
      source: 'comfyui',
      parameters: {
        prompt: 'beautiful scenery nature glass bottle landscape, , purple galaxy bottle,', negativePrompt: 'text, watermark',
        steps: 20, guidance: 8, seed: '156680208700286', width: 512, height: 768, scheduler: 'euler', sampler: 'euler normal',
        model: 'v1-5-pruned-emaonly.safetensors',
      },
    });
  });

  it.each([
    ['euler_ancestral', 'normal', 'euler-a'], ['dpmpp_2m', 'karras', 'dpmpp-2m-karras'], ['dpmpp_2m', 'normal', 'dpmpp-2m'],
    ['lms', 'normal', 'lms'], ['ddim', 'ddim_uniform', 'ddim'], ['euler', 'exponential', null], ['res_multistep', 'normal', null],
  ])('maps ComfyUI %s + %s to %s', async (sampler, scheduler, id) => {
    const { parameters } = await read(withText({ prompt: JSON.stringify(comfyGraph({ sampler, scheduler })) }));
    expect(parameters.scheduler).toBe(id);
    expect(parameters.sampler).toBe(`${sampler} ${scheduler}`);
  });

  it('names what it found in a ComfyUI graph that is not plain', async () => {
    const lora = comfyGraph({ extra: { '10': { class_type: 'LoraLoader', inputs: { lora_name: 'x.safetensors', model: ['4', 0], clip: ['4', 1] } } } });
    const e = await failure(withText({ prompt: JSON.stringify(lora) }));
    expect(e.code).toBe('image/comfyui-not-plain');
    expect(e.message).toContain('LoraLoader');
    expect(e.params).toEqual({ found: 'LoraLoader' });
    const wired = comfyGraph({ seed: ['4', 0] });
    const w = await failure(withText({ prompt: JSON.stringify(wired) }));
    expect(w.message).toContain('input "seed" is wired from CheckpointLoaderSimple');
    const bad = await failure(withText({ prompt: '{not json' }));
    expect(bad.code).toBe('image/comfyui-bad-graph');
  });

  it('refuses a PNG without parameters, a JPEG, a damaged PNG and a non-data URL, saying which', async () => {
    const none = await failure(withText({ Software: 'GIMP' }));
    expect(none.code).toBe('image/no-parameters');
    expect(none.message).toContain('its text chunks: Software');
    const jpeg = await sharp(base).jpeg().toBuffer();
    expect(await failure(jpeg)).toMatchObject({ code: 'gallery/unsupported-format', params: { format: 'JPEG' } });
    const cut = withText({ parameters: 'x\nSteps: 1, Sampler: Euler, Seed: 1' }).subarray(0, 60);
    expect((await failure(cut)).code).toBe('gallery/corrupt-png');
    expect(await failure('https://example.com/a.png')).toMatchObject({ code: 'contract/bad-request', params: { field: 'png' } });
  });

  it('maps every ComfyUI sampler it lists to an id of the WebUI table', () => {
    expect(ImageParametersService.comfyScheduler('dpmpp_2m_sde', 'karras')).toBe('dpmpp-2m-sde-karras');
    expect(ImageParametersService.comfyScheduler('euler_ancestral', 'karras')).toBeUndefined();
  });
});
