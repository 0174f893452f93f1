// Mojibake repair: a port of ftfy 6.3.1 `fix_encoding` (`__init__.py`: fix_encoding_and_explain,
// _fix_encoding_one_step_and_explain) with its transcoders from `fixes.py` (restore_byte_a0,
// replace_lossy_sequences, decode_inconsistent_utf8, fix_c1_controls), default configuration only.
// No explanations are kept: the tokenizer needs the fixed text, not the plan.
import { isBad } from './text-fix-badness.js';
import { canEncode, decodeByte, decodeUtf8, decodeUtf8Variants, encodeCharmap } from './text-fix-codecs.js';
import { CHARMAP_ENCODINGS, UTF8_CLUES as U } from './text-fix-data.js';

// UTF-8 sequences that would be valid had a byte A0 not become a space (chardata.ALTERED_UTF8_RE).
const ALTERED_UTF8 =
  '[\\xc2\\xc3\\xc5\\xce\\xd0\\xd9] ' +
  '|[\\xe2\\xe3] [\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf]' +
  '|[\\xe0-\\xe3][\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf] ' +
  '|\\xf0 [\\x80-\\xbf][\\x80-\\xbf]' +
  '|\\xf0[\\x80-\\xbf] [\\x80-\\xbf]' +
  '|\\xf0[\\x80-\\xbf][\\x80-\\xbf] ';
const ALTERED_UTF8_TEST = new RegExp(ALTERED_UTF8);
const ALTERED_UTF8_ALL = new RegExp(ALTERED_UTF8, 'g');
// "Ã " keeps its space as "à " except before the Portuguese words fixes.A_GRAVE_WORD_RE spares.
const A_GRAVE_WORD = /\xc3 (?! |quele|quela|quilo|s )/g;

// UTF-8 sequences whose lost bytes a sloppy codec wrote as 0x1A (or '?'): chardata.LOSSY_UTF8_RE.
const LOSSY_UTF8 = new RegExp(
  [
    '[\\xc2-\\xdf]\\x1a',
    '[\\xc2-\\xc3]\\?',
    '\\xed[\\xa0-\\xaf][\\x1a?]\\xed[\\xb0-\\xbf][\\x1a?\\x80-\\xbf]',
    '\\xed[\\xa0-\\xaf][\\x1a?\\x80-\\xbf]\\xed[\\xb0-\\xbf][\\x1a?]',
    '[\\xe0-\\xef][\\x1a?][\\x1a\\x80-\\xbf]',
    '[\\xe0-\\xef][\\x1a\\x80-\\xbf][\\x1a?]',
    '[\\xf0-\\xf4][\\x1a?][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf]',
    '[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a?][\\x1a\\x80-\\xbf]',
    '[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf][\\x1a?]',
    '\\x1a',
  ].join('|'),
  'g',
);
const UTF8_REPLACEMENT = '\xef\xbf\xbd'; // U+FFFD as UTF-8 bytes

// Runs of characters that look like UTF-8 read as a single-byte encoding (chardata.UTF8_DETECTOR_RE).
const UTF8_DETECTOR =
  `(?<![${U.utf8_continuation_strict}])` +
  `(?:[${U.utf8_first_of_2}][${U.utf8_continuation}]` +
  `|[${U.utf8_first_of_3}][${U.utf8_continuation}]{2}` +
  `|[${U.utf8_first_of_4}][${U.utf8_continuation}]{3})+`;
const UTF8_DETECTOR_TEST = new RegExp(UTF8_DETECTOR, 'u');
const UTF8_DETECTOR_ALL = new RegExp(UTF8_DETECTOR, 'gu');

const C1_CONTROL_TEST = /[\x80-\x9f]/;
const C1_CONTROL_ALL = /[\x80-\x9f]/g;

/** fixes.restore_byte_a0: put back the A0 bytes that became spaces inside UTF-8 sequences. */
function restoreByteA0(bin: string): string {
  return bin.replace(A_GRAVE_WORD, '\xc3\xa0 ').replace(ALTERED_UTF8_ALL, (m) => m.replaceAll(' ', '\xa0'));
}

/** fixes.replace_lossy_sequences: UTF-8 sequences with lost bytes decode as U+FFFD. */
function replaceLossySequences(bin: string): string {
  return bin.replace(LOSSY_UTF8, UTF8_REPLACEMENT);
}

/** fixes.decode_inconsistent_utf8: fix mojibake runs embedded in otherwise fine text. */
function decodeInconsistentUtf8(text: string): string {
  return text.replace(UTF8_DETECTOR_ALL, (run) => (run.length < text.length && isBad(run) ? fixEncoding(run) : run));
}

/** fixes.fix_c1_controls: C1 control characters become their Windows-1252 meaning, as browsers do. */
export function fixC1Controls(text: string): string {
  return text.replace(C1_CONTROL_ALL, (ch) => decodeByte(ch.charCodeAt(0), 'sloppy-windows-1252'));
}

/** `text.encode('latin-1').decode('windows-1252')`, null where strict windows-1252 has no character. */
function latin1AsWindows1252(text: string): string | null {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80 || code > 0x9f) {
      out += ch;
      continue;
    }
    const mapped = decodeByte(code, 'sloppy-windows-1252');
    if (mapped === ch) return null; // 81, 8D, 8F, 90, 9D: unassigned in strict windows-1252
    out += mapped;
  }
  return out;
}

/** One step of ftfy's _fix_encoding_one_step_and_explain. */
function fixEncodingOneStep(text: string): string {
  if (text.length === 0 || canEncode(text, 'ascii') || !isBad(text)) return text;

  // UTF-8 decoded as a single-byte encoding: re-encode and decode as UTF-8 (or its variants).
  const possible: string[] = [];
  for (const encoding of CHARMAP_ENCODINGS) {
    if (!canEncode(text, encoding)) continue;
    possible.push(encoding);
    let bin = encodeCharmap(text, encoding);
    // NOTE: not in macroman, where it would match an en dash followed by a space.
    if (encoding !== 'macroman' && ALTERED_UTF8_TEST.test(bin)) bin = restoreByteA0(bin);
    if (encoding.startsWith('sloppy')) bin = replaceLossySequences(bin);
    const fixed = bin.includes('\xed') || bin.includes('\xc0') ? decodeUtf8Variants(bin) : decodeUtf8(bin);
    if (fixed !== null) return fixed;
  }

  if (UTF8_DETECTOR_TEST.test(text)) {
    const fixed = decodeInconsistentUtf8(text);
    if (fixed !== text) return fixed;
  }

  // NOTE: ftfy returns early here when 'windows-1252' is among the possible encodings, but its list
  // only ever holds 'sloppy-windows-1252', so Latin-1 text always gets the windows-1252 re-decode.
  if (possible.includes('latin-1')) {
    const fixed = latin1AsWindows1252(text);
    if (fixed !== null && fixed !== text) return fixed;
  }

  if (C1_CONTROL_TEST.test(text)) return fixC1Controls(text);
  return text;
}

/** ftfy.fix_encoding with the default configuration: repeat single steps until nothing changes. */
export function fixEncoding(text: string): string {
  for (;;) {
    const fixed = fixEncodingOneStep(text);
    if (fixed === text) return fixed;
    text = fixed;
  }
}
