// A port of ftfy 6.3.1 `fix_text` with its default configuration (`ftfy/__init__.py`: fix_text,
// fix_and_explain; `ftfy/fixes.py`), the clean-up transformers' CLIPTokenizer applies before BPE.
// @huggingface/transformers and tokenizer.json have no equivalent, hence this hand-written port.
// Not ported: explanations, non-default options, fix_file/guess_bytes.
import { HTML_ENTITIES } from './html-entities.js';
import { fixC1Controls, fixEncoding } from './text-fix-encoding.js';
import { decodeByte } from './text-fix-codecs.js';
import { LIGATURES } from './text-fix-data.js';

/** ftfy fixes text in segments of at most this many characters (TextFixerConfig.max_decode_length). */
const MAX_DECODE_LENGTH = 1_000_000;

const HTML_ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;
// Python's `\d` matches any Unicode decimal digit, hence \p{Nd}.
const ANSI_RE = /\x1b\[(?:\p{Nd}|;)*[a-zA-Z]/gu;
const SINGLE_QUOTE_RE = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTE_RE = /[\u201c-\u201f]/g;
const LIGATURE_RE = new RegExp(`[${[...LIGATURES.keys()].join('')}]`, 'g');
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;
const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const CONTROL_CHARS_RE = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc]/g;

/** What Python's html.unescape makes of a numeric reference (html._replace_charref). */
function numericCharref(num: number): string {
  if (num === 0) return '\ufffd';
  if (num === 0x0d) return '\r';
  if (num >= 0x80 && num <= 0x9f) return decodeByte(num, 'sloppy-windows-1252');
  if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) return '\ufffd';
  const invalid =
    (num >= 0x01 && num <= 0x08) || num === 0x0b || (num >= 0x0e && num <= 0x1f) || num === 0x7f ||
    (num >= 0xfdd0 && num <= 0xfdef) || (num & 0xfffe) === 0xfffe;
  return invalid ? '' : String.fromCodePoint(num);
}

/** fixes._unescape_fixup: one `&…;` match → its text, or the match itself when ftfy would keep it. */
function unescapeEntity(entity: string): string {
  const named = HTML_ENTITIES.get(entity.slice(1, -1));
  if (named !== undefined) return named;
  // html.unescape decodes a numeric reference only when every character after '#' (or '#x') is a
  // digit of the base; anything else leaves text with a ';' in it, which ftfy then rejects.
  const dec = /^&#([0-9]+);$/.exec(entity);
  const hex = /^&#[xX]([0-9a-fA-F]+);$/.exec(entity);
  const num = dec ? Number(dec[1]) : hex ? parseInt(hex[1], 16) : undefined;
  if (num === undefined) return entity;
  const text = numericCharref(num);
  return text.includes(';') ? entity : text;
}

/** fixes.unescape_html: HTML entities that end in ';', plus all-caps spellings of the common ones. */
function unescapeHtml(text: string): string {
  return text.replace(HTML_ENTITY_RE, unescapeEntity);
}

/** fixes.fix_character_width: full-width ASCII and half-width kana/Hangul → standard width (NFKC). */
function fixCharacterWidth(text: string): string {
  return text.replace(WIDTH_RE, (ch) => (ch === '\u3000' ? ' ' : ch.normalize('NFKC')));
}

/** fixes.fix_line_breaks: CRLF, CR, U+2028, U+2029 and U+0085 → '\n'. */
function fixLineBreaks(text: string): string {
  return text.replaceAll('\r\n', '\n').replace(/[\r\u2028\u2029\u0085]/g, '\n');
}

// The fixers fix_and_explain runs after fix_encoding, in ftfy's order.
const FIXERS: ((text: string) => string)[] = [
  fixC1Controls,
  (t) => t.replace(LIGATURE_RE, (ch) => LIGATURES.get(ch)!),
  fixCharacterWidth,
  (t) => t.replace(DOUBLE_QUOTE_RE, '"').replace(SINGLE_QUOTE_RE, "'"),
  fixLineBreaks,
  // fix_surrogates: paired halves are already one character in a JS string; lone ones become U+FFFD
  (t) => t.replace(LONE_SURROGATE_RE, '\ufffd'),
  (t) => t.replace(ANSI_RE, ''),
  (t) => t.replace(CONTROL_CHARS_RE, ''),
];

/** ftfy.fix_and_explain without the explanation: apply every fix until the text stops changing. */
function fixSegment(text: string, unescape: boolean): string {
  for (;;) {
    const original = text;
    if (unescape) text = unescapeHtml(text);
    text = fixEncoding(text);
    for (const fix of FIXERS) text = fix(text);
    text = text.normalize('NFC');
    if (text === original) return text;
  }
}

/**
 * ftfy.fix_text(text) with ftfy's default configuration: HTML entities (unless the text contains
 * '<'), mojibake, C1 controls, Latin ligatures, character width, curly quotes, line breaks,
 * surrogates, terminal escapes, control characters, NFC.
 */
export function fixText(text: string): string {
  let unescape = true;
  let out = '';
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf('\n', pos) + 1;
    if (end === 0) end = text.length;
    end = Math.min(end, pos + MAX_DECODE_LENGTH);
    const segment = text.slice(pos, end);
    // NOTE: once a segment contains '<', ftfy stops unescaping for it and every later segment.
    if (segment.includes('<')) unescape = false;
    out += fixSegment(segment, unescape);
    pos = end;
  }
  return out;
}
