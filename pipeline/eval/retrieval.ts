// Retrieval metrics over hand-judged queries (corpus/search/queries.json): nDCG@10, MRR and
// recall@10 at the level of commitments, and nDCG@10 at the level of documents.
//
// A judgment names a document and an item path, or a whole document (path null) when the
// relevant words are not in one of its items. A result credits at most one judgment (an exact
// item first), and each judgment is credited once.

import { z } from 'zod';
import { fold } from '../text/vietnamese.js';

export const JudgmentSchema = z.object({ doc: z.string(), path: z.string().nullable(), grade: z.union([z.literal(1), z.literal(2)]) }).strict();
export const QuerySchema = z.object({ id: z.string(), query: z.string(), need: z.string().optional(), relevant: z.array(JudgmentSchema).min(1) }).strict();
export const QuerySetSchema = z.object({ description: z.string().optional(), queries: z.array(QuerySchema).min(1) });

export type Judgment = z.infer<typeof JudgmentSchema>;
export type JudgedQuery = z.infer<typeof QuerySchema>;

/** A ranked result as the metrics see it: which document, which item path (or "¶n"). */
export interface RankedUnit {
  doc: string;
  unit: string;
}

const gain = (grade: number) => 2 ** grade - 1;

function dcg(gains: readonly number[], k: number): number {
  let s = 0;
  for (let i = 0; i < Math.min(k, gains.length); i++) s += gains[i]! / Math.log2(i + 2);
  return s;
}

/** The grade each result earns, in rank order (0: not relevant or already credited). */
export function creditedGrades(results: readonly RankedUnit[], judgments: readonly Judgment[]): number[] {
  const used = new Set<number>();
  return results.map((r) => {
    let pick = -1;
    judgments.forEach((j, i) => {
      if (used.has(i) || j.doc !== r.doc) return;
      if (j.path === r.unit && (pick < 0 || judgments[pick]!.path !== r.unit || j.grade > judgments[pick]!.grade)) pick = i;
      else if (j.path === null && (pick < 0 || (judgments[pick]!.path === null && j.grade > judgments[pick]!.grade))) pick = i;
    });
    if (pick < 0) return 0;
    used.add(pick);
    return judgments[pick]!.grade;
  });
}

export interface QueryScores {
  ndcg10: number;
  mrr: number;
  recall10: number;
  docNdcg10: number;
  /** Document nDCG@10 from the first page alone (the first k results), as a user sees it. */
  docNdcg10Page: number;
}

export function scoreQuery(results: readonly RankedUnit[], judgments: readonly Judgment[], k = 10): QueryScores {
  const top = results.slice(0, k);
  const grades = creditedGrades(top, judgments);
  const ideal = judgments.map((j) => gain(j.grade)).sort((a, b) => b - a);
  const idcg = dcg(ideal, k);
  const first = grades.findIndex((g) => g > 0);
  // Documents: in the order their first result appears, each worth its best judgment.
  const docGrade = new Map<string, number>();
  for (const j of judgments) docGrade.set(j.doc, Math.max(docGrade.get(j.doc) ?? 0, j.grade));
  const docsOf = (list: readonly RankedUnit[]) => {
    const docs: string[] = [];
    for (const r of list) if (!docs.includes(r.doc)) docs.push(r.doc);
    return docs;
  };
  const docIdeal = [...docGrade.values()].map(gain).sort((a, b) => b - a);
  const docNdcg = (docs: readonly string[]) => dcg(docs.slice(0, k).map((d) => gain(docGrade.get(d) ?? 0)), k) / (dcg(docIdeal, k) || 1);
  return {
    ndcg10: idcg ? dcg(grades.map(gain), k) / idcg : 0,
    mrr: first < 0 ? 0 : 1 / (first + 1),
    recall10: judgments.length ? grades.filter((g) => g > 0).length / judgments.length : 0,
    docNdcg10: docNdcg(docsOf(results)),
    docNdcg10Page: docNdcg(docsOf(top)),
  };
}

export function meanScores(all: readonly QueryScores[]): QueryScores {
  const n = all.length || 1;
  const sum = (f: (s: QueryScores) => number) => all.reduce((a, s) => a + f(s), 0) / n;
  return {
    ndcg10: sum((s) => s.ndcg10),
    mrr: sum((s) => s.mrr),
    recall10: sum((s) => s.recall10),
    docNdcg10: sum((s) => s.docNdcg10),
    docNdcg10Page: sum((s) => s.docNdcg10Page),
  };
}

/** The query as typed without diacritics (what many users type). */
export function withoutDiacritics(query: string): string {
  return fold(query);
}
