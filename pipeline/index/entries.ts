// What a record contributes to the index: one entry per commitment (each item, and each quota
// and budget with the sentence around it) and the whole text in passages, so a news item or a
// letter with no numbered items is found too. Entry ids are stable (document hash + kind +
// item path), so indexing the same record twice writes the same entries.

import path from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { DocumentRecord, Item } from '../../schemas/record.js';
import { countryNamedIn, countryOfPlace } from '../text/lexicon.js';
import { countryToken, foldedSyllables, phraseTokens } from './terms.js';

export type EntryKind = 'item' | 'quota' | 'budget' | 'passage';

/** Metadata stored with every entry (Chroma metadata: scalars only; lists joined by " | "). */
export interface EntryMeta {
  docId: string;
  kind: EntryKind;
  /** What the entry stands for in results: an item path ("II/3") or a passage ("¶2"). */
  unit: string;
  /** Item label as printed ("3", "Điều 2"), or the passage's "¶n". */
  label: string;
  document: string;
  docType: string;
  number: string;
  title: string;
  issuers: string;
  parties: string;
  /** Names of places and countries the document is about, as search tokens ("@lao @xaysomboun"). */
  places: string;
  year: number;
  periodFrom: number;
  periodTo: number;
  /** Issued date as yyyymmdd (0 when unknown), for --from/--to. */
  date: number;
  quantity: number;
  unitName: string;
  amount: number;
  currency: string;
  start: number;
  end: number;
}

export interface Entry {
  id: string;
  text: string;
  /** Words that locate the entry without being its content (title, parties, places). */
  context: string;
  meta: EntryMeta;
}

export const PASSAGE_SIZE = 900;
export const PASSAGE_OVERLAP = 120;

const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: PASSAGE_SIZE,
  chunkOverlap: PASSAGE_OVERLAP,
  separators: ['\f', '\n\n', '\n', '. ', '; ', ', ', ' ', ''],
});

const COUNTRY_NAME_VI: Record<string, string> = {
  VN: 'Việt Nam', LA: 'Lào', KH: 'Campuchia', CU: 'Cu Ba', CN: 'Trung Quốc', JP: 'Nhật Bản', KR: 'Hàn Quốc',
  TH: 'Thái Lan', US: 'Hoa Kỳ', FR: 'Pháp', DE: 'Đức', GB: 'Anh', AU: 'Australia', RU: 'Nga',
};

/** The facts of a document that every one of its entries carries. */
export type DocumentMeta = Omit<EntryMeta, EntryOwnKey>;
/** The facts that are an entry's own. */
export type EntryOwnKey = 'kind' | 'unit' | 'label' | 'quantity' | 'unitName' | 'amount' | 'currency' | 'start' | 'end';
export const ENTRY_OWN_KEYS: readonly EntryOwnKey[] = ['kind', 'unit', 'label', 'quantity', 'unitName', 'amount', 'currency', 'start', 'end'];

/** Document-level facts every entry of the record carries. */
export function documentMeta(record: DocumentRecord): DocumentMeta {
  const parties = record.parties.map((p) => p.name);
  const issuers = record.issuers.map((o) => o.name);
  const tokens = new Set<string>();
  const countries = new Set<string>();
  for (const p of record.parties) if (p.country) countries.add(p.country);
  for (const name of [...parties, ...issuers, record.title?.value ?? '']) {
    for (const t of phraseTokens(foldedSyllables(name))) if (t.startsWith('@')) tokens.add(t);
    const c = countryNamedIn(name) ?? countryOfPlace(name);
    if (c) countries.add(c);
  }
  for (const c of countries) {
    const t = countryToken(c);
    if (t) tokens.add(t);
  }
  const issued = record.issuedDate?.value ?? null;
  return {
    docId: record.id,
    document: path.basename(record.source.file),
    docType: record.docType,
    number: record.documentNumber?.value ?? '',
    title: record.title?.value ?? '',
    issuers: issuers.join(' | '),
    parties: parties.join(' | '),
    places: [...tokens].sort().join(' '),
    year: issued ? Number(issued.slice(0, 4)) : 0,
    periodFrom: record.period?.value.from ?? 0,
    periodTo: record.period?.value.to ?? 0,
    date: issued ? Number(issued.replaceAll('-', '')) : 0,
  };
}

/** Words naming the document's countries in Vietnamese ("Lào"), for the context of entries. */
function countryWords(record: DocumentRecord): string {
  const codes = new Set(record.parties.map((p) => p.country).filter((c): c is string => !!c && c !== 'VN'));
  return [...codes].map((c) => COUNTRY_NAME_VI[c] ?? '').join(' ');
}

/** The sentence of `text` around [start, end): from the previous sentence end to the next. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const stops = /[.;!?\n\f]/;
  let s = start;
  while (s > 0 && !(stops.test(text[s - 1]!) && !/\d/.test(text[s] ?? ''))) s--;
  let e = end;
  while (e < text.length && !(stops.test(text[e]!) && !/\d/.test(text[e + 1] ?? ''))) e++;
  while (s < e && /\s/.test(text[s]!)) s++;
  // A very long "sentence" (a table row run together) is cut to 400 characters around the value.
  if (e - s > 400) {
    s = Math.max(s, start - 200);
    e = Math.min(e, end + 200);
  }
  return { start: s, end: Math.min(text.length, e + 1) };
}

function itemOf(items: readonly Item[], offset: number): Item | null {
  let best: Item | null = null;
  for (const it of items) {
    const sp = it.source[0]!;
    // The innermost item containing the offset (items are listed parents first).
    if (sp.start <= offset && offset < sp.end) best = it;
  }
  return best;
}

function shortId(record: DocumentRecord): string {
  return record.id.slice(0, 24);
}

/** All entries of a record, in a stable order, with ids unique within it. */
export async function entriesOf(record: DocumentRecord): Promise<Entry[]> {
  const out = await collectEntries(record);
  // Two items can share a path when a document repeats a number (an OCR slip, a typing
  // error): the second keeps it, its id a "~2" (stable: by order in the record).
  const seen = new Map<string, number>();
  for (const e of out) {
    const n = (seen.get(e.id) ?? 0) + 1;
    seen.set(e.id, n);
    if (n > 1) e.id = `${e.id}~${n}`;
  }
  return out;
}

async function collectEntries(record: DocumentRecord): Promise<Entry[]> {
  const doc = documentMeta(record);
  const context = [doc.title, doc.parties, countryWords(record)].filter(Boolean).join(' — ');
  const base = { ...doc, quantity: 0, unitName: '', amount: 0, currency: '' };
  const out: Entry[] = [];
  const quotasOf = (label: string | null) => record.quotas.filter((q) => q.item === label);
  const budgetsOf = (label: string | null) => record.budgets.filter((b) => b.item === label);

  for (const it of record.items) {
    const sp = it.source[0]!;
    const q = quotasOf(it.label)[0];
    const b = budgetsOf(it.label)[0];
    out.push({
      id: `${shortId(record)}:item:${it.path}`,
      text: it.text,
      context,
      meta: {
        ...base,
        kind: 'item',
        unit: it.path,
        label: it.label,
        quantity: q?.quantity ?? 0,
        unitName: q?.unit ?? '',
        amount: b?.amount ?? 0,
        currency: b?.currency ?? '',
        start: sp.start,
        end: sp.end,
      },
    });
  }
  const values: Array<{ kind: 'quota' | 'budget'; i: number; start: number; end: number; quantity: number; unitName: string; amount: number; currency: string }> = [
    ...record.quotas.map((q, i) => ({ kind: 'quota' as const, i, start: q.source[0]!.start, end: q.source[0]!.end, quantity: q.quantity, unitName: q.unit, amount: 0, currency: '' })),
    ...record.budgets.map((b, i) => ({ kind: 'budget' as const, i, start: b.source[0]!.start, end: b.source[0]!.end, quantity: 0, unitName: '', amount: b.amount, currency: b.currency })),
  ];
  const passages = await passagesOf(record.text);
  // A value outside every item stands for the passage it is in.
  const passageAt = (offset: number) => `¶${Math.max(0, passages.findIndex((p) => p.start <= offset && offset < p.end)) + 1}`;
  const seen = new Set<string>();
  for (const v of values) {
    const around = sentenceAround(record.text, v.start, v.end);
    // Two values in one sentence ("20 suất … tổng cộng 60 suất") make one entry: the first's.
    const key = `${around.start}:${around.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const it = itemOf(record.items, v.start);
    out.push({
      id: `${shortId(record)}:${v.kind}:${v.i}`,
      text: record.text.slice(around.start, around.end).replace(/\s+/g, ' ').trim(),
      context,
      meta: {
        ...base,
        kind: v.kind,
        unit: it ? it.path : passageAt(v.start),
        label: it ? it.label : passageAt(v.start),
        quantity: v.quantity,
        unitName: v.unitName,
        amount: v.amount,
        currency: v.currency,
        start: around.start,
        end: around.end,
      },
    });
  }
  passages.forEach((p, n) => {
    const it = mainItem(record.items, p.start, p.end);
    out.push({
      id: `${shortId(record)}:passage:${n}`,
      text: p.text,
      context,
      meta: { ...base, kind: 'passage', unit: it ? it.path : `¶${n + 1}`, label: it ? it.label : `¶${n + 1}`, start: p.start, end: p.end },
    });
  });
  return out;
}

// Passages are cut by langchain's recursive splitter and located back in the text, so each
// carries its offsets (for provenance and for crediting it to the item it mostly covers).
export async function passagesOf(text: string): Promise<Array<{ text: string; start: number; end: number }>> {
  const chunks = await splitter.splitText(text);
  const out: Array<{ text: string; start: number; end: number }> = [];
  let cursor = 0;
  for (const c of chunks) {
    let at = text.indexOf(c, Math.max(0, cursor - PASSAGE_OVERLAP - c.length));
    if (at < 0) at = text.indexOf(c);
    if (at < 0) continue;
    out.push({ text: c.replace(/\s+/g, ' ').trim(), start: at, end: at + c.length });
    cursor = at + c.length;
  }
  return out.filter((p) => p.text.length > 0);
}

/** The item that covers most of [start, end), when it covers at least half of it. */
function mainItem(items: readonly Item[], start: number, end: number): Item | null {
  let best: Item | null = null;
  let bestOverlap = 0;
  for (const it of items) {
    const sp = it.source[0]!;
    const overlap = Math.min(end, sp.end) - Math.max(start, sp.start);
    if (overlap > bestOverlap || (overlap === bestOverlap && best && overlap > 0 && sp.end - sp.start < best.source[0]!.end - best.source[0]!.start)) {
      best = it;
      bestOverlap = overlap;
    }
  }
  return best && bestOverlap >= (end - start) / 2 ? best : null;
}
