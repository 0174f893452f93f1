// WebUI infotext: our writer follows create_infotext (order, quoting, "7.0"), our reader follows
// parse_generation_parameters, on texts laid out as WebUI 1.x writes them.
import { describe, expect, it } from 'vitest';
import {
  WEBUI_SAMPLER_NAMES, formatInfotext, parseInfotext, quoteInfotextValue, samplerName, schedulerFromSampler, summarizeInfotext,
} from '../../src-main/gallery/infotext.js';
import { sampleParams } from './helpers/images.js';

describe('formatInfotext', () => {
  it('writes prompt, negative prompt and the fields in create_infotext order', () => {
    expect(formatInfotext(sampleParams())).toBe(
      'a watercolor fox in a snowy forest, soft light\n' +
      'Negative prompt: blurry, lowres\n' +
      'Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 256x256, Model hash: ABCDEF0123, Model: tiny-sd, RNG: CPU',
    );
  });

  it('prints integral guidance as Python does (7.0), omits an empty negative prompt, writes 64-bit seeds in full', () => {
    const text = formatInfotext(sampleParams({ guidance: 7, negativePrompt: '', seed: '-9223372036854775808', rngSource: 'philox', scheduler: 'dpmpp-2m-karras' }));
    expect(text).toBe('a watercolor fox in a snowy forest, soft light\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7.0, Seed: -9223372036854775808, Size: 256x256, Model hash: ABCDEF0123, Model: tiny-sd, RNG: NV');
  });

  it('quotes values holding a comma, colon or newline as JSON (infotext_utils.quote)', () => {
    expect(quoteInfotextValue('plain name')).toBe('plain name');
    expect(quoteInfotextValue('a, b')).toBe('"a, b"');
    expect(quoteInfotextValue('org/x:v2')).toBe('"org/x:v2"');
    expect(quoteInfotextValue('say "hi", ünïcode')).toBe('"say \\"hi\\", ünïcode"');
    const text = formatInfotext(sampleParams({ model: { name: 'my, model: v2' } }));
    expect(text.endsWith('Size: 256x256, Model: "my, model: v2", RNG: CPU')).toBe(true);
    expect(summarizeInfotext(parseInfotext(text)).modelName).toBe('my, model: v2');
  });

  it('maps every scheduler id to one WebUI sampler name and back', () => {
    expect(samplerName('euler-a')).toBe('Euler a');
    expect(samplerName('dpmpp-2m-karras')).toBe('DPM++ 2M Karras');
    expect(samplerName('ddim')).toBe('DDIM');
    expect(samplerName('pndm')).toBe('PLMS');
    expect(samplerName('future-sampler')).toBe('future-sampler');
    const names = Object.values(WEBUI_SAMPLER_NAMES);
    expect(new Set(names).size).toBe(names.length);
    for (const [id, name] of Object.entries(WEBUI_SAMPLER_NAMES)) {
      expect(schedulerFromSampler(name)).toBe(id);
      expect(schedulerFromSampler(name.toUpperCase())).toBe(id);
    }
  });
});

// Shaped like WebUI 1.9's output: split sampler/schedule, quoted hashes, extra networks in the prompt.
const WEBUI_19 = [
  'masterpiece, best quality, 1girl, (red scarf:1.2), <lora:add_detail:0.5>',
  'snowy street',
  'Negative prompt: (worst quality:1.4), lowres',
  'bad hands',
  'Steps: 25, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 3053226574, Size: 512x768, Model hash: 6ce0161689, ' +
    'Model: v1-5-pruned-emaonly, VAE hash: 735e4c3a44, Denoising strength: 0.5, Clip skip: 2, Hires upscale: 2, ' +
    'Lora hashes: "add_detail: 7c6bad76eb54", TI hashes: "EasyNegative: c74b4e810b03, bad: 0123", Version: v1.9.4',
].join('\n');

describe('parseInfotext (parse_generation_parameters)', () => {
  it('splits prompt and negative prompt lines and reads the last line as fields', () => {
    const parsed = parseInfotext(WEBUI_19);
    expect(parsed.prompt).toBe('masterpiece, best quality, 1girl, (red scarf:1.2), <lora:add_detail:0.5>\nsnowy street');
    expect(parsed.negativePrompt).toBe('(worst quality:1.4), lowres\nbad hands');
    expect(parsed.fields['Lora hashes']).toBe('add_detail: 7c6bad76eb54');
    expect(parsed.fields['TI hashes']).toBe('EasyNegative: c74b4e810b03, bad: 0123');
    expect(parsed.fields.Version).toBe('v1.9.4');
    expect(Object.keys(parsed.fields)).toHaveLength(15);
  });

  it('summarises the fields the gallery indexes, joining a split Karras schedule', () => {
    const s = summarizeInfotext(parseInfotext(WEBUI_19));
    expect(s).toMatchObject({
      steps: 25, guidance: 7, seed: '3053226574', sampler: 'DPM++ 2M', scheduler: 'dpmpp-2m-karras', width: 512, height: 768,
      modelName: 'v1-5-pruned-emaonly', modelHash: '6ce0161689', rng: 'GPU',
    });
  });

  it('reads the docstring example (pre-1.6 layout, no negative prompt line wrapping)', () => {
    const text = "girl with an artist's beret, determined, blue eyes, desert scene\nNegative prompt: ugly, fat, obese\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b";
    const s = summarizeInfotext(parseInfotext(text));
    expect(s).toMatchObject({ prompt: "girl with an artist's beret, determined, blue eyes, desert scene", negativePrompt: 'ugly, fat, obese', steps: 20, scheduler: 'euler-a', seed: '965400086', modelHash: '45dee52b' });
  });

  it('treats a last line with fewer than 3 fields as prompt, as WebUI does', () => {
    const parsed = parseInfotext('a cat\nSteps: 20, Seed: 1');
    expect(parsed.prompt).toBe('a cat\nSteps: 20, Seed: 1');
    expect(parsed.fields).toEqual({});
    expect(summarizeInfotext(parsed).rng).toBeUndefined();
  });

  it('keeps escaped quotes and non-Latin text of quoted values; leaves invalid JSON quoted text as it is', () => {
    const parsed = parseInfotext('猫\nSteps: 1, Note: "他说 \\"你好\\", ok", Broken: "a\\x", Size: 64x64');
    expect(parsed.prompt).toBe('猫');
    expect(parsed.fields.Note).toBe('他说 "你好", ok');
    expect(parsed.fields.Broken).toBe('"a\\x"');
  });

  it('round-trips our own parameters', () => {
    const p = sampleParams({ prompt: 'line one, with comma\nline two: colon', negativePrompt: 'neg a\nneg b', seed: '18446744073709551615', guidance: 12.25 });
    const s = summarizeInfotext(parseInfotext(formatInfotext(p)));
    expect(s).toEqual({
      prompt: p.prompt, negativePrompt: p.negativePrompt, steps: 20, guidance: 12.25, seed: '18446744073709551615', sampler: 'Euler a',
      scheduler: 'euler-a', width: 256, height: 256, modelName: 'tiny-sd', modelHash: 'ABCDEF0123', rng: 'CPU',
    });
  });
});
