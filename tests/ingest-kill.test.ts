// Crash safety: `hoptac ingest` killed with SIGKILL at random instants of a real run over a
// mixed corpus (texts, a text-layer PDF, scans with real OCR, a duplicate), then run again
// until it finishes, must leave the workspace as an uninterrupted run does: the same manifest,
// records, index (catalog, entries and the vectors in Chroma) and exports — nothing lost,
// nothing twice, nothing half-written — and no server or lock left behind.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/corpus.js';
import { pageJpeg, PLAN_PAGE, scanPdf } from './helpers/pages.js';

const BIN = path.join(ROOT, 'bin', 'hoptac.js');
const env = { ...process.env, CHROMA_URL: '' };
let dir: string;
let corpus: string;

// Seeded, so a failure can be run again with the same kill times.
let seed = Number(process.env.HOPTAC_KILL_SEED ?? 20261206);
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

function ingestSync(ws: string, input = corpus) {
  return spawnSync(process.execPath, [BIN, 'ingest', input, '-w', ws, '--progress', 'lines'], { cwd: dir, encoding: 'utf8', timeout: 240_000, env });
}

/** Starts an ingest and kills it with SIGKILL after `ms` (or lets it end first); resolves with how it ended. */
function ingestKilledAfter(ws: string, ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'ingest', corpus, '-w', ws, '--progress', 'lines'], { cwd: dir, env, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

function exportAll(ws: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['jsonl', 'nd30']) out[f] = spawnSync(process.execPath, [BIN, 'export', '-w', ws, '-f', f], { cwd: dir, encoding: 'utf8', env }).stdout;
  const csv = path.join(ws, 'csv-export');
  spawnSync(process.execPath, [BIN, 'export', '-w', ws, '-f', 'csv', '-o', csv], { cwd: dir, env });
  for (const f of readdirSync(csv).sort()) out[`csv/${f}`] = readFileSync(path.join(csv, f), 'utf8');
  // Each record's processing block is the one part allowed to differ between runs.
  out.jsonl = out.jsonl!.split('\n').filter(Boolean).map((l) => JSON.stringify({ ...JSON.parse(l), processing: null })).join('\n');
  return out;
}

/** What the workspace holds, without what may differ between runs (times, attempts, generations, run ids). */
async function stateOf(ws: string) {
  const { openDb } = await import('../pipeline/workspace/db.js');
  const db = openDb(ws);
  const rows = (sql: string) => (db.prepare(sql).all() as Array<Record<string, unknown>>).map(({ _metadata, ...r }) => r);
  const manifest = {
    files: rows('SELECT sha256, size, kind, pages, status, stage, error, error_code, pipeline_version, read_version FROM files ORDER BY sha256'),
    paths: rows('SELECT path, sha256, status, error, size FROM paths ORDER BY path'),
    pendingVectors: rows('SELECT * FROM pending_vectors'),
  };
  const index = {
    docs: rows('SELECT doc_id, source, document, space, entries, meta FROM index_docs ORDER BY doc_id'),
    entries: rows('SELECT id, doc_id, seq, unit, text, context, meta FROM entries ORDER BY id'),
  };
  db.close();
  const records: Record<string, unknown> = {};
  const files = readdirSync(path.join(ws, 'records')).sort();
  // Temporary files of writes a kill cut short are swept by the next run.
  expect(files.filter((f) => !f.endsWith('.json'))).toEqual([]);
  for (const f of files) {
    const r = JSON.parse(readFileSync(path.join(ws, 'records', f), 'utf8')) as Record<string, unknown>;
    records[f] = { ...r, processing: null };
  }
  const { SearchIndex } = await import('../pipeline/index/search.js');
  const idx = await SearchIndex.open(ws);
  let vectors: Array<[string, unknown]>;
  try {
    const col = (idx as unknown as { collection: { collection: { get(a: object): Promise<{ ids: string[]; metadatas: unknown[] }> } } }).collection.collection;
    const got = await col.get({ include: ['metadatas'], limit: 100_000 });
    vectors = got.ids.map((id, i) => [id, got.metadatas[i]] as [string, unknown]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  } finally {
    await idx.close();
  }
  return { manifest, index, records, vectors, exports: exportAll(ws) };
}

function serversOf(workspace: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmd.includes(workspace) && cmd.includes('cli.mjs');
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-kill-'));
  corpus = path.join(dir, 'corpus');
  mkdirSync(path.join(corpus, 'scans'), { recursive: true });
  for (const f of ['000.txt', '002.txt', '100.txt', '106.txt', '110.txt', '114.txt', '120.txt', '125.txt', '130.txt', '134.txt']) {
    copyFileSync(path.join(ROOT, 'corpus/docs', f), path.join(corpus, f));
  }
  copyFileSync(path.join(corpus, '100.txt'), path.join(corpus, 'zz-copy-of-100.txt'));
  copyFileSync(path.join(ROOT, 'corpus/samples/text-001.pdf'), path.join(corpus, 'text-001.pdf'));
  writeFileSync(path.join(corpus, 'scans', 'plan.pdf'), await scanPdf([PLAN_PAGE, PLAN_PAGE.map((l) => l.replace('20 cán bộ', '25 cán bộ'))]));
  writeFileSync(path.join(corpus, 'scans', 'notice.jpg'), await pageJpeg(['SỞ Y TẾ TỈNH KON TUM', 'Số: 42/TB-SYT', 'THÔNG BÁO', 'Về việc tiếp nhận 10 cán bộ y tế tỉnh Xê Kông.']));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hoptac ingest killed at random instants', () => {
  const whole = () => path.join(dir, 'whole');
  // Each scenario: a fresh workspace, killed at these fractions of an uninterrupted run's time
  // (one draw in each band), then run to the end.
  const bands: Array<Array<[number, number]>> = [[[0.03, 0.3]], [[0.3, 0.6]], [[0.6, 0.95]], [[0.1, 0.5], [0.05, 0.4]]];
  const scenarios: Array<{ ws: string; kills: Array<{ ms: number; killed: boolean }> }> = [];
  let reference: Awaited<ReturnType<typeof stateOf>>;

  beforeAll(async () => {
    const t0 = performance.now();
    const r = ingestSync(whole());
    expect(r.status, r.stderr).toBe(0);
    const runMs = performance.now() - t0;
    reference = await stateOf(whole());
    for (const [n, band] of bands.entries()) {
      const ws = path.join(dir, `killed-${n}`);
      const kills: Array<{ ms: number; killed: boolean }> = [];
      for (const [lo, hi] of band) {
        const ms = Math.round((lo + rand() * (hi - lo)) * runMs);
        kills.push({ ms, killed: (await ingestKilledAfter(ws, ms)).killed });
      }
      const last = ingestSync(ws);
      expect(last.status, last.stderr).toBe(0);
      scenarios.push({ ws, kills });
    }
  }, 600_000);

  it('killed the run of every scenario before it could finish', () => {
    for (const s of scenarios) expect(s.kills.every((k) => k.killed), JSON.stringify(s.kills)).toBe(true);
    expect(scenarios).toHaveLength(bands.length);
  });

  it('ends each with the same manifest, records, index, vectors and exports as an uninterrupted run', async () => {
    expect(Object.keys(reference.records)).toHaveLength(13);
    expect(reference.manifest.files.every((f) => f.status === 'done')).toBe(true);
    for (const s of scenarios) {
      const b = await stateOf(s.ws);
      const at = `killed at ${s.kills.map((k) => `${k.ms} ms`).join(', ')}`;
      expect(b.manifest, at).toEqual(reference.manifest);
      expect(b.records, at).toEqual(reference.records);
      expect(b.index, at).toEqual(reference.index);
      expect(b.vectors.map(([id]) => id), at).toEqual(reference.vectors.map(([id]) => id));
      expect(b.vectors, at).toEqual(reference.vectors);
      expect(b.exports, at).toEqual(reference.exports);
    }
  }, 180_000);

  it('leaves no Chroma server and no lock behind', () => {
    for (const ws of [whole(), ...scenarios.map((s) => s.ws)]) {
      expect(serversOf(ws)).toEqual([]);
      expect(existsSync(path.join(ws, 'writer.lock'))).toBe(false);
      expect(existsSync(path.join(ws, 'chroma.pid'))).toBe(false);
    }
  });
});

describe('hoptac ingest stopped with Ctrl-C', () => {
  it('abandons the pages in flight, records where it stopped, stops its server, and the next run finishes', async () => {
    const input = path.join(dir, 'ctrl-c');
    const ws = path.join(dir, 'ctrl-c-ws');
    mkdirSync(input, { recursive: true });
    copyFileSync(path.join(ROOT, 'corpus/docs/100.txt'), path.join(input, 'a.txt'));
    const pages = Array.from({ length: 6 }, (_, i) => PLAN_PAGE.map((l) => l.replace('20 cán bộ', `${20 + i} cán bộ`)));
    writeFileSync(path.join(input, 'b-long-scan.pdf'), await scanPdf(pages));
    const child = spawn(process.execPath, [BIN, 'ingest', input, '-w', ws, '--progress', 'lines'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Once the scan's first pages are read and kept, and others are being read, press Ctrl-C.
    const keptPages = () => {
      try {
        return (readdirSync(path.join(ws, 'stages'), { recursive: true }) as string[]).filter((f) => /\.pages\/p\d+\.json\.gz$/.test(f)).length;
      } catch {
        return 0;
      }
    };
    const until = Date.now() + 120_000;
    while (keptPages() < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const keptBefore = keptPages();
    const t0 = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const stopMs = Date.now() - t0;
    expect(code, `${stdout}\n${stderr}`).toBe(130);
    expect(stopMs).toBeLessThan(20_000);
    expect(stderr).toMatch(/SIGINT: finishing what is in flight/);
    expect(stdout).toMatch(/^interrupted\s+.*b-long-scan\.pdf\s+\(stopped before it was done; the next run takes it up\)/m);
    expect(stdout).toMatch(/stopped before the end: run the same command again to finish; nothing done is lost/);
    expect(serversOf(ws)).toEqual([]);
    expect(existsSync(path.join(ws, 'writer.lock'))).toBe(false);
    const status = spawnSync(process.execPath, [BIN, 'status', '-w', ws, '--json'], { cwd: dir, encoding: 'utf8', env });
    const s = JSON.parse(status.stdout) as { counts: { done: number; pending: number }; lastRun: { status: string } };
    expect(s.counts).toMatchObject({ pending: 1 });
    expect(s.lastRun.status).toBe('interrupted');
    const again = ingestSync(ws, input);
    expect(again.status, again.stderr).toBe(0);
    // The pages read before Ctrl-C were kept: only the others are read again.
    expect(keptBefore).toBeGreaterThanOrEqual(1);
    const ocred = Number(/^done\s+.*b-long-scan\.pdf\s+\(6 pages, (\d+) OCRed/m.exec(again.stdout)?.[1]);
    expect(ocred).toBeLessThanOrEqual(6 - keptBefore);
    expect(keptPages()).toBe(0);
    expect(again.stdout).toMatch(/skipped, unchanged\s+1/);
  }, 240_000);
});
