// Comparing what documents promise: their commitments aligned by meaning (the index's
// embeddings plus shared terms), with quotas and budgets side by side.

import type { Embeddings } from '@langchain/core/embeddings';
import type { DocumentRecord } from '../../schemas/record.js';
import type { Entry } from './entries.js';
import { termCounts } from './terms.js';

export interface Commitment {
  path: string;
  label: string;
  text: string;
  quotas: Array<{ quantity: number; unit: string; year: number | null }>;
  budgets: Array<{ amount: number; currency: string; year: number | null }>;
}

export interface DocumentSide {
  docId: string;
  document: string;
  number: string | null;
  title: string | null;
  docType: string;
  issued: string | null;
  parties: string[];
  commitments: Commitment[];
  /** Quotas and budgets outside every item (plan-wide totals). */
  other: Pick<Commitment, 'quotas' | 'budgets'>;
}

export interface Pair {
  a: string;
  b: string;
  similarity: number;
}

export interface Comparison {
  a: DocumentSide;
  b: DocumentSide;
  matched: Pair[];
  onlyA: string[];
  onlyB: string[];
}

/** A document's commitments: its items, or its passages when it has no items (news, letters). */
export function sideOf(record: DocumentRecord, entries: readonly Entry[]): DocumentSide {
  const items = record.items.length
    ? record.items.map((it) => ({ path: it.path, label: it.label, text: it.text }))
    : entries.filter((e) => e.meta.kind === 'passage').map((e) => ({ path: e.meta.unit, label: e.meta.label, text: e.text }));
  const labels = new Set(record.items.map((i) => i.label));
  const commitments = items.map((it) => ({
    ...it,
    quotas: record.quotas.filter((q) => q.item === it.label).map((q) => ({ quantity: q.quantity, unit: q.unit, year: q.year })),
    budgets: record.budgets.filter((b) => b.item === it.label).map((b) => ({ amount: b.amount, currency: b.currency, year: b.year })),
  }));
  return {
    docId: record.id,
    document: record.source.file.split(/[\\/]/).pop()!,
    number: record.documentNumber?.value ?? null,
    title: record.title?.value ?? null,
    docType: record.docType,
    issued: record.issuedDate?.value ?? null,
    parties: record.parties.map((p) => p.name),
    commitments,
    other: {
      quotas: record.quotas.filter((q) => !q.item || !labels.has(q.item)).map((q) => ({ quantity: q.quantity, unit: q.unit, year: q.year })),
      budgets: record.budgets.filter((b) => !b.item || !labels.has(b.item)).map((b) => ({ amount: b.amount, currency: b.currency, year: b.year })),
    },
  };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Weighted overlap of content terms (Dice over term weights), a second opinion beside the vectors. */
function termOverlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [t, w] of a) {
    total += w;
    const o = b.get(t);
    if (o) shared += Math.min(w, o);
  }
  for (const w of b.values()) total += w;
  return total ? (2 * shared) / total : 0;
}

/** Similarity of every commitment of A with every one of B (0–1). */
export async function similarityMatrix(embeddings: Embeddings, a: readonly Commitment[], b: readonly Commitment[]): Promise<number[][]> {
  const va = await embeddings.embedDocuments(a.map((c) => c.text));
  const vb = await embeddings.embedDocuments(b.map((c) => c.text));
  const ta = a.map((c) => termCounts(c.text));
  const tb = b.map((c) => termCounts(c.text));
  return va.map((x, i) => vb.map((y, j) => 0.7 * Math.max(0, cosine(x, y)) + 0.3 * termOverlap(ta[i]!, tb[j]!)));
}

export const MATCH_THRESHOLD = 0.3;

/** Pairs by similarity, best first, each commitment used once; below the threshold none. */
export function alignGreedy(sim: readonly number[][], threshold = MATCH_THRESHOLD): Array<[number, number, number]> {
  const pairs: Array<[number, number, number]> = [];
  sim.forEach((row, i) => row.forEach((s, j) => s >= threshold && pairs.push([i, j, s])));
  pairs.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Array<[number, number, number]> = [];
  for (const [i, j, s] of pairs) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    out.push([i, j, s]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export async function compareDocuments(embeddings: Embeddings, a: DocumentSide, b: DocumentSide, threshold = MATCH_THRESHOLD): Promise<Comparison> {
  const sim = await similarityMatrix(embeddings, a.commitments, b.commitments);
  const pairs = alignGreedy(sim, threshold);
  const inA = new Set(pairs.map(([i]) => i));
  const inB = new Set(pairs.map(([, j]) => j));
  return {
    a,
    b,
    matched: pairs.map(([i, j, s]) => ({ a: a.commitments[i]!.path, b: b.commitments[j]!.path, similarity: Number(s.toFixed(3)) })),
    onlyA: a.commitments.filter((_, i) => !inA.has(i)).map((c) => c.path),
    onlyB: b.commitments.filter((_, j) => !inB.has(j)).map((c) => c.path),
  };
}

export interface Topic {
  /** Commitments on one subject, at most one per document: [document index, path]. */
  members: Array<{ doc: number; path: string; similarity: number }>;
}

/**
 * Commitments of several documents grouped by subject: each joins the group whose first
 * commitment it is most like (one per document), or starts a new one.
 */
export async function groupCommitments(embeddings: Embeddings, sides: readonly DocumentSide[], threshold = MATCH_THRESHOLD): Promise<Topic[]> {
  const all = sides.flatMap((s, doc) => s.commitments.map((c) => ({ doc, c })));
  const vectors = await embeddings.embedDocuments(all.map((x) => x.c.text));
  const terms = all.map((x) => termCounts(x.c.text));
  const topics: Array<Topic & { head: number }> = [];
  all.forEach((x, i) => {
    let best: (Topic & { head: number }) | null = null;
    let bestSim = threshold;
    for (const t of topics) {
      if (t.members.some((m) => m.doc === x.doc)) continue;
      const s = 0.7 * Math.max(0, cosine(vectors[i]!, vectors[t.head]!)) + 0.3 * termOverlap(terms[i]!, terms[t.head]!);
      if (s >= bestSim) {
        best = t;
        bestSim = s;
      }
    }
    if (best) best.members.push({ doc: x.doc, path: x.c.path, similarity: Number(bestSim.toFixed(3)) });
    else topics.push({ head: i, members: [{ doc: x.doc, path: x.c.path, similarity: 1 }] });
  });
  return topics.map(({ members }) => ({ members })).sort((p, q) => q.members.length - p.members.length);
}
