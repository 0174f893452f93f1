// The CLIP tokenizer must give transformers' slow CLIPTokenizer's ids (with ftfy): every entry of
// the shared goldens, the diffusers fixture's own input_ids, the bundled copy, SD 2.x-style padding,
// and clear errors for missing or broken tokenizer files.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../src-main/engine/npy.js';
import { ClipTokenizer } from '../../src-main/engine/tokenizer/index.js';
import { StudioError } from '../../src-shared/errors.js';
import { REPO_ROOT, fixture } from '../helpers/fixtures.js';

interface GoldenEntry {
  id: string;
  prompt: string;
  ids_untruncated: number[];
  input_ids_77: number[];
  attention_mask: number[];
  n_content_tokens: number;
  truncated: boolean;
}

const CLIP_DIR = fixture('clip-tokenizer');
const TOKENIZER_FILES = ['vocab.json', 'merges.txt', 'tokenizer_config.json', 'special_tokens_map.json'];
const BOS = 49406;
const EOS = 49407;

let tok: ClipTokenizer;
let goldens: GoldenEntry[];
let scratch: string;

beforeAll(async () => {
  tok = await ClipTokenizer.bundled();
  goldens = JSON.parse(await readFile(fixture('clip-tokenizer', 'goldens.json'), 'utf8')).entries;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'latent-tokenizer-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A tokenizer folder in the scratch dir: the fixture's vocab and merges plus the given files. */
async function tokenizerDir(name: string, files: Record<string, string>, copy = ['vocab.json', 'merges.txt']): Promise<string> {
  const dir = path.join(scratch, name);
  await mkdir(dir, { recursive: true });
  for (const f of copy) await copyFile(path.join(CLIP_DIR, f), path.join(dir, f));
  for (const [f, text] of Object.entries(files)) await writeFile(path.join(dir, f), text);
  return dir;
}

async function studioError(p: Promise<unknown>): Promise<StudioError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

describe('goldens.json (transformers CLIPTokenizer, slow, with ftfy 6.3.1)', () => {
  it('has every category the issue names', () => {
    const categories = new Set(goldens.map((e) => (e as unknown as { category: string }).category));
    for (const c of ['cjk', 'emoji', 'html', 'ftfy', 'long', 'empty', 'accents-nfd']) expect(categories).toContain(c);
  });

  it('reproduces ids, input_ids and attention_mask of every entry exactly', () => {
    for (const e of goldens) {
      const r = tok.encode(e.prompt);
      expect(r.ids, e.id).toEqual(e.ids_untruncated);
      expect(r.inputIds, e.id).toEqual(e.input_ids_77);
      expect(r.attentionMask, e.id).toEqual(e.attention_mask);
      expect(r.truncated, e.id).toBe(e.truncated);
      expect(r.ids.length - 2, e.id).toBe(e.n_content_tokens);
      expect(r.tokens.length, e.id).toBe(r.ids.length);
    }
  });

  it('gives the same ids from the fixture folder as from the bundled copy', async () => {
    const fromFixture = await ClipTokenizer.fromDir(CLIP_DIR);
    for (const e of goldens) expect(fromFixture.encode(e.prompt).inputIds, e.id).toEqual(e.input_ids_77);
  });
});

describe('beyond the goldens', () => {
  // Ids from a Python run of transformers' CLIPTokenizer code path (_tokenize, bpe, with `regex` and
  // ftfy 6.3.1), the same pipeline that reproduces every goldens.json entry.
  const CASES: Array<[string, number[]]> = [
    ['富士山の夕焼け、アニメ風', [161, 107, 234, 161, 96, 104, 46096, 109, 21575, 23170, 243, 163, 226, 120, 4813, 495, 45262, 26560, 2429, 233, 2429, 94, 165, 95, 357]],
    ['👨\u200d👩\u200d👧 family portrait', [25023, 26304, 964, 356, 1315, 5352]],
    ['â€œquotedâ€\u009d prompt', [257, 27706, 257, 20198]],
    ['it\u2019s a dog\u2019s life', [585, 568, 320, 1929, 568, 970]],
    ["it'ſ a\u0345b", [585, 6, 129, 379, 320, 321]],
    ['<lora:x:1> fish &amp; chips', [283, 2179, 320, 281, 343, 281, 272, 285, 2759, 261, 6259, 282, 8855]],
    ['fish &amp; chips', [2759, 261, 8855]],
    ['a photo <|endoftext|> of a cat', [320, 1125, EOS, 539, 320, 2368]],
    ['ＬＯＵＤ\u3000ＮＯＩＳＥＳ ﬁne', [7464, 31575, 3797]],
    ['wow!!! 3.5% off??', [2781, 995, 274, 269, 276, 260, 1007, 2197]],
  ];

  it.each(CASES)('%j', (prompt, content) => {
    expect(tok.encode(prompt).ids).toEqual([BOS, ...content, EOS]);
  });

  it('normalises NFD input, full-width forms and curly quotes like their plain spellings', () => {
    const same = (a: string, b: string) => expect(tok.encode(a).ids, a).toEqual(tok.encode(b).ids);
    same('cafe\u0301 nai\u0308ve', 'café naïve');
    same('ＡＢＣ　１２３！', 'abc 123!');
    same('\u201cdouble\u201d \u2018single\u2019', '"double" \'single\'');
    same('  MIXED\tCase\r\n  words ', 'mixed case words');
  });

  it('keeps the zero-width joiner of emoji sequences', () => {
    const r = tok.encode('🏳️‍🌈');
    expect(r.tokens.join('')).toContain('âĢį'); // U+200D as CLIP byte symbols
  });

  it('truncates long prompts to bos + 75 + eos and reports the untruncated ids', () => {
    const r = tok.encode(Array.from({ length: 100 }, (_, i) => `word${i}`).join(' '));
    expect(r.truncated).toBe(true);
    expect(r.ids.length).toBeGreaterThan(77);
    expect(r.inputIds).toHaveLength(77);
    expect(r.inputIds.slice(0, 76)).toEqual(r.ids.slice(0, 76));
    expect(r.inputIds[76]).toBe(EOS);
    expect(r.attentionMask).toEqual(new Array(77).fill(1));
  });

  it('encodes the empty prompt as bos, eos and padding', () => {
    const r = tok.encode('');
    expect(r.ids).toEqual([BOS, EOS]);
    expect(r.tokens).toEqual(['<|startoftext|>', '<|endoftext|>']);
    expect(r.inputIds).toEqual([BOS, ...new Array(76).fill(EOS)]);
    expect(r.attentionMask).toEqual([1, 1, ...new Array(75).fill(0)]);
    expect(r.truncated).toBe(false);
  });

  it('honours a smaller window and rejects one without room for bos and eos', () => {
    const r = tok.encode('a photo of an astronaut riding a horse on mars', 6);
    expect(r.inputIds).toEqual([BOS, 320, 1125, 539, 550, EOS]);
    expect(r.attentionMask).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.truncated).toBe(true);
    expect(() => tok.encode('x', 1)).toThrow(expect.objectContaining({ code: 'engine/bad-max-length' }));
  });

  it('shows pieces and decodes ids back to text', () => {
    const r = tok.encode('a dog wearing hat, café!');
    expect(r.tokens.slice(0, 5)).toEqual(['<|startoftext|>', 'a</w>', 'dog</w>', 'wearing</w>', 'hat</w>']);
    expect(tok.decode(r.ids)).toBe('<|startoftext|>a dog wearing hat , café ! <|endoftext|>');
    expect(() => tok.decode([123456])).toThrow(expect.objectContaining({ code: 'engine/unknown-token-id' }));
  });
});

describe('model folders', () => {
  it('reproduces diffusers-tiny prompt_input_ids.npy and negative_prompt_input_ids.npy', async () => {
    const model = await ClipTokenizer.fromDir(fixture('diffusers-tiny', 'model', 'tokenizer'));
    expect([model.bosId, model.eosId, model.padId, model.modelMaxLength]).toEqual([BOS, EOS, EOS, 77]);
    for (const [prompt, file] of [['a dog wearing hat', 'prompt_input_ids.npy'], ['', 'negative_prompt_input_ids.npy']]) {
      const ref = await readNpy(fixture('diffusers-tiny', 'reference', 'text', file));
      expect(ref.shape).toEqual([1, 77]);
      expect(model.encode(prompt).inputIds).toEqual(Array.from(ref.data as Int32Array));
    }
  });

  it('bundles byte-identical copies of the SD 1.x tokenizer files and loads them once', async () => {
    const bundledDir = path.join(REPO_ROOT, 'resources', 'tokenizers', 'clip-vit-large-patch14');
    const sha = async (f: string) => createHash('sha256').update(await readFile(f)).digest('hex');
    for (const f of [...TOKENIZER_FILES, 'LICENSE-NOTE.md']) {
      expect(await sha(path.join(bundledDir, f)), f).toBe(await sha(path.join(CLIP_DIR, f)));
    }
    expect(await ClipTokenizer.bundled()).toBe(tok);
  });

  it('pads with the configured pad_token, as SD 2.x tokenizers use "!" (id 0)', async () => {
    const dir = await tokenizerDir('sd2', {
      'tokenizer_config.json': JSON.stringify({ model_max_length: 77, pad_token: '!', do_lower_case: true }),
      'special_tokens_map.json': JSON.stringify({ bos_token: '<|startoftext|>', eos_token: '<|endoftext|>', unk_token: '<|endoftext|>', pad_token: '!' }),
    });
    const sd2 = await ClipTokenizer.fromDir(dir);
    expect([sd2.bosId, sd2.eosId, sd2.padId]).toEqual([BOS, EOS, 0]);
    const r = sd2.encode('a dog wearing hat');
    expect(r.inputIds).toEqual([BOS, 320, 1929, 3309, 3801, EOS, ...new Array(71).fill(0)]);
    expect(r.attentionMask).toEqual([...new Array(6).fill(1), ...new Array(71).fill(0)]);
    // transformers (>= 4.34) registers every special token as an added token, so "!" is split out.
    expect(sd2.encode('wow!!!').ids).toEqual([BOS, 2781, 0, 0, 0, EOS]);
  });

  it('lets special_tokens_map.json override tokenizer_config.json and reads model_max_length', async () => {
    const dir = await tokenizerDir('override', {
      'tokenizer_config.json': JSON.stringify({ model_max_length: 12, pad_token: '!' }),
      'special_tokens_map.json': JSON.stringify({ pad_token: { content: '<|endoftext|>', lstrip: false, rstrip: false } }),
    });
    const t = await ClipTokenizer.fromDir(dir);
    expect(t.padId).toBe(EOS);
    expect(t.modelMaxLength).toBe(12);
    expect(t.encode('a dog').inputIds).toEqual([BOS, 320, 1929, ...new Array(9).fill(EOS)]);
  });
});

describe('bad tokenizer folders', () => {
  it('names the missing file', async () => {
    const noVocab = await tokenizerDir('no-vocab', {}, ['merges.txt']);
    const e1 = await studioError(ClipTokenizer.fromDir(noVocab));
    expect(e1.code).toBe('engine/tokenizer-missing');
    expect(e1.params?.file).toBe(path.join(noVocab, 'vocab.json'));
    expect(e1.message).toContain('vocab.json');

    const noMerges = await tokenizerDir('no-merges', {}, ['vocab.json']);
    const e2 = await studioError(ClipTokenizer.fromDir(noMerges));
    expect(e2.code).toBe('engine/tokenizer-missing');
    expect(e2.params?.file).toBe(path.join(noMerges, 'merges.txt'));

    const e3 = await studioError(ClipTokenizer.fromDir(path.join(scratch, 'does-not-exist')));
    expect(e3.code).toBe('engine/tokenizer-missing');
  });

  it.each([
    ['vocab.json', '{"a": 0, "b": ', 'vocab.json'],
    ['vocab.json', '["a", "b"]', 'vocab.json'],
    ['vocab.json', '{"a": "zero"}', 'vocab.json'],
    ['merges.txt', '#version: 0.2\na b c\n', 'merges.txt'],
    ['merges.txt', '#version: 0.2\n', 'merges.txt'],
    ['tokenizer_config.json', '{ not json', 'tokenizer_config.json'],
    ['special_tokens_map.json', '{"bos_token": "<|no-such-token|>"}', 'special_tokens_map.json'],
    ['tokenizer_config.json', '{"pad_token": 7}', 'tokenizer_config.json'],
  ])('reports a broken %s (%j) as engine/tokenizer-corrupt naming the file', async (name, text, file) => {
    const dir = await tokenizerDir(`corrupt-${createHash('md5').update(name + text).digest('hex')}`, { [name]: text });
    const err = await studioError(ClipTokenizer.fromDir(dir));
    expect(err.code).toBe('engine/tokenizer-corrupt');
    expect(err.params?.file).toBe(path.join(dir, file));
    expect(err.message).toContain(file);
  });
});
