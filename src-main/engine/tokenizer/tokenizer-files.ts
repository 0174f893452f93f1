// Reads a CLIP tokenizer folder the way transformers' CLIPTokenizer.from_pretrained does:
// vocab.json + merges.txt, then tokenizer_config.json, special_tokens_map.json (which wins) and
// added tokens, all optional. Says which file is missing or broken; builds nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import type { SplitToken } from './clip-text.js';

/** transformers keeps merges[1 : 49152 - 256 - 2 + 1]: the header line is skipped, at most 48,894 used. */
const MERGES_USED = 49152 - 256 - 2;
/** The context length of every CLIP text encoder, used when the config gives none (or a sentinel). */
const DEFAULT_MAX_LENGTH = 77;

export interface TokenizerFiles {
  vocab: Map<string, number>;
  merges: [string, string][];
  bos: SplitToken;
  eos: SplitToken;
  unk: SplitToken;
  pad: SplitToken;
  /** every special and added token, which the text is split on before BPE */
  splitTokens: SplitToken[];
  modelMaxLength: number;
  cleanUpSpaces: boolean;
}

type Json = Record<string, unknown>;
interface TokenSpec {
  content: string;
  lstrip: boolean;
  rstrip: boolean;
}

function corrupt(file: string, reason: string): StudioError {
  return new StudioError(
    'engine/tokenizer-corrupt',
    `${file} is not a usable CLIP tokenizer file: ${reason}. Re-download or re-export the model's tokenizer folder.`,
    { file, reason },
  );
}

async function readText(file: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (!required) return undefined;
      throw new StudioError(
        'engine/tokenizer-missing',
        `The tokenizer file ${file} does not exist. A CLIP tokenizer folder needs vocab.json and merges.txt (the tokenizer/ folder of a diffusers model).`,
        { file },
        { cause: err },
      );
    }
    throw corrupt(file, `it cannot be read (${code ?? String(err)})`);
  }
}

async function readJson(file: string, required: boolean): Promise<Json | undefined> {
  const text = await readText(file, required);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, `invalid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(file, 'expected a JSON object');
  return value as Json;
}

function parseVocab(file: string, json: Json): Map<string, number> {
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(json)) {
    if (!Number.isInteger(id) || (id as number) < 0) throw corrupt(file, `the id of ${JSON.stringify(token)} is ${JSON.stringify(id)}, not a token id`);
    vocab.set(token, id as number);
  }
  if (vocab.size === 0) throw corrupt(file, 'the vocabulary is empty');
  return vocab;
}

function parseMerges(file: string, text: string): [string, string][] {
  // Python: read().strip().split("\n")[1:49152-256-2+1], then merge.split() on whitespace.
  const lines = text.trim().split('\n').slice(1, 1 + MERGES_USED);
  const merges: [string, string][] = [];
  lines.forEach((line, i) => {
    const parts = line.trim().split(/\s+/).filter((p) => p !== '');
    if (parts.length === 0) return;
    if (parts.length !== 2) throw corrupt(file, `line ${i + 2} is ${JSON.stringify(line)}, not a pair of symbols`);
    merges.push([parts[0], parts[1]]);
  });
  if (merges.length === 0) throw corrupt(file, 'it holds no merges after the header line');
  return merges;
}

/** A token entry as transformers writes it: a string, or an AddedToken object with `content`. */
function tokenSpec(file: string, key: string, value: unknown): TokenSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { content: value, lstrip: false, rstrip: false };
  if (typeof value === 'object' && typeof (value as Json).content === 'string') {
    const v = value as Json;
    return { content: v.content as string, lstrip: v.lstrip === true, rstrip: v.rstrip === true };
  }
  throw corrupt(file, `${key} is ${JSON.stringify(value)}, expected a string or an object with "content"`);
}

export async function readTokenizerFiles(dir: string): Promise<TokenizerFiles> {
  const at = (name: string) => path.join(dir, name);
  const vocabFile = at('vocab.json');
  const mergesFile = at('merges.txt');
  const configFile = at('tokenizer_config.json');
  const mapFile = at('special_tokens_map.json');
  const addedFile = at('added_tokens.json');

  const vocab = parseVocab(vocabFile, (await readJson(vocabFile, true))!);
  const merges = parseMerges(mergesFile, (await readText(mergesFile, true))!);
  const config = (await readJson(configFile, false)) ?? {};
  const map = (await readJson(mapFile, false)) ?? {};
  const added = (await readJson(addedFile, false)) ?? {};

  // Added tokens with explicit ids: added_tokens.json, then tokenizer_config's added_tokens_decoder.
  const addedById = new Map<number, TokenSpec>();
  for (const [content, id] of Object.entries(added)) {
    if (!Number.isInteger(id)) throw corrupt(addedFile, `the id of ${JSON.stringify(content)} is not an integer`);
    addedById.set(id as number, { content, lstrip: false, rstrip: false });
  }
  const decoder = config.added_tokens_decoder;
  if (decoder !== undefined && (typeof decoder !== 'object' || decoder === null)) throw corrupt(configFile, 'added_tokens_decoder is not an object');
  for (const [id, value] of Object.entries((decoder ?? {}) as Json)) {
    const spec = tokenSpec(configFile, `added_tokens_decoder.${id}`, value);
    if (!/^\d+$/.test(id) || !spec) throw corrupt(configFile, `added_tokens_decoder has the bad entry ${JSON.stringify(id)}`);
    addedById.set(Number(id), spec);
  }
  const idOf = (content: string) => [...addedById].find(([, s]) => s.content === content)?.[0] ?? vocab.get(content);

  // Special tokens: CLIPTokenizer's defaults, overridden by tokenizer_config, then special_tokens_map.
  const DEFAULTS = { bos_token: '<|startoftext|>', eos_token: '<|endoftext|>', unk_token: '<|endoftext|>', pad_token: '<|endoftext|>' };
  const special = (key: keyof typeof DEFAULTS): SplitToken => {
    const spec =
      tokenSpec(mapFile, key, map[key]) ?? tokenSpec(configFile, key, config[key]) ?? tokenSpec(configFile, key, DEFAULTS[key])!;
    const id = idOf(spec.content);
    if (id === undefined) {
      const file = map[key] !== undefined ? mapFile : configFile;
      throw corrupt(file, `its ${key} ${JSON.stringify(spec.content)} is not in vocab.json`);
    }
    return { ...spec, id };
  };
  const bos = special('bos_token');
  const eos = special('eos_token');
  const unk = special('unk_token');
  const pad = special('pad_token');

  const extraFile = map.additional_special_tokens !== undefined ? mapFile : configFile;
  const extra = map.additional_special_tokens ?? config.additional_special_tokens ?? [];
  if (!Array.isArray(extra)) throw corrupt(extraFile, 'additional_special_tokens is not a list');
  const splitTokens: SplitToken[] = [bos, eos, unk, pad];
  for (const [i, value] of extra.entries()) {
    const spec = tokenSpec(extraFile, `additional_special_tokens[${i}]`, value);
    const id = spec && idOf(spec.content);
    if (!spec || id === undefined) throw corrupt(extraFile, `its additional special token ${JSON.stringify(value)} has no id`);
    splitTokens.push({ ...spec, id });
  }
  for (const [id, spec] of addedById) splitTokens.push({ ...spec, id });

  const maxLength = config.model_max_length;
  const modelMaxLength =
    typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength >= 2 && maxLength <= 1_000_000 ? maxLength : DEFAULT_MAX_LENGTH;

  return {
    vocab,
    merges,
    bos,
    eos,
    unk,
    pad,
    // the same content may be listed twice (eos = pad = unk): the first spelling wins; '' splits nothing
    splitTokens: splitTokens.filter((t, i) => t.content !== '' && splitTokens.findIndex((u) => u.content === t.content) === i),
    modelMaxLength,
    cleanUpSpaces: config.clean_up_tokenization_spaces === true,
  };
}
