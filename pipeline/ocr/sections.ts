// The roman numerals of a document's section headings, repaired from their sequence. OCR
// often loses one stroke of "II." or "III." (read as "I." / "II."), which breaks the outline:
// two sections I, the items of II read as more items of I. Over a whole document the headings
// must count I, II, III, …; where adding the lost "I" to some headings makes the sequence
// count with fewer breaks than reading them as they are, those headings are corrected.
// Headings on text-layer pages take part in the sequence but are never changed.

import type { PlacedWord } from './assemble.js';

export interface NumberedPage {
  text: string;
  from: 'text-layer' | 'ocr';
  words?: PlacedWord[];
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };

/** Value of a roman numeral of I, V and X written the usual way (I–XXXIX); NaN otherwise. */
export function romanValue(s: string): number {
  if (!/^X{0,3}(IX|IV|V?I{0,3})$/.test(s) || s === '') return NaN;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = ROMAN[s[i]!]!;
    const n = ROMAN[s[i + 1] ?? ''] ?? 0;
    v += c < n ? -c : c;
  }
  return v;
}

/** A section heading: a roman numeral and a period at the start of a line, then a heading in capitals. */
const HEADING = /^([ \t]*)([IVX]{1,6})\.([ \t]+)(\S[^\n]*)$/gmu;

function isCapitalHeading(rest: string): boolean {
  const letters = rest.match(/\p{L}/gu) ?? [];
  if (letters.length < 4) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return upper / letters.length >= 0.8;
}

interface Heading {
  page: number;
  /** Offset of the numeral in the page text. */
  at: number;
  numeral: string;
  value: number;
  /** The value with one more "I", when that is a numeral and the page was OCRed. */
  fixed: number;
}

/** Cost of correcting one heading, against 1 for each break of the count. */
const FIX_COST = 0.4;

function breaks(a: number, b: number): number {
  return b === a + 1 ? 0 : 1;
}

/**
 * Which headings to correct: a two-state (as read / one "I" more) shortest path over the
 * headings in order, each break of the count costing 1 and each correction FIX_COST.
 */
function choose(hs: Heading[]): boolean[] {
  const n = hs.length;
  const value = (i: number, s: number) => (s === 1 ? hs[i]!.fixed : hs[i]!.value);
  const cost: number[][] = Array.from({ length: n }, () => [Infinity, Infinity]);
  const from: number[][] = Array.from({ length: n }, () => [0, 0]);
  for (let s = 0; s < 2; s++) {
    if (s === 1 && Number.isNaN(hs[0]!.fixed)) continue;
    // A document counts from I: a first heading that is not I is a break too.
    cost[0]![s] = (s ? FIX_COST : 0) + (value(0, s) === 1 ? 0 : 1);
  }
  for (let i = 1; i < n; i++) {
    for (let s = 0; s < 2; s++) {
      if (s === 1 && Number.isNaN(hs[i]!.fixed)) continue;
      for (let p = 0; p < 2; p++) {
        const c = cost[i - 1]![p]! + (s ? FIX_COST : 0) + breaks(value(i - 1, p), value(i, s));
        if (c < cost[i]![s]!) {
          cost[i]![s] = c;
          from[i]![s] = p;
        }
      }
    }
  }
  const out = new Array<boolean>(n).fill(false);
  let s = cost[n - 1]![1]! < cost[n - 1]![0]! ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = s === 1;
    s = from[i]![s]!;
  }
  return out;
}

/** Inserts `add` at `at` of a page's text, moving the spans of the words after it. */
function insertAt(page: NumberedPage, at: number, add: string): void {
  page.text = page.text.slice(0, at) + add + page.text.slice(at);
  for (const w of page.words ?? []) {
    if (w.start >= at) w.start += add.length;
    if (w.end >= at) w.end += add.length;
  }
}

/**
 * Corrects, in place, the section numerals of a document's OCRed pages that break the count
 * I, II, III, …; returns how many were corrected.
 */
export function repairSectionNumerals(pages: NumberedPage[]): number {
  const hs: Heading[] = [];
  pages.forEach((p, page) => {
    for (const m of p.text.matchAll(HEADING)) {
      if (!isCapitalHeading(m[4]!)) continue;
      const value = romanValue(m[2]!);
      if (Number.isNaN(value)) continue;
      const fixed = p.from === 'ocr' ? romanValue(`${m[2]}I`) : NaN;
      hs.push({ page, at: m.index + m[1]!.length, numeral: m[2]!, value, fixed });
    }
  });
  if (hs.length < 2) return 0;
  const fix = choose(hs);
  let count = 0;
  // From the end, so that offsets found earlier on a page stay right.
  for (let i = hs.length - 1; i >= 0; i--) {
    if (!fix[i]) continue;
    const h = hs[i]!;
    insertAt(pages[h.page]!, h.at + h.numeral.length, 'I');
    count++;
  }
  return count;
}
