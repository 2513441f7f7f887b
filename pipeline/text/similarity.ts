// Similarity of names: Dice coefficient over folded syllables (what the gold conventions use).

import { foldWords } from './vietnamese.js';

/** Dice coefficient of two word lists (multisets). Two empty lists are identical. */
export function diceOfWords(ta: readonly string[], tb: readonly string[]): number {
  if (ta.length === 0 && tb.length === 0) return 1;
  if (ta.length === 0 || tb.length === 0) return 0;
  const m = new Map<string, number>();
  for (const t of ta) m.set(t, (m.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const c = m.get(t);
    if (c) {
      common++;
      m.set(t, c - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

/** Dice coefficient of two already folded, space-separated word strings (0 if either is empty). */
export function dice(a: string, b: string): number {
  const ta = a.split(' ').filter(Boolean);
  const tb = b.split(' ').filter(Boolean);
  return ta.length && tb.length ? diceOfWords(ta, tb) : 0;
}

/** Dice similarity of two names as printed. */
export function nameSimilarity(a: string, b: string): number {
  return dice(foldWords(a), foldWords(b));
}
