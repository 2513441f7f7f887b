// Our own Vietnamese BM25 (Chroma has no sparse search): folded syllables and bigrams, names
// in any spelling, concepts, over each entry's text; the entry's context (document title,
// parties, countries) counts at a lower weight, so "… cho Lào" finds an item of an agreement
// with a Lao province that never says "Lào" itself.
//
// Postings live in flat typed arrays (terms sorted, one slice of document numbers and term
// frequencies per term), so 100,000 entries search in a few milliseconds and save to one
// binary snapshot that loads without re-reading any text. Additions wait in a small map until
// the next search merges them in; removals are tombstones until the next compaction.

import { queryTerms, termCounts } from './terms.js';

export interface Bm25Doc {
  text: string;
  context?: string;
}

export const CONTEXT_WEIGHT = 0.3;

const MAGIC = 'hoptac-bm25';
const FORMAT = 2;
/**
 * Term frequencies are kept in tenths (a Uint16): every weight is a whole count plus multiples
 * of CONTEXT_WEIGHT (0.3), so tenths hold them exactly, up to 6553.5.
 */
const TF_SCALE = 10;
/** Pending postings are merged into the flat arrays once they outnumber them (and this many). */
const MERGE_AT = 1_000_000;

/** Snapshot bytes that are not a BM25 snapshot of this version. */
export class SnapshotError extends Error {}

// Entries of one document share their context: its terms are counted once.
const contextCache = new Map<string, Map<string, number>>();

function contextTerms(context: string): Map<string, number> {
  let counts = contextCache.get(context);
  if (!counts) {
    counts = termCounts(context, new Map(), CONTEXT_WEIGHT);
    if (contextCache.size >= 256) contextCache.delete(contextCache.keys().next().value!);
    contextCache.set(context, counts);
  }
  return counts;
}

/** The weighted terms of an entry: its text at 1, its context at CONTEXT_WEIGHT. */
export function entryTerms(doc: Bm25Doc): Map<string, number> {
  return withContext(termCounts(doc.text), doc.context);
}

/** Adds the context's terms (at CONTEXT_WEIGHT; counted once a context) to terms of a text. */
export function withContext(textTerms: Map<string, number>, context: string | undefined): Map<string, number> {
  if (context) for (const [t, w] of contextTerms(context)) textTerms.set(t, (textTerms.get(t) ?? 0) + w);
  return textTerms;
}

/** Index of `key` in the sorted array, or -1. */
function find(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class Bm25Index {
  // Merged postings: term i's documents are postDoc[termStart[i] .. termStart[i + 1]).
  private terms: string[] = [];
  private termStart = new Uint32Array(1);
  private postDoc = new Uint32Array(0);
  private postTf = new Uint16Array(0);
  // Per document number (live or dead).
  private lengths = new Float32Array(0);
  private dead = new Uint8Array(0);
  private norm = new Float32Array(0);
  private slots = 0;
  private live = 0;
  private totalLength = 0;
  // Added since the last merge: per term, document numbers and frequencies interleaved.
  private pending = new Map<string, number[]>();
  private pendingPostings = 0;
  private deadPostings = 0;
  private scores = new Float64Array(0);
  private touched = new Uint32Array(0);

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.6,
  ) {}

  /** Live documents. */
  get size(): number {
    return this.live;
  }

  /** Document numbers handed out so far (live and removed): the next add gets this number. */
  get capacity(): number {
    return this.slots;
  }

  /** Adds a document (or its precomputed terms); returns its number (0, 1, 2 … in the order added). */
  add(doc: Bm25Doc | Map<string, number>): number {
    const counts = doc instanceof Map ? doc : entryTerms(doc);
    const id = this.slots++;
    let length = 0;
    for (const [term, tf] of counts) {
      if (!term.includes(' ')) length += tf;
      const q = Math.min(65535, Math.round(tf * TF_SCALE));
      const p = this.pending.get(term);
      if (p) p.push(id, q);
      else this.pending.set(term, [id, q]);
      this.pendingPostings++;
    }
    this.growTo(this.slots);
    this.lengths[id] = length;
    this.totalLength += length;
    this.live++;
    // Merged as they grow (a geometric schedule: each posting is copied a few times at most),
    // so an index being built holds its postings at 6 bytes each, not as arrays of numbers.
    if (this.pendingPostings >= Math.max(MERGE_AT, this.postDoc.length)) this.merge();
    return id;
  }

  /** Removes a document: it is never returned again, and its postings go at the next compaction. */
  remove(id: number): void {
    if (id >= this.slots || this.dead[id]) return;
    this.dead[id] = 1;
    this.live--;
    this.totalLength -= this.lengths[id]!;
    this.deadPostings++;
  }

  isLive(id: number): boolean {
    return id < this.slots && !this.dead[id];
  }

  private growTo(n: number): void {
    if (n <= this.lengths.length) return;
    const cap = Math.max(n, this.lengths.length * 2, 1024);
    const grow = <T extends Float32Array | Uint8Array>(a: T, make: (c: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.lengths = grow(this.lengths, (c) => new Float32Array(c));
    this.dead = grow(this.dead, (c) => new Uint8Array(c));
  }

  /** Merges pending additions into the flat postings, dropping removed documents' postings. */
  private merge(): void {
    if (!this.pending.size && !this.deadPostings && this.norm.length >= this.slots) return;
    const added = [...this.pending.keys()].sort();
    const terms: string[] = [];
    const counts: number[] = [];
    // Count postings per merged term first, so the new arrays are allocated once.
    let i = 0;
    let j = 0;
    const old = this.terms;
    const liveIn = (t: number) => {
      let c = 0;
      for (let p = this.termStart[t]!; p < this.termStart[t + 1]!; p++) if (!this.dead[this.postDoc[p]!]) c++;
      return c;
    };
    while (i < old.length || j < added.length) {
      const takeOld = j >= added.length || (i < old.length && old[i]! <= added[j]!);
      const takeNew = i >= old.length || (j < added.length && added[j]! <= old[i]!);
      const term = takeOld ? old[i]! : added[j]!;
      let c = takeOld ? liveIn(i) : 0;
      if (takeNew) {
        const fresh = this.pending.get(added[j]!)!;
        for (let q = 0; q < fresh.length; q += 2) if (!this.dead[fresh[q]!]) c++;
      }
      if (c > 0) {
        terms.push(term);
        counts.push(c);
      }
      if (takeOld) i++;
      if (takeNew) j++;
    }
    const termStart = new Uint32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) termStart[t + 1] = termStart[t]! + counts[t]!;
    const postDoc = new Uint32Array(termStart[terms.length]!);
    const postTf = new Uint16Array(postDoc.length);
    i = 0;
    let out = 0;
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t]!;
      while (i < old.length && old[i]! < term) i++;
      if (i < old.length && old[i] === term) {
        for (let p = this.termStart[i]!; p < this.termStart[i + 1]!; p++) {
          const id = this.postDoc[p]!;
          if (this.dead[id]) continue;
          postDoc[out] = id;
          postTf[out++] = this.postTf[p]!;
        }
      }
      const fresh = this.pending.get(term);
      if (fresh) {
        for (let q = 0; q < fresh.length; q += 2) {
          if (this.dead[fresh[q]!]) continue;
          postDoc[out] = fresh[q]!;
          postTf[out++] = fresh[q + 1]!;
        }
      }
    }
    this.terms = terms;
    this.termStart = termStart;
    this.postDoc = postDoc;
    this.postTf = postTf;
    this.pending.clear();
    this.pendingPostings = 0;
    this.deadPostings = 0;
    this.updateNorms();
  }

  private updateNorms(): void {
    const avg = this.live ? this.totalLength / this.live || 1 : 1;
    this.norm = new Float32Array(this.slots);
    for (let id = 0; id < this.slots; id++) this.norm[id] = this.k1 * (1 - this.b + (this.b * this.lengths[id]!) / avg);
  }

  /**
   * The best `k` documents for a query, best first, as [doc number, score] (ties: lower number
   * first). `accept` filters documents (metadata filters) before ranking.
   */
  search(query: string, k: number, accept?: (id: number) => boolean): Array<[number, number]> {
    this.merge();
    if (!this.live || k <= 0) return [];
    if (this.scores.length < this.slots) {
      this.scores = new Float64Array(this.slots);
      this.touched = new Uint32Array(this.slots);
    }
    const { scores, touched, postDoc, postTf, norm } = this;
    const k1p = this.k1 + 1;
    const scale = 1 / TF_SCALE;
    let nTouched = 0;
    for (const [term, qw] of queryTerms(query)) {
      const t = find(this.terms, term);
      if (t < 0) continue;
      const start = this.termStart[t]!;
      const end = this.termStart[t + 1]!;
      const df = end - start;
      const w = qw * Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
      for (let p = start; p < end; p++) {
        const id = postDoc[p]!;
        const tf = postTf[p]! * scale;
        const s = scores[id]!;
        if (s === 0) touched[nTouched++] = id;
        scores[id] = s + (w * tf * k1p) / (tf + norm[id]!);
      }
    }
    const top = new TopK(k);
    for (let n = 0; n < nTouched; n++) {
      const id = touched[n]!;
      const s = scores[id]!;
      scores[id] = 0;
      if (this.dead[id] || (accept && !accept(id))) continue;
      top.push(id, s);
    }
    return top.sorted();
  }

  /**
   * Drops removed documents and renumbers the live ones densely, in their order. Returns the
   * new number of every old one (-1 for removed) so callers can renumber what they keep
   * beside the index.
   */
  compact(): Int32Array {
    this.merge();
    const map = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let id = 0; id < this.slots; id++) if (!this.dead[id]) map[id] = next++;
    if (next === this.slots) return map;
    for (let p = 0; p < this.postDoc.length; p++) this.postDoc[p] = map[this.postDoc[p]!]!;
    const lengths = new Float32Array(Math.max(next, 1024));
    for (let id = 0; id < this.slots; id++) if (map[id]! >= 0) lengths[map[id]!] = this.lengths[id]!;
    this.lengths = lengths;
    this.dead = new Uint8Array(lengths.length);
    this.slots = next;
    this.updateNorms();
    return map;
  }

  /** The index as bytes (compacted first): a JSON header, then the terms and typed arrays. */
  serialize(): Buffer {
    this.compact();
    const terms = Buffer.from(this.terms.join('\n'), 'utf8');
    const header = Buffer.from(
      JSON.stringify({ magic: MAGIC, format: FORMAT, k1: this.k1, b: this.b, slots: this.slots, nTerms: this.terms.length, nPost: this.postDoc.length, termBytes: terms.length }),
      'utf8',
    );
    const pad = (n: number) => (8 - (n % 8)) % 8;
    const parts: Buffer[] = [];
    const head = Buffer.alloc(8);
    head.writeUInt32LE(header.length, 0);
    parts.push(head, header, Buffer.alloc(pad(8 + header.length)), terms, Buffer.alloc(pad(terms.length)));
    for (const a of [this.termStart, this.postDoc, this.postTf, this.lengths.subarray(0, this.slots)]) {
      const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      parts.push(bytes, Buffer.alloc(pad(bytes.length)));
    }
    return Buffer.concat(parts);
  }

  static deserialize(bytes: Buffer): Bm25Index {
    let h: { magic: string; format: number; k1: number; b: number; slots: number; nTerms: number; nPost: number; termBytes: number };
    try {
      const len = bytes.readUInt32LE(0);
      h = JSON.parse(bytes.subarray(8, 8 + len).toString('utf8'));
      if (h.magic !== MAGIC || h.format !== FORMAT) throw new Error(`not a format-${FORMAT} BM25 snapshot`);
    } catch (err) {
      throw new SnapshotError(`unreadable BM25 snapshot (${(err as Error).message})`);
    }
    // Copy into one aligned buffer so every typed array can view it directly.
    const aligned = new Uint8Array(bytes.length);
    aligned.set(bytes);
    const buf = aligned.buffer;
    const pad = (n: number) => n + ((8 - (n % 8)) % 8);
    let at = pad(8 + bytes.readUInt32LE(0));
    const terms = h.nTerms ? Buffer.from(buf, at, h.termBytes).toString('utf8').split('\n') : [];
    at = pad(at + h.termBytes);
    const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, n: number, size: number): T => {
      if (at + n * size > bytes.length) throw new SnapshotError('truncated BM25 snapshot');
      const a = make(buf, at, n);
      at = pad(at + n * size);
      return a;
    };
    const index = new Bm25Index(h.k1, h.b);
    index.terms = terms;
    index.termStart = take((b, o, n) => new Uint32Array(b, o, n), h.nTerms + 1, 4);
    index.postDoc = take((b, o, n) => new Uint32Array(b, o, n), h.nPost, 4);
    index.postTf = take((b, o, n) => new Uint16Array(b, o, n), h.nPost, 2);
    const lengths = take((b, o, n) => new Float32Array(b, o, n), h.slots, 4);
    index.slots = h.slots;
    index.live = h.slots;
    index.lengths = new Float32Array(Math.max(h.slots, 1024));
    index.lengths.set(lengths);
    index.dead = new Uint8Array(index.lengths.length);
    for (const x of lengths) index.totalLength += x;
    index.updateNorms();
    return index;
  }
}

/** The k best (id, score) pairs seen, kept in a min-heap by score (ties: higher id is worse). */
class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  private worse(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }

  push(id: number, score: number): void {
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      for (let i = this.ids.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootScore = this.scores[0]!;
    if (score < rootScore || (score === rootScore && id > this.ids[0]!)) return;
    this.ids[0] = id;
    this.scores[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.ids.length && this.worse(l, m)) m = l;
      if (r < this.ids.length && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): Array<[number, number]> {
    return this.ids.map((id, i) => [id, this.scores[i]!] as [number, number]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}

/** Reciprocal rank fusion: each list gives 1/(k + rank); ids are ranked by the sum. */
export function reciprocalRankFusion(lists: ReadonlyArray<readonly string[]>, k = 60): Array<[string, number]> {
  const score = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => score.set(id, (score.get(id) ?? 0) + 1 / (k + rank + 1)));
  return [...score].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
