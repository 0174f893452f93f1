// Data tables for the ftfy port (text-fix*.ts), transcribed from ftfy 6.3.1 (`ftfy/chardata.py`,
// `ftfy/badness.py`, `ftfy/bad_codecs/sloppy.py`) and Python 3's single-byte codecs. Tables only, no logic.

/** The single-byte encodings fix_encoding tries, in ftfy's order (chardata.CHARMAP_ENCODINGS). */
export const CHARMAP_ENCODINGS = [
  'latin-1',
  'sloppy-windows-1252',
  'sloppy-windows-1251',
  'sloppy-windows-1250',
  'sloppy-windows-1253',
  'sloppy-windows-1254',
  'sloppy-windows-1257',
  'iso-8859-2',
  'macroman',
  'cp437',
] as const;
export type CharmapEncoding = (typeof CHARMAP_ENCODINGS)[number];

/**
 * What bytes 0x80..0xFF decode to in each encoding (bytes 0x00..0x7F are ASCII in all of them).
 * The `sloppy-` codecs are Python's windows-125x with unassigned bytes passed through as Latin-1,
 * and byte 0x1A standing for U+FFFD (BYTE_1A).
 */
export const HIGH_HALF: Readonly<Record<CharmapEncoding, string>> = {
  'latin-1':
    '\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f' +
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿' +
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß' +
    'àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
  'sloppy-windows-1252':
    '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ' +
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿' +
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß' +
    'àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
  'sloppy-windows-1251':
    'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ' +
    '\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕї' +
    'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ' +
    'абвгдежзийклмнопрстуфхцчшщъыьэюя',
  'sloppy-windows-1250':
    '€\u0081‚\u0083„…†‡\u0088‰Š‹ŚŤŽŹ\u0090‘’“”•–—\u0098™š›śťžź' +
    '\u00a0ˇ˘Ł¤Ą¦§¨©Ş«¬\u00ad®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľż' +
    'ŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢß' +
    'ŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙',
  'sloppy-windows-1253':
    '€\u0081‚ƒ„…†‡\u0088‰\u008a‹\u008c\u008d\u008e\u008f\u0090‘’“”•–—\u0098™\u009a›\u009c\u009d\u009e\u009f' +
    '\u00a0΅Ά£¤¥¦§¨©ª«¬\u00ad®―°±²³΄µ¶·ΈΉΊ»Ό½ΎΏ' +
    'ΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡÒΣΤΥΦΧΨΩΪΫάέήί' +
    'ΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώÿ',
  'sloppy-windows-1254':
    '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008d\u008e\u008f\u0090‘’“”•–—˜™š›œ\u009d\u009eŸ' +
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿' +
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞß' +
    'àáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ',
  'sloppy-windows-1257':
    '€\u0081‚\u0083„…†‡\u0088‰\u008a‹\u008c¨ˇ¸\u0090‘’“”•–—\u0098™\u009a›\u009c¯˛\u009f' +
    '\u00a0¡¢£¤¥¦§Ø©Ŗ«¬\u00ad®Æ°±²³´µ¶·ø¹ŗ»¼½¾æ' +
    'ĄĮĀĆÄÅĘĒČÉŹĖĢĶĪĻŠŃŅÓŌÕÖ×ŲŁŚŪÜŻŽß' +
    'ąįāćäåęēčéźėģķīļšńņóōõö÷ųłśūüżž˙',
  'iso-8859-2':
    '\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f' +
    '\u00a0Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u00adŽŻ°ą˛ł´ľśˇ¸šşťź˝žż' +
    'ŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢß' +
    'ŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙',
  'macroman':
    'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' +
    '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
    '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
    '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ',
  'cp437':
    'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
    'áíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
};

/** What byte 0x1A decodes to: U+FFFD in the sloppy codecs (ftfy's own convention), else itself. */
export const BYTE_1A: Readonly<Record<CharmapEncoding, string>> = {
  'latin-1': '\u001a',
  'sloppy-windows-1252': '\ufffd',
  'sloppy-windows-1251': '\ufffd',
  'sloppy-windows-1250': '\ufffd',
  'sloppy-windows-1253': '\ufffd',
  'sloppy-windows-1254': '\ufffd',
  'sloppy-windows-1257': '\ufffd',
  'iso-8859-2': '\u001a',
  'macroman': '\u001a',
  'cp437': '\u001a',
};

/** Latin ligatures and digraphs that fix_latin_ligatures splits (chardata.LIGATURES). */
export const LIGATURES: ReadonlyMap<string, string> = new Map([
  ['Ĳ', 'IJ'], ['ĳ', 'ij'], ['ŉ', 'ʼn'], ['Ǳ', 'DZ'], ['ǲ', 'Dz'], ['ǳ', 'dz'],
  ['Ǆ', 'DŽ'], ['ǅ', 'Dž'], ['ǆ', 'dž'], ['Ǉ', 'LJ'], ['ǈ', 'Lj'], ['ǉ', 'lj'],
  ['Ǌ', 'NJ'], ['ǋ', 'Nj'], ['ǌ', 'nj'], ['ﬀ', 'ff'], ['ﬁ', 'fi'], ['ﬂ', 'fl'],
  ['ﬃ', 'ffi'], ['ﬄ', 'ffl'], ['ﬅ', 'ſt'], ['ﬆ', 'st'],
]);

/**
 * Character classes of the mojibake heuristic (badness.MOJIBAKE_CATEGORIES), written as regex
 * character-class fragments: a '-' between two characters is a range.
 */
export const MOJIBAKE_CATEGORIES = {
  common: '\u00a0\u00ad·´–—―…’',
  c1: '\u0080-\u009f',
  bad: '¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº',
  law: '¶§',
  currency: '¢£¥₧€',
  start_punctuation: '¡«¿©΄΅‘‚“„•‹\uf8ff',
  end_punctuation: '®»˝”›™',
  numeric: '²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№',
  kaomoji: 'Ò-ÖÙ-Üò-öø-üŐŌŪŲ°',
  upper_accented: 'À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ',
  lower_accented: 'ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ',
  upper_common: 'ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я',
  lower_common: 'α-ωάέήίΰа-џ',
  box: '│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓',
} as const;

/** Characters that betray UTF-8 read as a single-byte encoding (chardata.UTF8_CLUES), as class fragments. */
export const UTF8_CLUES = {
  utf8_first_of_2:
    'ĂÂÄĀÅÃÆĆČÇĎĐÉĚÊËĖÈĒĘÐĞĢÍÎÏİÌĪĶĹĻŁŃŇŅÑÓÔÖŐÒŌØÕŘŚŠŞŢÞÚÛÜŰÙŪŲŮÝŹŽŻß×ΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩΪΫ' +
    'άέήίВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ',
  utf8_first_of_3:
    'áăâäàāąåãæćčçďéěêëėèēęęģíîïìīįķĺļŕźΰαβγδεζηθικλμνξοабвгдежзийклмноп',
  utf8_first_of_4:
    'đðğóšπσру',
  utf8_continuation:
    '\u0080-¿ ĄÆĽŁØŖŚŠŞŤŸŹŽŻŒąæƒľłøŗśšşťźžżœˆˇ˘˛˜˝΄΅ΆΈΉΊΌΎΏЁЂЃЄЅІЇЈЉЊЋЌЎЏёђѓєѕіїјљњћќўџҐґ–—―‘’‚' +
    '“”„†‡•…‰‹›€№™',
  utf8_continuation_strict:
    '\u0080-¿ĄÆĽŁØŖŚŠŞŤŸŹŽŻŒąæƒľłøŗśšşťźžżœˆˇ˘˛˜˝΄΅ΆΈΉΊΌΎΏЁЂЃЄЅІЇЈЉЊЋЌЎЏёђѓєѕіїјљњћќўџҐґ†‡‰‹›€№' +
    '™',
} as const;
