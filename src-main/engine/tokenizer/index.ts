// The CLIP tokenizer of Stable Diffusion, matching transformers' slow CLIPTokenizer with ftfy: ids,
// 77-token windows, padding as configured. BPE comes from @huggingface/tokenizers; the ftfy port
// (text-fix*.ts) is what it lacks. Not here: prompt weighting and long-prompt chunking.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../../../src-shared/errors.js';
import { ClipBpe, piecesToText } from './clip-bpe.js';
import { clipWords, pyStrip, splitOnTokens, type SplitToken } from './clip-text.js';
import { readTokenizerFiles, type TokenizerFiles } from './tokenizer-files.js';
import { findResource } from '../../resources.js';

export { fixText } from './text-fix.js';

export interface TokenizedText {
  /** [bos, …content…, eos], never truncated */
  ids: number[];
  /** exactly maxLength ids as fed to the text encoder: bos, content cut to maxLength - 2, eos, padding */
  inputIds: number[];
  /** 1 over bos..eos of inputIds, 0 over the padding */
  attentionMask: number[];
  /** the piece of each entry of `ids`, e.g. '<|startoftext|>', 'a</w>' */
  tokens: string[];
  /** whether content was cut to fit maxLength */
  truncated: boolean;
}

const BUNDLED = path.join('resources', 'tokenizers', 'clip-vit-large-patch14');
let bundledTokenizer: Promise<ClipTokenizer> | undefined;

/** The bundled SD 1.x tokenizer folder. */
function bundledDir(): string {
  const dir = findResource('tokenizers', 'clip-vit-large-patch14');
  if (dir && existsSync(path.join(dir, 'vocab.json'))) return dir;
  throw new StudioError(
    'engine/tokenizer-missing',
    `The bundled tokenizer ${BUNDLED} was not found. Reinstall Latent Studio, or pass a model folder.`,
    { file: BUNDLED },
  );
}

export class ClipTokenizer {
  readonly modelMaxLength: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  private readonly bpe: ClipBpe;
  private readonly bos: SplitToken;
  private readonly eos: SplitToken;
  private readonly splitTokens: SplitToken[];
  private readonly idToPiece: Map<number, string>;
  private readonly cleanUpSpaces: boolean;

  private constructor(files: TokenizerFiles) {
    this.modelMaxLength = files.modelMaxLength;
    this.bos = files.bos;
    this.eos = files.eos;
    this.bosId = files.bos.id;
    this.eosId = files.eos.id;
    this.padId = files.pad.id;
    this.splitTokens = files.splitTokens;
    this.cleanUpSpaces = files.cleanUpSpaces;
    this.bpe = new ClipBpe(files.vocab, files.merges, files.unk.id);
    this.idToPiece = new Map([...files.vocab].map(([piece, id]) => [id, piece]));
    for (const t of files.splitTokens) this.idToPiece.set(t.id, t.content);
  }

  /** Loads vocab.json + merges.txt and the optional configs from a tokenizer folder. */
  static async fromDir(dir: string): Promise<ClipTokenizer> {
    return new ClipTokenizer(await readTokenizerFiles(dir));
  }

  /** The SD 1.x tokenizer (openai/clip-vit-large-patch14) shipped in resources/, loaded once. */
  static bundled(): Promise<ClipTokenizer> {
    bundledTokenizer ??= (async () => ClipTokenizer.fromDir(bundledDir()))();
    bundledTokenizer.catch(() => {
      bundledTokenizer = undefined; // a failed load is retried next time; the caller sees the error
    });
    return bundledTokenizer;
  }

  /**
   * Tokenizes a prompt as `tokenizer(text, padding="max_length", max_length=maxLength,
   * truncation=True)` does, and also returns the untruncated ids and their pieces.
   */
  encode(text: string, maxLength: number = this.modelMaxLength): TokenizedText {
    if (!Number.isInteger(maxLength) || maxLength < 2) {
      throw new StudioError('engine/bad-max-length', `Token window ${maxLength} is too small: use an integer of at least 2 (bos + eos); the model's is ${this.modelMaxLength}.`, { maxLength });
    }
    const ids = [this.bosId];
    const tokens = [this.bos.content];
    for (const chunk of splitOnTokens(text, this.splitTokens)) {
      if (chunk.kind === 'token') {
        ids.push(chunk.token.id);
        tokens.push(chunk.token.content);
        continue;
      }
      for (const word of clipWords(chunk.text)) {
        const w = this.bpe.encodeWord(word);
        ids.push(...w.ids);
        tokens.push(...w.pieces);
      }
    }
    ids.push(this.eosId);
    tokens.push(this.eos.content);

    const content = ids.length - 2;
    const kept = Math.min(content, maxLength - 2);
    const inputIds = [...ids.slice(0, kept + 1), this.eosId];
    const attentionMask = new Array<number>(maxLength).fill(0).fill(1, 0, inputIds.length);
    while (inputIds.length < maxLength) inputIds.push(this.padId);
    return { ids, inputIds, attentionMask, tokens, truncated: kept < content };
  }

  /** Ids back to text, as transformers' decode (special tokens kept, `</w>` as spaces). */
  decode(ids: number[]): string {
    const pieces = ids.map((id) => {
      const piece = this.idToPiece.get(id);
      if (piece === undefined) {
        throw new StudioError('engine/unknown-token-id', `Token id ${id} is not in this tokenizer's vocabulary (${this.idToPiece.size} ids).`, { id });
      }
      return piece;
    });
    const text = pyStrip(piecesToText(pieces));
    return this.cleanUpSpaces ? cleanUpTokenization(text) : text;
  }
}

/** transformers' clean_up_tokenization: no space before punctuation and English contractions. */
function cleanUpTokenization(text: string): string {
  const pairs: [string, string][] = [
    [' .', '.'], [' ?', '?'], [' !', '!'], [' ,', ','], [" ' ", "'"],
    [" n't", "n't"], [" 'm", "'m"], [" 's", "'s"], [" 've", "'ve"], [" 're", "'re"],
  ];
  return pairs.reduce((t, [from, to]) => t.replaceAll(from, to), text);
}
