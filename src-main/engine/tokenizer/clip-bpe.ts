// CLIP's byte-level BPE for one pre-split word: @huggingface/tokenizers' BPE model, built in memory
// from vocab.json + merges.txt with the end-of-word suffix `</w>` (it matches transformers' bpe() on
// every vocabulary entry), plus CLIP's byte→unicode table and a per-word id cache.
import * as hfTokenizers from '@huggingface/tokenizers';

/** The part of @huggingface/tokenizers' BPE model used here. */
interface BpeModel {
  /** merges one byte-mapped word; the last symbol carries the end-of-word suffix */
  bpe(word: string): string[];
}
interface BpeConfig {
  type: 'BPE';
  vocab: Record<string, number>;
  merges: [string, string][];
  end_of_word_suffix: string;
  ignore_merges: boolean;
}
// NOTE: the package's .d.ts files use extension-less relative imports, which NodeNext resolution
// cannot follow, so TypeScript sees none of its exports; the class is typed here instead.
const { BPE } = hfTokenizers as unknown as { BPE: new (config: BpeConfig) => BpeModel };

/** The two strings CLIP's bpe() returns unchanged (transformers seeds its cache with them). */
const CLIP_SPECIAL_WORDS: readonly string[] = ['<|startoftext|>', '<|endoftext|>'];

const END_OF_WORD = '</w>';
const WORD_CACHE_LIMIT = 20_000;

/** Byte → printable character, as transformers' bytes_to_unicode (also openai/CLIP's). */
function bytesToUnicode(): string[] {
  const table: string[] = new Array(256);
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  for (let b = 0; b < 256; b++) table[b] = String.fromCharCode(printable(b) ? b : next++);
  return table;
}

const BYTE_TO_CHAR = bytesToUnicode();
const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((ch, b) => [ch, b]));
const UTF8 = new TextEncoder();

export interface WordPieces {
  ids: number[];
  pieces: string[];
}

export class ClipBpe {
  private readonly model: BpeModel;
  private readonly cache = new Map<string, WordPieces>();

  /** `merges` are the ranked pairs in file order (only the ones the tokenizer uses). */
  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: [string, string][],
    private readonly unkId: number,
  ) {
    this.model = new BPE({
      type: 'BPE',
      vocab: Object.fromEntries(vocab),
      merges,
      end_of_word_suffix: END_OF_WORD,
      ignore_merges: false,
    });
  }

  /** Ids and pieces of one word from the CLIP pre-tokenizer regex (not yet byte-mapped). */
  encodeWord(word: string): WordPieces {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let pieces: string[];
    if (CLIP_SPECIAL_WORDS.includes(word)) {
      pieces = [word];
    } else {
      let mapped = '';
      for (const b of UTF8.encode(word)) mapped += BYTE_TO_CHAR[b];
      pieces = this.model.bpe(mapped);
    }
    // transformers: encoder.get(token, encoder.get(unk_token))
    const result = { ids: pieces.map((p) => this.vocab.get(p) ?? this.unkId), pieces };
    if (this.cache.size >= WORD_CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}

/** transformers' CLIPTokenizer.convert_tokens_to_string before its strip: bytes back to text. */
export function piecesToText(pieces: string[]): string {
  const bytes: number[] = [];
  for (const piece of pieces) {
    for (const ch of piece) {
      const b = CHAR_TO_BYTE.get(ch);
      if (b !== undefined) bytes.push(b);
      else bytes.push(...UTF8.encode(ch)); // an added token spelled outside the byte alphabet
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes)).replaceAll(END_OF_WORD, ' ');
}
