// ftfy's mojibake heuristic, ported from ftfy 6.3.1 `badness.py` (BADNESS_RE, is_bad).
// It only answers "does this look like mojibake?"; the fixing lives in text-fix-encoding.ts.
// NOTE: Python's `\s`, `\w` and `.` differ from JavaScript's; they are spelled out as Python means them.
import { MOJIBAKE_CATEGORIES as C } from './text-fix-data.js';

/** Python's `\s` on str (str.isspace): Unicode White_Space plus U+001C..U+001F. */
export const PY_SPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\w` on str: letters, numbers (any Numeric_Type) and underscore. */
const PY_WORD = '[\\p{L}\\p{N}_]';

type Category = keyof typeof C;
const any = (...names: Category[]): string => names.map((n) => C[n]).join('');

// The alternatives of BADNESS_RE, in ftfy's order. Each is an unlikely juxtaposition of characters.
const ARABIC = `${any('common', 'currency', 'bad', 'numeric', 'start_punctuation')}ŸŠ®°µ»`;
const ALTERNATIVES: string[] = [
  `[${C.c1}]`,
  `[${any('bad', 'lower_accented', 'upper_accented', 'box', 'start_punctuation', 'end_punctuation', 'currency', 'numeric', 'law')}][${C.bad}]`,
  `[a-zA-Z][${any('lower_common', 'upper_common')}][${C.bad}]`,
  `[${C.bad}][${any('lower_accented', 'upper_accented', 'box', 'start_punctuation', 'end_punctuation', 'currency', 'numeric', 'law')}]`,
  `[${any('lower_accented', 'lower_common', 'box', 'end_punctuation', 'currency', 'numeric')}][${C.upper_accented}]`,
  `[${any('box', 'end_punctuation', 'currency', 'numeric')}][${C.lower_accented}]`,
  `[${any('lower_accented', 'box', 'end_punctuation')}][${C.currency}]`,
  `[${PY_SPACE}][${C.upper_accented}][${C.currency}]`,
  `[${any('upper_accented', 'box')}][${any('numeric', 'law')}]`,
  `[${any('lower_accented', 'upper_accented', 'box', 'currency', 'end_punctuation')}][${C.start_punctuation}][${C.numeric}]`,
  `[${any('lower_accented', 'upper_accented', 'currency', 'numeric', 'box', 'law')}][${C.end_punctuation}][${C.start_punctuation}]`,
  `[${any('currency', 'numeric', 'box')}][${C.start_punctuation}]`,
  `[a-z][${C.upper_accented}][${any('start_punctuation', 'currency')}]`,
  `[${C.box}][${C.kaomoji}]`,
  `[${any('lower_accented', 'upper_accented', 'currency', 'numeric', 'start_punctuation', 'end_punctuation', 'law')}][${C.box}]`,
  `[${C.box}][${C.end_punctuation}]`,
  `[${any('lower_accented', 'upper_accented')}][${any('start_punctuation', 'end_punctuation')}]${PY_WORD}`,
  // the ligature œ when not followed by an unaccented Latin letter
  '[Œœ][^A-Za-z]',
  // degree signs after capital letters
  `[${C.upper_accented}]°`,
  // common Windows-1252 2-character mojibake that isn't covered by the cases above
  `[ÂÃÎÐ][€œŠš¢£Ÿž\\xa0\\xad®©°·»${any('start_punctuation', 'end_punctuation')}–—´]`,
  '×[²³]',
  // Windows-1252 mojibake of Arabic words: four characters, because the 'common' ones are involved
  `[ØÙ][${ARABIC}][ØÙ][${ARABIC}]`,
  // Windows-1252 mojibake that starts 3-character sequences for some South Asian alphabets
  'à[²µ¹¼½¾]',
  // MacRoman mojibake that isn't covered by the cases above
  '√[±∂†≠®™´≤≥¥µø]',
  '≈[°¢]',
  '‚Ä[ìîïòôúùû†°¢π]',
  '‚[âó][àä°ê]',
  // Windows-1251 mojibake of characters in the U+2000 range
  'вЂ',
  // Windows-1251 mojibake of Latin-1 characters and/or the Cyrillic alphabet (3-character sequences)
  `[ВГРС][${any('c1', 'bad', 'start_punctuation', 'end_punctuation', 'currency')}°µ][ВГРС]`,
  // Windows-1251 on top of Latin-1 mojibake of Windows-1252 characters, near a Latin letter
  'ГўВЂВ[^\\n][A-Za-z ]',
  // Windows-1252 encodings of 'à' and 'á', as well as \xa0 itself
  'Ã[\\xa0¡]',
  `[a-z][${PY_SPACE}]?[ÃÂ] `,
  '^[ÃÂ] ',
  // Â before a character as an encoding of exactly that character
  `[a-z.,?!${C.end_punctuation}]Â[ ${any('start_punctuation', 'end_punctuation')}]`,
  // Windows-1253 mojibake of characters in the U+2000 range
  'β€[™\\xa0Ά\\xad®°]',
  // Windows-1253 mojibake of Latin-1 characters and/or the Greek alphabet
  `[ΒΓΞΟ][${any('c1', 'bad', 'start_punctuation', 'end_punctuation', 'currency')}°][ΒΓΞΟ]`,
  // Windows-1257 mojibake of characters in the U+2000 range
  'ā€',
];

const BADNESS_RE = new RegExp(ALTERNATIVES.join('|'), 'u');

/** True when the text contains a sequence that is much more likely mojibake than intended text. */
export function isBad(text: string): boolean {
  return BADNESS_RE.test(text);
}
