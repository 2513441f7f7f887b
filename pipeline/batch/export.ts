// Exports of a workspace's records, validated and in a fixed order (by source file, then id),
// so the same inputs give the same export whatever interruptions the runs had (only each
// record's `processing` block tells runs apart; the CSV and ND30 exports leave it out).
//
//   json   one array of records            jsonl  one record a line
//   csv    one table an entity: documents, items, quotas, budgets, references, signatories,
//          joined by doc_id
//   nd30   the metadata of Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II ("Chuẩn thông tin đầu
//          vào"), table I (văn bản), each field we hold filled, the others null and listed

import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { RecordSchema, type DocumentRecord } from '../../schemas/record.js';
import { fold } from '../text/vietnamese.js';
import type { Db } from '../workspace/db.js';

export type ExportFormat = 'json' | 'jsonl' | 'csv' | 'nd30';
export const EXPORT_FORMATS: ExportFormat[] = ['json', 'jsonl', 'csv', 'nd30'];

/** A record file that does not validate: the export stops and names it. */
export class ExportError extends Error {}

/** The records of the workspace: contents done by ingest and documents indexed, ordered. */
export function workspaceRecords(workspace: string, db: Db): Array<{ docId: string; file: string }> {
  const ids = new Set<string>();
  for (const r of db.prepare("SELECT sha256 FROM files WHERE status = 'done'").all() as Array<{ sha256: string }>) ids.add(r.sha256);
  for (const r of db.prepare('SELECT doc_id FROM index_docs').all() as Array<{ doc_id: string }>) ids.add(r.doc_id);
  const out: Array<{ docId: string; file: string; source: string }> = [];
  for (const docId of ids) {
    const file = path.join(workspace, 'records', `${docId}.json`);
    if (!existsSync(file)) continue;
    const source = (JSON.parse(readFileSync(file, 'utf8')) as { source?: { file?: string } }).source?.file ?? '';
    out.push({ docId, file, source });
  }
  out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
  return out.map(({ docId, file }) => ({ docId, file }));
}

function loadRecord(file: string): DocumentRecord {
  const parsed = RecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new ExportError(`${file} does not validate against the record schema (${parsed.error.issues[0]?.message ?? 'invalid'}); ingest its source again`);
  return parsed.data;
}

/** Writes to a temporary file and renames it when done, so a killed export leaves no half file. */
class AtomicOut {
  private readonly tmp: string;
  private readonly stream: NodeJS.WritableStream;
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.tmp = `${file}.${process.pid}.tmp`;
    this.stream = createWriteStream(this.tmp);
  }
  write(s: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ok = this.stream.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else this.stream.once('drain', resolve);
    });
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    renameSync(this.tmp, this.file);
  }
  abort(): void {
    rmSync(this.tmp, { force: true });
  }
}

interface Sink {
  write(s: string): Promise<void>;
}

const stdoutSink: Sink = {
  write: (s) => new Promise((resolve) => (process.stdout.write(s) ? resolve() : process.stdout.once('drain', resolve))),
};

/** Exports the workspace's records; returns how many and where they went. */
export async function exportWorkspace(workspace: string, db: Db, format: ExportFormat, out: string | null, options: { bom?: boolean } = {}): Promise<{ documents: number; written: string[] }> {
  const records = workspaceRecords(workspace, db);
  if (format === 'csv') return exportCsv(records, out ?? path.join(workspace, 'exports', 'csv'), options.bom ?? false);
  const file = out ? new AtomicOut(out) : null;
  const sink: Sink = file ?? stdoutSink;
  try {
    if (format === 'jsonl') {
      for (const r of records) await sink.write(`${JSON.stringify(loadRecord(r.file))}\n`);
    } else if (format === 'json') {
      await sink.write('[');
      let first = true;
      for (const r of records) {
        await sink.write(`${first ? '\n' : ',\n'}${indent(JSON.stringify(loadRecord(r.file), null, 2))}`);
        first = false;
      }
      await sink.write(first ? ']\n' : '\n]\n');
    } else {
      await sink.write(`{\n  "standard": ${JSON.stringify(ND30_STANDARD)},\n  "notFilled": ${JSON.stringify(ND30_NOT_FILLED)},\n  "documents": [`);
      let first = true;
      for (const r of records) {
        await sink.write(`${first ? '\n' : ',\n'}${indent(indent(JSON.stringify(nd30Of(loadRecord(r.file)), null, 2)))}`);
        first = false;
      }
      await sink.write(first ? ']\n}\n' : '\n  ]\n}\n');
    }
    await file?.close();
  } catch (err) {
    file?.abort();
    throw err;
  }
  return { documents: records.length, written: out ? [out] : [] };
}

const indent = (s: string) => s.replace(/^/gm, '  ');

// ---------------------------------------------------------------------------------------------
// CSV: one table an entity, joined by doc_id. Lists inside a cell are joined by " | ".

const join = (xs: readonly (string | null | undefined)[]) => xs.filter((x): x is string => !!x).join(' | ');

const TABLES = {
  documents: [
    'doc_id', 'source_file', 'media_type', 'pages', 'text_from', 'doc_type', 'number', 'issued_date', 'issued_place', 'title', 'issuers', 'parties',
    'party_countries', 'period_from', 'period_to', 'items', 'quotas', 'budgets', 'references', 'signatories', 'recipients', 'warnings', 'pipeline_version',
  ],
  items: ['doc_id', 'path', 'label', 'heading', 'text'],
  quotas: ['doc_id', 'item', 'quantity', 'unit', 'year', 'raw'],
  budgets: ['doc_id', 'item', 'amount', 'currency', 'year', 'raw', 'in_words', 'words_agree'],
  references: ['doc_id', 'number', 'date', 'kind', 'raw'],
  signatories: ['doc_id', 'name', 'title', 'authority', 'organization'],
} as const;

type Row = Array<string | number | boolean | null>;

function rowsOf(r: DocumentRecord): Record<keyof typeof TABLES, Row[]> {
  const id = r.id;
  return {
    documents: [[
      id, r.source.file, r.source.mediaType, r.source.pages, r.source.textFrom, r.docType, r.documentNumber?.value ?? null, r.issuedDate?.value ?? null,
      r.issuedPlace?.value ?? null, r.title?.value ?? null, join(r.issuers.map((o) => o.name)), join(r.parties.map((p) => p.name)),
      join(r.parties.map((p) => p.country)), r.period?.value.from ?? null, r.period?.value.to ?? null, r.items.length, r.quotas.length, r.budgets.length,
      r.references.length, r.signatories.length, join(r.recipients), r.messages.filter((m) => m.severity !== 'info').length, r.processing.pipelineVersion,
    ]],
    items: r.items.map((i) => [id, i.path, i.label, i.heading, i.text]),
    quotas: r.quotas.map((q) => [id, q.item, q.quantity, q.unit, q.year, q.raw]),
    budgets: r.budgets.map((b) => [id, b.item, b.amount, b.currency, b.year, b.raw, b.inWords, b.wordsAgree]),
    references: r.references.map((x) => [id, x.number, x.date, x.kind, x.raw]),
    signatories: r.signatories.map((s) => [id, s.name, s.title, s.authority, s.organization]),
  };
}

async function exportCsv(records: Array<{ docId: string; file: string }>, dir: string, bom: boolean): Promise<{ documents: number; written: string[] }> {
  const outs = Object.fromEntries(Object.keys(TABLES).map((t) => [t, new AtomicOut(path.join(dir, `${t}.csv`))])) as Record<keyof typeof TABLES, AtomicOut>;
  try {
    for (const [t, cols] of Object.entries(TABLES) as Array<[keyof typeof TABLES, readonly string[]]>) {
      await outs[t].write(`${bom ? '\ufeff' : ''}${stringify([cols as unknown as string[]])}`);
    }
    for (const r of records) {
      const rows = rowsOf(loadRecord(r.file));
      for (const t of Object.keys(TABLES) as Array<keyof typeof TABLES>) {
        if (rows[t].length) await outs[t].write(stringify(rows[t], { cast: { boolean: (v) => (v ? 'true' : 'false') } }));
      }
    }
    for (const o of Object.values(outs)) await o.close();
  } catch (err) {
    for (const o of Object.values(outs)) o.abort();
    throw err;
  }
  return { documents: records.length, written: Object.values(outs).map((o) => o.file) };
}

// ---------------------------------------------------------------------------------------------
// ND30: Nghị định 30/2020/NĐ-CP, Phụ lục VI ("Hệ thống quản lý tài liệu điện tử"), Phần II
// ("Chuẩn thông tin đầu vào của Hệ thống"), table I (văn bản đi) — fields 1–11 are common to the
// văn bản đi and văn bản đến tables. Names, abbreviations and lengths as the decree gives them.

export const ND30_STANDARD = 'Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II, mục I — thông tin đầu vào của văn bản';

/** Fields a record cannot fill: they belong to the file (hồ sơ) or to the office's handling. */
export const ND30_NOT_FILLED = [
  'FileCode.OrganId (mã định danh của cơ quan lập danh mục hồ sơ)',
  'FileCode.FileCatalog (năm hình thành hồ sơ)',
  'FileCode.FileNotation (số và ký hiệu hồ sơ)',
  'DocOrdinal (số thứ tự văn bản trong hồ sơ)',
  'To[].OrganId (mã định danh của cơ quan nhận)',
  'Priority (mức độ khẩn, độ mật)',
  'IssuedAmount (số lượng bản phát hành)',
  'DueDate (hạn trả lời văn bản)',
];

const TYPE_NAMES: Record<string, string | null> = {
  thoa_thuan: 'Thỏa thuận', ban_ghi_nho: 'Biên bản ghi nhớ', ke_hoach: 'Kế hoạch', quyet_dinh: 'Quyết định', cong_van: 'Công văn', thong_bao: 'Thông báo',
  bao_cao: 'Báo cáo', to_trinh: 'Tờ trình', bien_ban: 'Biên bản', hop_dong: 'Hợp đồng', nghi_quyet: 'Nghị quyết', tin_tuc: null, khac: null,
};

const str = (max: number) => z.string().max(max).nullable();
export const Nd30DocumentSchema = z
  .object({
    hoptacDocId: z.string(),
    sourceFile: z.string(),
    FileCode: z.object({ OrganId: str(13), FileCatalog: z.number().int().nullable(), FileNotation: str(20) }).strict(),
    DocOrdinal: z.number().int().nullable(),
    TypeName: str(100),
    CodeNumber: str(11),
    CodeNotation: str(30),
    IssuedDate: z.iso.date().nullable(),
    OrganName: str(200),
    Subject: str(500),
    Language: str(30),
    PageAmount: z.number().int().min(0).max(999).nullable(),
    Description: str(500),
    SignerInfo: z.object({ Position: str(100), FullName: str(50) }).strict().nullable(),
    To: z.array(z.object({ OrganId: str(13), OrganName: str(200) }).strict()),
    Priority: z.number().int().nullable(),
    IssuedAmount: z.number().int().nullable(),
    DueDate: z.iso.date().nullable(),
  })
  .strict();
export type Nd30Document = z.infer<typeof Nd30DocumentSchema>;

/** A value cut to the field's length at a word boundary, with the cut noted. */
function fit(value: string | null | undefined, max: number, name: string, notes: string[]): string | null {
  if (!value) return null;
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  notes.push(`${name} rút gọn còn ${max} ký tự`);
  return `${(at > max / 2 ? cut.slice(0, at) : cut).trimEnd()}…`;
}

/**
 * Tên loại and trích yếu of a title ("KẾ HOẠCH Triển khai …" → "Kế hoạch", "Triển khai …"):
 * the tên loại is printed in capitals before a trích yếu that is not; where the whole title is
 * in capitals, the name of the document's type is taken off its start.
 */
export function splitTitle(title: string | null, typeName: string | null): { typeName: string | null; subject: string | null } {
  if (!title) return { typeName, subject: null };
  const words = title.split(/\s+/);
  const caps = (w: string) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);
  let n = 0;
  while (n < words.length && caps(words[n]!)) n++;
  if (n > 0 && n < words.length) {
    const printed = words.slice(0, n).join(' ').toLocaleLowerCase('vi');
    return { typeName: printed.charAt(0).toLocaleUpperCase('vi') + printed.slice(1), subject: words.slice(n).join(' ') };
  }
  if (typeName) {
    const t = fold(typeName).toLowerCase();
    const f = fold(title).toLowerCase();
    // (folding keeps a precomposed title's length, so the folded prefix measures the printed one)
    if (f.length === title.length && f.startsWith(t) && /\s/.test(title[t.length] ?? '')) return { typeName, subject: title.slice(t.length).trim() || null };
  }
  return { typeName, subject: title };
}

export function nd30Of(r: DocumentRecord): Nd30Document {
  const notes: string[] = [];
  const { typeName, subject } = splitTitle(r.title?.value ?? null, TYPE_NAMES[r.docType] ?? null);
  const number = r.documentNumber?.value ?? null;
  const slash = number ? number.indexOf('/') : -1;
  const signer = r.signatories[0] ?? null;
  const doc: Nd30Document = {
    hoptacDocId: r.id,
    sourceFile: r.source.file,
    FileCode: { OrganId: null, FileCatalog: null, FileNotation: null },
    DocOrdinal: null,
    TypeName: fit(typeName, 100, 'TypeName', notes),
    CodeNumber: fit(number && slash > 0 ? number.slice(0, slash) : number, 11, 'CodeNumber', notes),
    CodeNotation: fit(number && slash > 0 ? number.slice(slash + 1) : null, 30, 'CodeNotation', notes),
    IssuedDate: r.issuedDate?.value ?? null,
    OrganName: fit(r.issuers[0]?.name, 200, 'OrganName', notes),
    Subject: fit(subject, 500, 'Subject', notes),
    Language: 'vi',
    PageAmount: Math.min(999, r.source.pages),
    Description: null,
    SignerInfo: signer ? { Position: fit(signer.title, 100, 'SignerInfo.Position', notes), FullName: fit(signer.name, 50, 'SignerInfo.FullName', notes) } : null,
    To: r.recipients.map((name) => ({ OrganId: null, OrganName: fit(name, 200, 'To.OrganName', notes) })),
    Priority: null,
    IssuedAmount: null,
    DueDate: null,
  };
  doc.Description = notes.length ? fit(notes.join('; '), 500, 'Description', []) : null;
  return Nd30DocumentSchema.parse(doc);
}
