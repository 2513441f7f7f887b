// Field-by-field evaluation of records against gold annotations, following the corpus gold
// conventions (contract.md, "Gold files"): a key absent from a gold file is not judged; names
// match tolerantly (abbreviations written out, diacritics and case ignored, Dice ≥ 0.8 on
// syllables); items match by label and the first words of their text; quotas by quantity and
// unit; budgets by amount; references by number. Greedy one-to-one matching for lists.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { diceOfWords } from '../text/similarity.js';

export const EVAL_FIELDS = [
  'docType', 'documentNumber', 'issuedDate', 'issuedPlace', 'title', 'issuers', 'parties', 'period', 'references',
  'signatories', 'items', 'quotas', 'budgets',
] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

// Abbreviations of organ names and places, written out before comparing (folded forms).
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\btp\.?\s*hcm\b|\btphcm\b|\bhcmc\b/g, 'thanh pho ho chi minh'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bsyt\b/g, 'so y te'],
  [/\bbyt\b/g, 'bo y te'],
  [/\bcdc\b/g, 'trung tam kiem soat benh tat'],
  [/\bchdcnd\b/g, 'cong hoa dan chu nhan dan'],
  [/\btp\.?\s/g, 'thanh pho '],
];

/** Lower case, no diacritics, đ → d, abbreviations written out, words joined by single spaces. */
export function normalizeName(s: unknown): string {
  if (s === null || s === undefined) return '';
  let t = String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  for (const [re, rep] of ABBREVIATIONS) t = t.replace(re, rep);
  return t.replace(/[^a-z0-9]+/g, ' ').trim();
}

function words(s: unknown): string[] {
  return normalizeName(s).split(' ').filter(Boolean);
}

/** Dice coefficient of two texts' syllable multisets. */
export function diceSimilarity(a: unknown, b: unknown): number {
  return diceOfWords(words(a), words(b));
}

/** Gold item texts are the first ~80 characters: compare with as many words of the prediction. */
function prefixSimilarity(gold: unknown, pred: unknown): number {
  const g = words(gold);
  const p = words(pred).slice(0, Math.max(g.length, 1));
  return diceOfWords(g, p);
}

const normalizeNumber = (s: unknown) =>
  s === null || s === undefined ? '' : String(s).normalize('NFC').replace(/\s+/g, '').replace(/^số:?/i, '').toUpperCase().replace(/Đ/g, 'D');

const SCORED_TYPES = new Set(['thoa_thuan', 'ban_ghi_nho', 'ke_hoach', 'quyet_dinh', 'tin_tuc']);
const coarseType = (t: unknown) => (SCORED_TYPES.has(String(t)) ? String(t) : 'khac');

type Plain = Record<string, unknown>;
interface Spec {
  scalar: boolean;
  equal: (gold: any, pred: any) => boolean; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const SPECS: Record<EvalField, Spec> = {
  docType: { scalar: true, equal: (g, p) => coarseType(g) === coarseType(p) },
  documentNumber: { scalar: true, equal: (g, p) => normalizeNumber(g) === normalizeNumber(p) },
  issuedDate: { scalar: true, equal: (g, p) => String(g).slice(0, 10) === String(p).slice(0, 10) },
  issuedPlace: { scalar: true, equal: (g, p) => normalizeName(g) === normalizeName(p) },
  title: { scalar: true, equal: (g, p) => diceSimilarity(g, p) >= 0.8 },
  issuers: { scalar: false, equal: (g, p) => diceSimilarity(g, p) >= 0.8 },
  parties: { scalar: false, equal: (g, p) => diceSimilarity(g, p) >= 0.8 },
  period: { scalar: true, equal: (g, p) => Number(g.from) === Number(p.from) && Number(g.to) === Number(p.to) },
  references: { scalar: false, equal: (g, p) => normalizeNumber(g.number) === normalizeNumber(p.number) },
  signatories: { scalar: false, equal: (g, p) => normalizeName(g.name) === normalizeName(p.name) },
  items: {
    scalar: false,
    equal: (g, p) => String(g.label).replace(/\.$/, '') === String(p.label).replace(/\.$/, '') && prefixSimilarity(g.text, p.text) >= 0.7,
  },
  quotas: {
    scalar: false,
    equal: (g, p) => {
      if (Number(g.quantity) !== Number(p.quantity)) return false;
      const gu = normalizeName(g.unit);
      const pu = normalizeName(p.unit);
      return diceSimilarity(g.unit, p.unit) >= 0.5 || pu.includes(gu) || gu.includes(pu);
    },
  },
  budgets: { scalar: false, equal: (g, p) => Number(g.amount) === Number(p.amount) },
};

const valueOf = (x: unknown): unknown => (x !== null && typeof x === 'object' && 'value' in (x as Plain) ? (x as Plain).value : x);

/** The judged view of a record (or of a gold file written in record form). */
export function judgedView(record: Plain): Record<EvalField, unknown> {
  const list = (k: string) => (Array.isArray(record[k]) ? (record[k] as unknown[]) : []);
  const names = (k: string) => list(k).map((p) => (typeof p === 'string' ? p : ((p as Plain)?.name ?? valueOf(p)))).filter(Boolean);
  const period = valueOf(record.period) as Plain | null | undefined;
  return {
    docType: valueOf(record.docType) ?? null,
    documentNumber: valueOf(record.documentNumber) ?? null,
    issuedDate: valueOf(record.issuedDate) ?? null,
    issuedPlace: valueOf(record.issuedPlace) ?? null,
    title: valueOf(record.title) ?? null,
    issuers: names('issuers'),
    parties: names('parties'),
    period: period && (period.from || period.to) ? { from: period.from ?? null, to: period.to ?? null } : null,
    references: list('references').map((r) => ({ number: valueOf((r as Plain).number), date: valueOf((r as Plain).date) ?? null })),
    signatories: list('signatories').map((s) => ({ name: valueOf((s as Plain).name), title: valueOf((s as Plain).title) })),
    items: list('items').map((i) => ({ label: String(valueOf((i as Plain).label) ?? ''), text: valueOf((i as Plain).text) ?? '' })),
    quotas: list('quotas').map((q) => ({ quantity: Number(valueOf((q as Plain).quantity)), unit: valueOf((q as Plain).unit) ?? '' })),
    budgets: list('budgets').map((b) => ({ amount: Number(valueOf((b as Plain).amount)) })),
  };
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface FieldDifference {
  gold?: unknown;
  pred?: unknown;
  misses?: unknown[];
  extras?: unknown[];
}

export interface DocumentScore {
  file: string;
  missing: boolean;
  fields: Partial<Record<EvalField, 'ok' | FieldDifference>>;
}

export interface EvalReport {
  totals: Record<EvalField, Counts>;
  overall: { P: number; R: number; F: number };
  macroF: number;
  perDoc: DocumentScore[];
}

export function prf({ tp, fp, fn }: Counts): { P: number; R: number; F: number } {
  const P = tp + fp ? tp / (tp + fp) : 1;
  const R = tp + fn ? tp / (tp + fn) : 1;
  return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0 };
}

/** Scores one prediction against one gold annotation, adding to `totals`. */
export function scoreDocument(file: string, gold: Plain, pred: Plain | null, totals: Record<EvalField, Counts>, fields: readonly EvalField[] = EVAL_FIELDS): DocumentScore {
  const g = gold;
  const p = judgedView(pred ?? {});
  const doc: DocumentScore = { file, missing: pred === null, fields: {} };
  for (const name of fields) {
    if (!(name in g)) continue; // not judged
    const spec = SPECS[name];
    const t = totals[name];
    if (spec.scalar) {
      const gv = g[name];
      const pv = p[name];
      const gHas = gv !== null && gv !== undefined && gv !== '';
      const pHas = pv !== null && pv !== undefined && pv !== '';
      if (gHas && pHas && spec.equal(gv, pv)) {
        t.tp++;
        doc.fields[name] = 'ok';
      } else {
        if (gHas) t.fn++;
        if (pHas) t.fp++;
        if (gHas || pHas) doc.fields[name] = { gold: gv ?? null, pred: pv ?? null };
      }
      continue;
    }
    const gl = (Array.isArray(g[name]) ? g[name] : []) as unknown[];
    const pl = (p[name] as unknown[]) ?? [];
    const used = new Set<number>();
    const misses: unknown[] = [];
    let hit = 0;
    for (const gi of gl) {
      const j = pl.findIndex((pi, k) => !used.has(k) && spec.equal(gi, pi));
      if (j >= 0) {
        used.add(j);
        hit++;
      } else misses.push(gi);
    }
    const extras = pl.filter((_, k) => !used.has(k));
    t.tp += hit;
    t.fn += misses.length;
    t.fp += extras.length;
    doc.fields[name] = misses.length || extras.length ? { misses, extras } : 'ok';
  }
  return doc;
}

export function emptyTotals(): Record<EvalField, Counts> {
  return Object.fromEntries(EVAL_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<EvalField, Counts>;
}

/** Scores every gold file of `goldDir` against the prediction of the same name in `predDir`. */
export async function evaluateDirs(goldDir: string, predDir: string, fields: readonly EvalField[] = EVAL_FIELDS): Promise<EvalReport> {
  return evaluateWith(goldDir, async (f) => {
    try {
      return JSON.parse(await fs.readFile(path.join(predDir, f), 'utf8')) as Plain;
    } catch {
      return null;
    }
  }, fields);
}

/**
 * Scores every gold file against the record whose source file has the same name stem
 * ("002.json" ↔ a record of "corpus/docs/002.txt"), from a list of records.
 */
export async function evaluateRecords(goldDir: string, records: readonly Plain[], fields: readonly EvalField[] = EVAL_FIELDS): Promise<EvalReport> {
  const byStem = new Map<string, Plain[]>();
  for (const r of records) {
    const file = String(((r as { source?: { file?: string } }).source?.file) ?? '');
    const stem = path.basename(file).replace(/\.[^.]*$/, '');
    byStem.set(stem, [...(byStem.get(stem) ?? []), r]);
  }
  const ambiguous = [...byStem].filter(([, rs]) => rs.length > 1).map(([stem]) => stem);
  return evaluateWith(goldDir, async (f) => {
    const stem = f.replace(/\.json$/, '');
    if (ambiguous.includes(stem)) throw new Error(`several records have a source named ${stem}.*; score them with --pred on a folder instead`);
    return byStem.get(stem)?.[0] ?? null;
  }, fields);
}

async function evaluateWith(goldDir: string, predOf: (goldFile: string) => Promise<Plain | null>, fields: readonly EvalField[]): Promise<EvalReport> {
  const goldFiles = (await fs.readdir(goldDir)).filter((f) => f.endsWith('.json')).sort();
  const totals = emptyTotals();
  const perDoc: DocumentScore[] = [];
  for (const f of goldFiles) {
    const gold = JSON.parse(await fs.readFile(path.join(goldDir, f), 'utf8')) as Plain;
    perDoc.push(scoreDocument(f, gold, await predOf(f), totals, fields));
  }
  const all = Object.values(totals).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
  const judged = Object.values(totals).filter((t) => t.tp + t.fn > 0).map((t) => prf(t).F);
  return { totals, overall: prf(all), macroF: judged.reduce((a, b) => a + b, 0) / (judged.length || 1), perDoc };
}

/** The report as the table people read, last line "overall F1 …". */
export function formatReport(r: EvalReport, verbose = false): string {
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  const lines = [`${'field'.padEnd(15)}    P      R      F1    tp  fp  fn`];
  for (const [name, t] of Object.entries(r.totals)) {
    const { P, R, F } = prf(t);
    lines.push(`${name.padEnd(15)}${pct(P)}${pct(R)}${pct(F)}  ${String(t.tp).padStart(4)}${String(t.fp).padStart(4)}${String(t.fn).padStart(4)}`);
  }
  const missing = r.perDoc.filter((d) => d.missing).map((d) => d.file);
  if (missing.length) lines.push(`missing predictions: ${missing.join(' ')}`);
  if (verbose) {
    for (const d of r.perDoc) for (const [k, v] of Object.entries(d.fields)) if (v !== 'ok') lines.push(`${d.file} ${k}: ${JSON.stringify(v).slice(0, 400)}`);
  }
  lines.push(`macro F1 ${(100 * r.macroF).toFixed(1)}`);
  lines.push(`overall F1 ${(100 * r.overall.F).toFixed(1)} (P ${(100 * r.overall.P).toFixed(1)} R ${(100 * r.overall.R).toFixed(1)}) over ${r.perDoc.length} docs`);
  return lines.join('\n');
}
