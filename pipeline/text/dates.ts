// Dates as printed in Vietnamese documents: "ngày 03 tháng 4 năm 2024" (and OCR slips such
// as "thắng", "nărn", O for 0), "03/4/2024", "25-8-2022", "03.4.2024"; English dates in
// bilingual MOUs ("15 March 2024", "March 15, 2024").

import { fixOcrDigits } from './numbers.js';

export interface DateMention {
  iso: string;
  start: number;
  end: number;
  raw: string;
}

const D = '[0-9oil]{1,2}';
const Y = '[0-9oil]{4}';
// Written against folded text: "ngay 03 thang 4 nam 2024"; slips in the words are tolerated.
const LONG_RE = new RegExp(`ng[a-z]{1,2}y\\s*(${D})\\s*th[a-z]{2,3}g?\\s*(${D})\\s*[,]?\\s*n[a-z]{1,2}m?\\s*(${Y})`, 'g');
const SHORT_RE = new RegExp(`(?<![0-9/.-])(${D})\\s*([/.-])\\s*(${D})\\s*\\2\\s*(${Y})(?![0-9])`, 'g');
const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EN_DMY = new RegExp(`(?<![0-9])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:day of\\s+)?(${MONTHS_EN.join('|')}),?\\s+(\\d{4})`, 'g');
const EN_MDY = new RegExp(`(${MONTHS_EN.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'g');

/** ISO date for day/month/year if it is a real calendar date, else null. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const num = (s: string) => Number(fixOcrDigits(s.replace(/\s+/g, '').replace(/i/g, 'l')));

/**
 * All dates in `folded` (a fold of the text with the same offsets). `text` gives the raw
 * slices. Overlapping matches keep the first.
 */
export function findDates(text: string, folded: string): DateMention[] {
  const out: DateMention[] = [];
  for (const m of folded.matchAll(LONG_RE)) {
    const iso = isoDate(num(m[1]!), num(m[2]!), num(m[3]!));
    if (iso) out.push({ iso, start: m.index!, end: m.index! + m[0].length, raw: text.slice(m.index!, m.index! + m[0].length) });
  }
  for (const m of folded.matchAll(SHORT_RE)) {
    const iso = isoDate(num(m[1]!), num(m[3]!), num(m[4]!));
    if (iso) out.push({ iso, start: m.index!, end: m.index! + m[0].length, raw: text.slice(m.index!, m.index! + m[0].length) });
  }
  for (const m of folded.matchAll(EN_DMY)) {
    const iso = isoDate(Number(m[1]), MONTHS_EN.indexOf(m[2]!) + 1, Number(m[3]));
    if (iso) out.push({ iso, start: m.index!, end: m.index! + m[0].length, raw: text.slice(m.index!, m.index! + m[0].length) });
  }
  for (const m of folded.matchAll(EN_MDY)) {
    const iso = isoDate(Number(m[2]), MONTHS_EN.indexOf(m[1]!) + 1, Number(m[3]));
    if (iso) out.push({ iso, start: m.index!, end: m.index! + m[0].length, raw: text.slice(m.index!, m.index! + m[0].length) });
  }
  out.sort((a, b) => a.start - b.start);
  const kept: DateMention[] = [];
  for (const d of out) {
    const last = kept[kept.length - 1];
    if (last && d.start < last.end) continue;
    kept.push(d);
  }
  return kept;
}

/** Parses one date string in any of the supported forms. */
export function parseDate(s: string, foldedOf: (t: string) => string): string | null {
  return findDates(s, foldedOf(s))[0]?.iso ?? null;
}
