// OCR error rates: character error rate (CER), word error rate (WER) and a diacritic-
// insensitive CER, each the edit distance between recognized and true text over the true
// text's length. Both texts are compared in NFC with every run of white space (line breaks,
// form feeds, blank lines) collapsed to one space: layout is not judged, reading order is.

import { fold } from '../text/vietnamese.js';

export interface ErrorCounts {
  /** Edits (insertions, deletions, substitutions). */
  errors: number;
  /** Length of the reference (true) text. */
  length: number;
}

export interface OcrScore {
  chars: ErrorCounts;
  words: ErrorCounts;
  /** Characters, both sides folded (no diacritics, đ → d, lower case). */
  charsFolded: ErrorCounts;
}

/** The comparison form of a text: NFC, white space collapsed, trimmed. */
export function comparable(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance between two sequences of small integers (code points or word ids). */
export function editDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

function codePoints(s: string): Int32Array {
  return Int32Array.from(s, (c) => c.codePointAt(0)!);
}

function wordIds(words: string[], ids: Map<string, number>): Int32Array {
  return Int32Array.from(words, (w) => {
    let id = ids.get(w);
    if (id === undefined) ids.set(w, (id = ids.size));
    return id;
  });
}

/** Scores recognized text against the true text. */
export function scoreOcr(truth: string, predicted: string): OcrScore {
  const t = comparable(truth);
  const p = comparable(predicted);
  const tFolded = fold(t);
  const ids = new Map<string, number>();
  const tw = t === '' ? [] : t.split(' ');
  const pw = p === '' ? [] : p.split(' ');
  return {
    chars: { errors: editDistance(codePoints(t), codePoints(p)), length: [...t].length },
    words: { errors: editDistance(wordIds(tw, ids), wordIds(pw, ids)), length: tw.length },
    charsFolded: { errors: editDistance(codePoints(tFolded), codePoints(fold(p))), length: [...tFolded].length },
  };
}

/** Sums scores (corpus-level rates are total errors over total length, not a mean of rates). */
export function addScores(a: OcrScore, b: OcrScore): OcrScore {
  const add = (x: ErrorCounts, y: ErrorCounts): ErrorCounts => ({ errors: x.errors + y.errors, length: x.length + y.length });
  return { chars: add(a.chars, b.chars), words: add(a.words, b.words), charsFolded: add(a.charsFolded, b.charsFolded) };
}

export const ZERO_SCORE: OcrScore = { chars: { errors: 0, length: 0 }, words: { errors: 0, length: 0 }, charsFolded: { errors: 0, length: 0 } };

/** Error rate as a fraction (0.012 = 1.2%). */
export function rate(c: ErrorCounts): number {
  return c.length === 0 ? (c.errors === 0 ? 0 : 1) : c.errors / c.length;
}
