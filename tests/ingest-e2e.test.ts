// End to end: `hoptac ingest` over a mixed folder (texts, a text-layer PDF, a scanned PDF and a
// photographed page, real OCR on two pages), then status, exports, a second run that reads
// nothing, copies and renames, a changed file, a vanished file, a new pipeline version, the
// one-writer lock — each through the real CLI and a real Chroma server.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Nd30DocumentSchema } from '../pipeline/batch/export.js';
import { RecordSchema } from '../schemas/record.js';
import { ROOT } from './helpers/corpus.js';
import { pageJpeg, PLAN_PAGE, scanPdf } from './helpers/pages.js';

const BIN = path.join(ROOT, 'bin', 'hoptac.js');
let dir: string;
let ws: string;

function hoptac(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 240_000, env: { ...process.env, CHROMA_URL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const ingest = (...more: string[]) => hoptac(['ingest', 'docs', '-w', ws, '--progress', 'lines', ...more]);
const status = () => JSON.parse(hoptac(['status', '-w', ws, '--json']).stdout) as {
  counts: { done: number; failed: number; pending: number; superseded: number; vanished: number; paths: number };
  vanished: string[];
};
const records = () => readdirSync(path.join(ws, 'records')).filter((f) => f.endsWith('.json'));
const lineOf = (out: string, file: string) => out.split('\n').find((l) => l.includes(file)) ?? '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-ingest-'));
  ws = path.join(dir, 'ws');
  const docs = path.join(dir, 'docs');
  mkdirSync(path.join(docs, 'scans'), { recursive: true });
  for (const f of ['100.txt', '106.txt', '002.txt']) copyFileSync(path.join(ROOT, 'corpus/docs', f), path.join(docs, f));
  copyFileSync(path.join(ROOT, 'corpus/samples/text-001.pdf'), path.join(docs, 'text-001.pdf'));
  writeFileSync(path.join(docs, 'scans', 'plan.pdf'), await scanPdf([PLAN_PAGE]));
  writeFileSync(path.join(docs, 'scans', 'photo-of-page.jpg'), await pageJpeg(['SỞ Y TẾ TỈNH KON TUM', 'Số: 42/TB-SYT', 'THÔNG BÁO', 'Về việc tiếp nhận 10 cán bộ y tế tỉnh Xê Kông sang học tập.']));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hoptac ingest of a mixed folder', () => {
  let first: ReturnType<typeof hoptac>;
  beforeAll(() => {
    first = ingest();
  }, 240_000);

  it('does every file, one line each, and exits 0', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    for (const f of ['docs/100.txt', 'docs/text-001.pdf', 'docs/scans/plan.pdf', 'docs/scans/photo-of-page.jpg']) expect(lineOf(first.stdout, f)).toMatch(/^done /);
    expect(lineOf(first.stdout, 'plan.pdf')).toMatch(/1 page, 1 OCRed/);
    expect(lineOf(first.stdout, 'text-001.pdf')).not.toMatch(/OCRed/);
    expect(first.stdout).toMatch(/done\s+6\s+\(\d+ pages, 2 OCRed/);
  });

  it('writes one valid record per content, with the OCR page boxes, and indexes them', () => {
    expect(records()).toHaveLength(6);
    const plan = records().map((f) => RecordSchema.parse(JSON.parse(readFileSync(path.join(ws, 'records', f), 'utf8')))).find((r) => r.source.file === 'docs/scans/plan.pdf')!;
    expect(plan.documentNumber?.value).toBe('125/KH-UBND');
    expect(plan.documentNumber?.source[0]?.bbox).toHaveLength(4);
    const hits = JSON.parse(hoptac(['search', 'dao tao can bo y te Xe Kong', '-w', ws, '--json']).stdout) as Array<{ document: string }>;
    expect(hits.map((h) => h.document)).toContain('plan.pdf');
  });

  it('keeps the manifest: every path and content done', () => {
    const s = status();
    expect(s.counts).toMatchObject({ done: 6, failed: 0, pending: 0, paths: 6 });
  });

  it('exports JSON, JSONL, CSV tables and ND30 metadata, validated and the same every time', () => {
    const out = path.join(dir, 'exports');
    for (const f of ['json', 'jsonl', 'nd30']) expect(hoptac(['export', '-w', ws, '-f', f, '-o', path.join(out, `a.${f}`)]).code).toBe(0);
    expect(hoptac(['export', '-w', ws, '-f', 'csv', '-o', path.join(out, 'csv')]).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(out, 'a.json'), 'utf8')) as unknown[];
    expect(json).toHaveLength(6);
    for (const r of json) RecordSchema.parse(r);
    const lines = readFileSync(path.join(out, 'a.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(json.map((r) => (r as { id: string }).id));
    const nd30 = JSON.parse(readFileSync(path.join(out, 'a.nd30'), 'utf8')) as { documents: unknown[]; notFilled: string[] };
    for (const d of nd30.documents) Nd30DocumentSchema.parse(d);
    const plan = nd30.documents.map((d) => Nd30DocumentSchema.parse(d)).find((d) => d.sourceFile === 'docs/scans/plan.pdf')!;
    expect(plan).toMatchObject({ TypeName: 'Kế hoạch', CodeNumber: '125', CodeNotation: 'KH-UBND', IssuedDate: '2024-03-15', PageAmount: 1 });
    expect(nd30.notFilled).toContain('DocOrdinal (số thứ tự văn bản trong hồ sơ)');
    const docsCsv = readFileSync(path.join(out, 'csv', 'documents.csv'), 'utf8').trim().split('\n');
    expect(docsCsv[0]).toBe('doc_id,source_file,media_type,pages,text_from,doc_type,number,issued_date,issued_place,title,issuers,parties,party_countries,period_from,period_to,items,quotas,budgets,references,signatories,recipients,warnings,pipeline_version');
    expect(docsCsv).toHaveLength(7);
    expect(readFileSync(path.join(out, 'csv', 'quotas.csv'), 'utf8')).toMatch(/,20,cán bộ y tế,/);
    // Exporting again gives the same bytes.
    const again = path.join(dir, 'exports-again');
    hoptac(['export', '-w', ws, '-f', 'nd30', '-o', path.join(again, 'a.nd30')]);
    hoptac(['export', '-w', ws, '-f', 'csv', '-o', path.join(again, 'csv')]);
    expect(readFileSync(path.join(again, 'a.nd30'), 'utf8')).toBe(readFileSync(path.join(out, 'a.nd30'), 'utf8'));
    for (const t of ['documents', 'items', 'quotas', 'budgets', 'references', 'signatories']) {
      expect(readFileSync(path.join(again, 'csv', `${t}.csv`), 'utf8')).toBe(readFileSync(path.join(out, 'csv', `${t}.csv`), 'utf8'));
    }
  });

  it('reads and OCRs nothing the second time', () => {
    const r = ingest();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped, unchanged\s+6/);
    expect(r.stdout).toMatch(/done\s+0\s+\(0 pages, 0 OCRed\)/);
    expect(r.stdout).not.toMatch(/^done /m);
  });

  it('does not process a copied or renamed file again', () => {
    copyFileSync(path.join(dir, 'docs', '100.txt'), path.join(dir, 'docs', 'copy-of-100.txt'));
    renameSync(path.join(dir, 'docs', 'scans', 'plan.pdf'), path.join(dir, 'docs', 'scans', 'plan-renamed.pdf'));
    const r = ingest();
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'copy-of-100.txt')).toMatch(/^duplicate .*same content as docs\/100\.txt/);
    expect(lineOf(r.stdout, 'plan-renamed.pdf')).toMatch(/^duplicate .*same content as docs\/scans\/plan\.pdf/);
    expect(records()).toHaveLength(6);
    const s = status();
    expect(s.counts.done).toBe(6);
    expect(s.vanished).toEqual([path.join(dir, 'docs', 'scans', 'plan.pdf')]);
  });

  it('processes a changed file again and replaces its old record and entries', () => {
    const file = path.join(dir, 'docs', '106.txt');
    const oldId = records().find((f) => JSON.parse(readFileSync(path.join(ws, 'records', f), 'utf8')).source.file === 'docs/106.txt')!;
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nGhi chú: bản sửa đổi bổ sung mục hợp tác về khoa học và công nghệ.\n`);
    const r = ingest();
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'docs/106.txt')).toMatch(/^done /);
    expect(r.stdout).toMatch(/records replaced by changed files 1/);
    expect(existsSync(path.join(ws, 'records', oldId))).toBe(false);
    expect(status().counts).toMatchObject({ done: 6, superseded: 1 });
    const hits = JSON.parse(hoptac(['search', 'khoa học và công nghệ', '-w', ws, '--json', '--k', '50']).stdout) as Array<{ docId: string }>;
    expect(hits.some((h) => `${h.docId}.json` === oldId)).toBe(false);
  });

  it('reports a vanished file in status and keeps its record', () => {
    rmSync(path.join(dir, 'docs', '002.txt'));
    ingest();
    const s = status();
    expect(s.vanished).toContain(path.join(dir, 'docs', '002.txt'));
    expect(records()).toHaveLength(6);
    expect(hoptac(['status', '-w', ws]).stdout).toMatch(/vanished \(seen before, not there now; their records are kept\):\n.*002\.txt/);
  });

  it('re-extracts without OCR when a content was done by an older pipeline', async () => {
    const { openDb } = await import('../pipeline/workspace/db.js');
    const db = openDb(ws);
    db.prepare("UPDATE files SET pipeline_version = '0.0.0-old' WHERE kind = 'pdf' AND sha256 IN (SELECT sha256 FROM paths WHERE path LIKE '%plan-renamed.pdf')").run();
    db.close();
    // Touch the file so the size-and-time check does not skip it.
    const file = path.join(dir, 'docs', 'scans', 'plan-renamed.pdf');
    utimesSync(file, new Date(), new Date());
    const r = ingest();
    expect(r.code).toBe(0);
    expect(lineOf(r.stdout, 'plan-renamed.pdf')).toMatch(/^done .*\(1 page, \d/);
    expect(lineOf(r.stdout, 'plan-renamed.pdf')).not.toMatch(/OCRed/);
  });

  it('lets one writer in at a time, and takes over a lock a killed run left', async () => {
    const { acquireWriterLock } = await import('../pipeline/workspace/lock.js');
    const lock = acquireWriterLock(ws, 'test');
    try {
      const r = ingest();
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/is being written by "hoptac test" \(pid \d+, since .*\); wait for it to finish, or stop it and run again/);
    } finally {
      lock.release();
    }
    // A lock file of a process that is gone.
    writeFileSync(path.join(ws, 'writer.lock'), JSON.stringify({ pid: 2 ** 22 - 7, start: 1, command: 'ingest', since: '2026-01-01T00:00:00.000Z' }));
    expect(ingest().code).toBe(0);
    expect(existsSync(path.join(ws, 'writer.lock'))).toBe(false);
  });
});
