// fixText, the ftfy 6.3.1 port the CLIP tokenizer runs first. Expected outputs are what
// ftfy.fix_text 6.3.1 returns (many are the examples in ftfy's own docstrings).
import { describe, expect, it } from 'vitest';
import { fixText } from '../../src-main/engine/tokenizer/index.js';

const cases = (rows: Array<[string, string]>) => it.each(rows)('%j → %j', (input, fixed) => expect(fixText(input)).toBe(fixed));

describe('fixText: mojibake', () => {
  cases([
    ['âœ” No problems', '✔ No problems'],
    ['cafÃ© mojibake', 'café mojibake'],
    ['sÃ³', 'só'],
    ['â€œquotedâ€\u009d', '"quoted"'],
    ['ÄŒeÅ¡tina', 'Čeština'],
    ['Ð¿Ñ€Ð¸Ð²ÐµÑ‚', 'привет'],
    ['ðŸ˜€ party', '😀 party'],
    ['Ã°Å¸Ëœâ‚¬', '😀'], // two layers of mojibake
    ['caf\u00e9 and cafÃ©', 'café and café'], // mojibake beside correct text (decode_inconsistent_utf8)
    ['â€œ like this â€\ufffd', '" like this \ufffd'], // lossy sloppy-windows-1252 (replace_lossy_sequences)
    ['voilÃ le travail', 'voilà le travail'], // A0 turned into a space (restore_byte_a0)
    ['Ã la mode', 'à la mode'],
    ['\u00ed\u00a0\u00bd\u00ed\u00b8\u20ac emoji', '😀 emoji'], // CESU-8 (utf-8-variants)
    ['a\u0080b', 'a€b'], // C1 control as Windows-1252
    ['What is this \u0085 I don\'t even', 'What is this … I don\'t even'],
  ]);
});

describe('fixText: leaves real text alone', () => {
  cases([
    ['Sí, Señor', 'Sí, Señor'],
    ['ÀÁÂ', 'ÀÁÂ'],
    ["The Mona Lisa doesn't have eyebrows.", "The Mona Lisa doesn't have eyebrows."],
    ['一只戴帽子的狗，高清', '一只戴帽子的狗,高清'], // only the full-width comma changes
    ['👨\u200d👩\u200d👧', '👨\u200d👩\u200d👧'],
  ]);
});

describe('fixText: HTML entities', () => {
  cases([
    ['&lt;tag&gt;', '<tag>'],
    ['&macr;\\_(ã\u0083\u0084)_/&macr;', '¯\\_(ツ)_/¯'],
    ['Broken text&hellip; it&#x2019;s ﬂubberiﬁc!', 'Broken text… it\'s flubberific!'],
    ['P&EACUTE;REZ', 'PÉREZ'],
    ['BUNDESSTRA&SZLIG;E', 'BUNDESSTRASSE'],
    ['&#59; &#65; &#x1F600; &#128;', '&#59; A 😀 €'], // a reference that decodes to ';' stays
    ['this&not that', 'this&not that'], // no semicolon: not an entity for ftfy
    ['&amp;lt;', '<'], // fixed until nothing changes
    ['<b>&amp;</b>', '<b>&amp;</b>'], // a '<' means real HTML: entities stay
    ['a &amp;\n<b> &amp;\nc &amp;', 'a &\n<b> &amp;\nc &amp;'], // ... from that line on
  ]);
});

describe('fixText: characters', () => {
  cases([
    ['ﬂuﬃeﬆ', 'fluffiest'],
    ['ＬＯＵＤ　ＮＯＩＳＥＳ', 'LOUD NOISES'],
    ['Ｕﾀｰﾝ', 'Uターン'],
    ['\u201chere\u2019s a test\u201d', '"here\'s a test"'],
    ['cafe\u0301', 'café'],
    ['a\u0000b\u0007c\ufeffd\te\nf', 'abcd\te\nf'],
    ["\u001b[36;44mI'm blue\u001b[0m", "I'm blue"],
    ['a\r\nb\rc\u2028d\u2029e', 'a\nb\nc\nd\ne'],
    ['x\ud800y', 'x\ufffdy'],
    ['', ''],
  ]);
});
