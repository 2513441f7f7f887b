// Vietnamese post-correction of OCR words, where the document's structure says what a word
// must be: letters read inside document numbers and dates (O/0, l/1, I/1), section numerals
// at the start of a line (II. read as 11. or Il.), and "thắng"/"thàng" in a date line. Each
// rule is kept only if it lowered CER on the scan corpus (see README, "OCR").

import type { OcrWord } from './engine.js';

const DIGITISH: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', i: '1', S: '5', B: '8', Z: '2' };

/** "2O22", "l0/2022", "12/KH-UBND" stays: letters are changed only between digits in a number. */
function fixNumber(token: string): string {
  // A token that is mostly digits and separators (dates, numbers like 123/2024).
  const core = token.replace(/[.,;:)(]+$/u, '');
  if (!/^[0-9OolIDQSBZ|i/.\-]+$/u.test(core)) return token;
  const digits = (core.match(/[0-9]/g) ?? []).length;
  if (digits < 2 || digits < core.replace(/[/.\-]/g, '').length * 0.6) return token;
  return token.replace(/[OolIDQSBZ|i]/gu, (c, i: number) => {
    const before = token[i - 1];
    const after = token[i + 1];
    return (before && /[0-9/.\-]/.test(before)) || (after && /[0-9]/.test(after)) ? DIGITISH[c]! : c;
  });
}

/** The number of "125/KH-UBND" read as "l25/KH-UBND" or "I25/KH-UBND". */
function fixDocumentNumber(token: string): string {
  return token.replace(/^[0-9OolI|]{1,6}(?=\/[\p{Lu}\d])/u, (part) => (/\d/.test(part) ? part.replace(/[OolI|]/g, (c) => DIGITISH[c]!) : part));
}

const ROMAN_SLIPS: Record<string, string> = { 'Il.': 'II.', 'lI.': 'II.', 'll.': 'II.', 'HI.': 'III.', 'IIl.': 'III.', 'IlI.': 'III.', 'lV.': 'IV.', 'Vl.': 'VI.', 'VIl.': 'VII.' };

/** Corrects recognized words in place of their text; boxes and confidences are kept. */
export function correctWords(words: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = words[i - 1];
    const next = words[i + 1];
    const lineStart = !prev || prev.line !== w.line || prev.paragraph !== w.paragraph || prev.block !== w.block;
    let text = w.text;
    if (lineStart && ROMAN_SLIPS[text]) text = ROMAN_SLIPS[text]!;
    else text = fixDocumentNumber(fixNumber(text));
    // "ngày 10 thắng 10 năm 2022": between a day number and a month number it is "tháng".
    if (/^th[aáàắằ]ng$/iu.test(text) && text.toLowerCase() !== 'tháng' && prev && /^\d{1,2}$/.test(prev.text) && next && /^\d{1,2}$/.test(next.text)) {
      text = text[0] === 'T' ? 'Tháng' : 'tháng';
    }
    out.push(text === w.text ? w : { ...w, text });
  }
  return out;
}
