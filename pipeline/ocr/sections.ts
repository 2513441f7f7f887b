// The roman numerals of a document's section headings, repaired from their sequence. OCR
// often loses or merges the strokes of "II." and "III." (read as "I.", "IH.", "H."), which
// breaks the outline: two sections I, the items of II read as more items of I. Over a whole
// document the headings must count I, II, III, …; each OCRed heading numeral has a few
// readings it may have been, and the readings that make the count whole with the fewest
// breaks and corrections are taken. Headings on text-layer pages count but never change.

import type { PlacedWord } from './assemble.js';
import { romanValue } from '../segment/labels.js';

export interface NumberedPage {
  text: string;
  from: 'text-layer' | 'ocr';
  words?: PlacedWord[];
}

/** Value of a roman numeral written the usual way (I–XXXIX); NaN for anything else ("IIII", "VX"). */
export function numeralValue(s: string): number {
  return s !== '' && /^X{0,3}(IX|IV|V?I{0,3})$/.test(s) ? romanValue(s) : NaN;
}

/** A section heading: a numeral and a period at the start of a line, then a heading in capitals. */
const HEADING = /^([ \t]*)([IVXHl]{1,6})\.([ \t]+)(\S[^\n]*)$/gmu;

function isCapitalHeading(rest: string): boolean {
  const letters = rest.match(/\p{L}/gu) ?? [];
  if (letters.length < 4) return false;
  const upper = letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length;
  return upper / letters.length >= 0.8;
}

interface Reading {
  numeral: string;
  value: number;
  cost: number;
}

interface Heading {
  page: number;
  /** Offset of the numeral in the page text. */
  at: number;
  numeral: string;
  readings: Reading[];
}

/** Cost of correcting one heading, against 1 for each break of the count. */
const FIX_COST = 0.4;

/**
 * What an OCRed numeral may have been: l read for I, H for I or II (two strokes run
 * together, "IH." for "II."), and each of those with one "I" lost at the end.
 */
function readingsOf(token: string, ocr: boolean): Reading[] {
  const out = new Map<string, Reading>();
  const add = (numeral: string, cost: number) => {
    const value = numeralValue(numeral);
    if (!Number.isNaN(value) && !out.has(numeral)) out.set(numeral, { numeral, value, cost });
  };
  add(token, 0);
  if (!ocr) return [...out.values()];
  let forms = [''];
  for (const c of token) {
    const alts = c === 'l' ? ['I'] : c === 'H' ? ['I', 'II'] : [c];
    forms = forms.flatMap((f) => alts.map((a) => f + a));
  }
  for (const f of forms) {
    add(f, FIX_COST);
    add(`${f}I`, FIX_COST);
  }
  // As read, even when it is no numeral: a heading that fits nowhere stays as it is.
  if (!out.has(token)) out.set(token, { numeral: token, value: NaN, cost: 0 });
  return [...out.values()];
}

function breaks(a: number, b: number): number {
  return b === a + 1 ? 0 : 1;
}

/**
 * The reading of each heading: a shortest path over the headings in order, through their
 * possible readings, each break of the count costing 1 and each correction FIX_COST.
 */
function choose(hs: Heading[]): Reading[] {
  const cost: number[][] = [];
  const from: number[][] = [];
  hs.forEach((h, i) => {
    cost.push(h.readings.map(() => Infinity));
    from.push(h.readings.map(() => 0));
    h.readings.forEach((r, s) => {
      if (i === 0) {
        // A document counts from I: a first heading that is not I is a break too.
        cost[0]![s] = r.cost + (r.value === 1 ? 0 : 1);
        return;
      }
      hs[i - 1]!.readings.forEach((q, p) => {
        const c = cost[i - 1]![p]! + r.cost + breaks(q.value, r.value);
        if (c < cost[i]![s]!) {
          cost[i]![s] = c;
          from[i]![s] = p;
        }
      });
    });
  });
  const n = hs.length;
  const out: Reading[] = new Array<Reading>(n);
  let s = cost[n - 1]!.indexOf(Math.min(...cost[n - 1]!));
  for (let i = n - 1; i >= 0; i--) {
    out[i] = hs[i]!.readings[s]!;
    s = from[i]![s]!;
  }
  return out;
}

/** Replaces `len` characters at `at` of a page's text, moving the spans of the words after them. */
function replaceAt(page: NumberedPage, at: number, len: number, by: string): void {
  const delta = by.length - len;
  page.text = page.text.slice(0, at) + by + page.text.slice(at + len);
  for (const w of page.words ?? []) {
    if (w.start > at) w.start += delta;
    if (w.end > at) w.end += delta;
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
      const token = m[2]!;
      if (!isCapitalHeading(m[4]!) || !/[IVXH]/.test(token)) continue;
      const readings = readingsOf(token, p.from === 'ocr');
      if (readings.length === 0) continue;
      hs.push({ page, at: m.index + m[1]!.length, numeral: token, readings });
    }
  });
  if (hs.length < 2) return 0;
  const chosen = choose(hs);
  let count = 0;
  // From the end, so that offsets found earlier on a page stay right.
  for (let i = hs.length - 1; i >= 0; i--) {
    const h = hs[i]!;
    if (chosen[i]!.numeral === h.numeral) continue;
    replaceAt(pages[h.page]!, h.at, h.numeral.length, chosen[i]!.numeral);
    count++;
  }
  return count;
}
