// prompt.tokenize through the router: ids, pieces and the 75-token count against the CLIP goldens.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../src-main/ipc/router.js';
import { Studio } from '../../src-main/services/studio.js';
import { ClipTokenizer } from '../../src-main/engine/tokenizer/index.js';
import { inspectModelFolder } from '../../src-main/engine/models/index.js';
import { fixture } from '../helpers/fixtures.js';

interface Golden { id: string; prompt: string; ids_untruncated: number[]; n_content_tokens: number; truncated: boolean }
const goldens = JSON.parse(readFileSync(fixture('clip-tokenizer', 'goldens.json'), 'utf8')).entries as Golden[];
const MODEL = fixture('diffusers-tiny', 'model');

let studio: Studio;
let router: Router;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ls-prompt-'));
  studio = new Studio({ host: 'web', modelFolders: [MODEL], scanHubCache: false, dataDir: tmp, ep: 'cpu', log: () => {} });
  router = createRouter(studio);
});
afterAll(async () => {
  await studio.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('prompt.tokenize', () => {
  it('matches every golden: ids, count, the 75 limit and truncation', async () => {
    const bundled = await ClipTokenizer.bundled();
    for (const g of goldens) {
      const r = await router.handle('prompt.tokenize', { text: g.prompt });
      if (!r.ok) throw new Error(`${g.id}: ${r.error.message}`);
      const v = r.value as { ids: number[]; tokens: string[]; count: number; limit: number; truncated: boolean };
      expect(v.ids, g.id).toEqual(g.ids_untruncated);
      expect(v.tokens.length, g.id).toBe(v.ids.length);
      expect(v.count, g.id).toBe(g.n_content_tokens);
      expect(v.limit).toBe(75);
      expect(v.truncated, g.id).toBe(g.truncated);
      expect(v.tokens[0]).toBe('<|startoftext|>');
      expect(v.tokens.at(-1)).toBe('<|endoftext|>');
      expect(bundled.decode(v.ids.slice(1, -1))).toBe(bundled.decode(g.ids_untruncated.slice(1, -1)));
    }
    expect(goldens.some((g) => g.truncated)).toBe(true);
  });

  it('shows the walkthrough pieces: 49406 <|startoftext|>, 320 a</w>', async () => {
    const r = await router.handle('prompt.tokenize', { text: 'a photograph of an astronaut riding a horse' });
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as { ids: number[]; tokens: string[]; count: number };
    expect(v.ids.slice(0, 2)).toEqual([49406, 320]);
    expect(v.tokens.slice(0, 2)).toEqual(['<|startoftext|>', 'a</w>']);
    expect(v.count).toBe(8);
  });

  it("uses a listed model's own tokenizer", async () => {
    const r = await router.handle('prompt.tokenize', { text: 'a red fox', model: 'model' });
    if (!r.ok) throw new Error(r.error.message);
    const own = await ClipTokenizer.fromDir((await inspectModelFolder(MODEL)).tokenizerDir);
    expect((r.value as { ids: number[] }).ids).toEqual(own.encode('a red fox').ids);
  });

  it('refuses an unknown model and a missing text with the wire error', async () => {
    const unknown = await router.handle('prompt.tokenize', { text: 'x', model: 'nope' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('models/unknown-model');
    const missing = await router.handle('prompt.tokenize', {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/text/);
  });
});
