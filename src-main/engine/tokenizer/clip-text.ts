// What transformers' slow CLIPTokenizer does to a prompt before BPE: split out added and special
// tokens (PreTrainedTokenizer.tokenize), then for every other chunk
// `whitespace_clean(ftfy.fix_text(chunk)).lower()` and CLIP's word regex (CLIPTokenizer._tokenize).
// NOTE: `single_word` added tokens are treated as plain ones (no CLIP tokenizer uses them).
import { fixText } from './text-fix.js';
import { PY_SPACE } from './text-fix-badness.js';

/** A string the tokenizer keeps whole and maps straight to one id. */
export interface SplitToken {
  content: string;
  id: number;
  /** eat whitespace on the left / right of the token, as AddedToken.lstrip / rstrip */
  lstrip: boolean;
  rstrip: boolean;
}

export type Chunk = { kind: 'text'; text: string } | { kind: 'token'; token: SplitToken };

// The `regex` module's `\s` (Unicode White_Space), used by whitespace_clean and CLIP's pattern.
const WHITESPACE = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITESPACE_RUN = new RegExp(`[${WHITESPACE}]+`, 'gu');
// Python's str.strip() removes str.isspace() characters, a slightly larger set.
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');
const PY_LSTRIP = new RegExp(`^[${PY_SPACE}]+`, 'u');
const PY_RSTRIP = new RegExp(`[${PY_SPACE}]+$`, 'u');
// CLIPTokenizer.pat, which transformers compiles with re.IGNORECASE. The text is lower-case by then,
// so only the `regex` module's folding of U+017F (ſ) to 's' is left to spell out.
// NOTE: not the JS 'i' flag: V8 then counts U+0345 as \p{L}; `regex` matches it with no branch (skips it).
const CLIP_WORD = new RegExp(
  `<\\|[sſ]tartoftext\\|>|<\\|endoftext\\|>|'[sſ]|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${WHITESPACE}\\p{L}\\p{N}\\u0345]+`,
  'gu',
);

/** Python's str.strip(). */
export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}

/**
 * Splits text around the tokens (leftmost, then longest, as transformers' Trie.split) and applies
 * their lstrip/rstrip to the neighbouring text. Empty text chunks are dropped.
 */
export function splitOnTokens(text: string, tokens: readonly SplitToken[]): Chunk[] {
  const parts: (string | SplitToken)[] = [];
  let start = 0;
  for (let i = 0; i < text.length; ) {
    let found: SplitToken | undefined;
    for (const t of tokens) {
      if (text.startsWith(t.content, i) && (!found || t.content.length > found.content.length)) found = t;
    }
    if (!found) {
      i++;
      continue;
    }
    if (start < i) parts.push(text.slice(start, i));
    parts.push(found);
    i += found.content.length;
    start = i;
  }
  if (start < text.length) parts.push(text.slice(start));

  parts.forEach((part, i) => {
    if (typeof part === 'string') return;
    const left = parts[i - 1];
    const right = parts[i + 1];
    if (part.rstrip && typeof right === 'string') parts[i + 1] = right.replace(PY_LSTRIP, '');
    if (part.lstrip && typeof left === 'string') parts[i - 1] = left.replace(PY_RSTRIP, '');
  });
  return parts
    .filter((p) => p !== '')
    .map((p): Chunk => (typeof p === 'string' ? { kind: 'text', text: p } : { kind: 'token', token: p }));
}

/** CLIPTokenizer._tokenize up to BPE: the words of one text chunk, cleaned and lower-cased. */
export function clipWords(chunk: string): string[] {
  // NOTE: CLIP lower-cases here whatever tokenizer_config's do_lower_case says, as transformers does.
  const text = pyStrip(fixText(chunk).replace(WHITESPACE_RUN, ' ')).toLowerCase();
  return text.match(CLIP_WORD) ?? [];
}
