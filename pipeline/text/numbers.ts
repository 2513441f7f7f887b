// Numbers as Vietnamese documents print them: "1.766.925.000", "2,8", "03 (ba)", "hơn 100",
// digits with OCR slips (O for 0, l for 1), and amounts written in words
// ("Một tỷ, bảy trăm sáu mươi sáu triệu, chín trăm hai mươi lăm nghìn đồng").

import { fold } from './vietnamese.js';

/** Replaces the letters OCR confuses with digits, inside a token that is mostly digits. */
export function fixOcrDigits(token: string): string {
  const digits = (token.match(/\d/g) ?? []).length;
  const confusable = (token.match(/[OoIl|]/g) ?? []).length;
  if (digits === 0 || confusable === 0 || confusable > digits) return token;
  return token.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
}

/**
 * Parses a printed number. Vietnamese groups thousands with "." and marks decimals with ",";
 * English-style "50,000" and "1.5" also occur (mostly with foreign currencies). With a scale
 * word following ("2,8 tỷ", "2,141 tỷ") a separator is read as a decimal mark.
 */
export function parseNumber(printed: string, hasScale = false): number | null {
  let s = fixOcrDigits(printed.replace(/\s+/g, ''));
  if (!/^\d[\d.,]*$/.test(s)) return null;
  s = s.replace(/[.,]$/, '');
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return Number(s);
  if (dots > 0 && commas > 0) {
    // The later separator is the decimal mark.
    const dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const grp = dec === '.' ? ',' : '.';
    return Number(s.split(grp).join('').replace(dec, '.'));
  }
  const sep = dots ? '.' : ',';
  const parts = s.split(sep);
  const groupsOfThree = parts.slice(1).every((p) => p.length === 3) && parts[0]!.length <= 3;
  if (parts.length > 2) return groupsOfThree ? Number(parts.join('')) : null;
  // One separator: "1.500" (thousands) vs "2,8" / "1.5" (decimal). With a scale word the
  // Vietnamese decimal comma is a decimal ("2,141 tỷ"); a dot before three digits still groups
  // thousands ("3.660 triệu").
  if (hasScale) return sep === ',' || !groupsOfThree ? Number(parts.join('.')) : Number(parts.join(''));
  if (groupsOfThree) return Number(parts.join(''));
  return Number(parts.join('.'));
}

const DIGIT_WORDS: Record<string, number> = {
  không: 0, linh: 0, lẻ: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, nhăm: 5,
  sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9, mười: 10, mươi: 10,
};
const SCALES: Record<string, number> = { trăm: 100, nghìn: 1000, ngàn: 1000, triệu: 1_000_000, tỷ: 1_000_000_000, tỉ: 1_000_000_000 };

/**
 * Parses a number written in Vietnamese words. Returns null if a word is not a number word.
 * "một tỷ bảy trăm sáu mươi sáu triệu chín trăm hai mươi lăm nghìn" → 1766925000.
 */
export function parseNumberWords(words: string): number | null {
  const tokens = words
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.,;:()\-–/]+/g, ' ')
    .split(/\s+/)
    .filter((t) => t && !/^(?:đồng|đ|chẵn|chẳn|bằng|chữ|vnđ|vnd|và|lẻ|linh)$/.test(t));
  if (tokens.length === 0) return null;
  let total = 0; // parts closed by nghìn/triệu/tỷ
  let hundreds = 0; // value below 1000 being built
  let small = 0; // units and tens not yet closed by "trăm"
  let lastScale = 1;
  for (const t of tokens) {
    const digit = DIGIT_WORDS[t];
    if (digit !== undefined) {
      if (t === 'mươi') small = (small || 1) * 10;
      else small += digit;
      continue;
    }
    if (t === 'rưỡi' || t === 'rưởi') {
      if (lastScale >= 100) total += lastScale / 2;
      continue;
    }
    const scale = SCALES[t];
    if (scale === 100) {
      hundreds += (small || 1) * 100;
      small = 0;
      lastScale = 100;
      continue;
    }
    if (scale !== undefined) {
      const n = hundreds + small;
      // "một nghìn tỷ": a smaller scale already closed multiplies into this one.
      if (total > 0 && total < scale) total = (total + n) * scale;
      else total += (n || 1) * scale;
      hundreds = 0;
      small = 0;
      lastScale = scale;
      continue;
    }
    if (/^\d+$/.test(t)) {
      small += Number(t);
      continue;
    }
    return null;
  }
  return total + hundreds + small;
}

/** Vietnamese number words → value, tolerant of the "Bằng chữ:" prefix and currency words. */
export function parseAmountInWords(text: string): number | null {
  const t = text
    .replace(/^\s*\(?\s*bằng chữ\s*:?\s*/i, '')
    .replace(/\b(?:đồng|VNĐ|VND|đô la Mỹ|USD)\b.*$/iu, '')
    .replace(/[)./]+\s*$/, '');
  return parseNumberWords(t);
}

/** Value of a quantity as printed: "03" → 3, "03 (ba)" → 3, "hơn 100" → 100, "hai" → 2. */
export function parseQuantity(printed: string): number | null {
  const digits = /\d[\d.,]*/.exec(printed);
  if (digits) return parseNumber(digits[0]);
  const words = printed.replace(/^(?:hơn|trên|khoảng|ít nhất|tối thiểu|tối đa|gần|chừng)\s+/i, '');
  return parseNumberWords(words);
}

export function isFoldedNumberWord(w: string): boolean {
  return Object.keys(DIGIT_WORDS).some((k) => fold(k) === w);
}
