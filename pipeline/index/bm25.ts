// Our own Vietnamese BM25 (Chroma has no sparse search): folded syllables and bigrams, names
// in any spelling, concepts, over each entry's text; the entry's context (document title,
// parties, countries) counts at a lower weight, so "… cho Lào" finds an item of an agreement
// with a Lao province that never says "Lào" itself.

import { queryTerms, termCounts } from './terms.js';

export interface Bm25Doc {
  text: string;
  context?: string;
}

export const CONTEXT_WEIGHT = 0.3;

interface Posting {
  ids: number[];
  tfs: number[];
}

export class Bm25Index {
  private readonly postings = new Map<string, Posting>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  private scores = new Float64Array(0);
  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.6,
  ) {}

  get size(): number {
    return this.lengths.length;
  }

  /** Adds a document; returns its number (0, 1, 2 … in the order added). */
  add(doc: Bm25Doc): number {
    const id = this.lengths.length;
    const counts = termCounts(doc.text);
    if (doc.context) termCounts(doc.context, counts, CONTEXT_WEIGHT);
    let length = 0;
    for (const [term, tf] of counts) {
      if (!term.includes(' ')) length += tf;
      let p = this.postings.get(term);
      if (!p) this.postings.set(term, (p = { ids: [], tfs: [] }));
      p.ids.push(id);
      p.tfs.push(tf);
    }
    this.lengths.push(length);
    this.totalLength += length;
    return id;
  }

  /**
   * The best `k` documents for a query, best first, as [doc number, score]. `accept` filters
   * documents (metadata filters) before ranking.
   */
  search(query: string, k: number, accept?: (id: number) => boolean): Array<[number, number]> {
    const n = this.lengths.length;
    if (!n) return [];
    const avg = this.totalLength / n || 1;
    if (this.scores.length < n) this.scores = new Float64Array(Math.max(n, this.scores.length * 2));
    const scores = this.scores;
    const touched: number[] = [];
    for (const [term, qw] of queryTerms(query)) {
      const p = this.postings.get(term);
      if (!p) continue;
      const df = p.ids.length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let i = 0; i < p.ids.length; i++) {
        const id = p.ids[i]!;
        const tf = p.tfs[i]!;
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[id]!) / avg);
        if (scores[id] === 0) touched.push(id);
        scores[id]! += qw * idf * ((tf * (this.k1 + 1)) / norm);
      }
    }
    const ranked: Array<[number, number]> = [];
    for (const id of touched) {
      if (!accept || accept(id)) ranked.push([id, scores[id]!]);
      scores[id] = 0;
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return ranked.slice(0, k);
  }
}

/** Reciprocal rank fusion: each list gives 1/(k + rank); ids are ranked by the sum. */
export function reciprocalRankFusion(lists: ReadonlyArray<readonly string[]>, k = 60): Array<[string, number]> {
  const score = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1)));
  return [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
