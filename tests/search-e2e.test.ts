// End to end with the real Chroma server started from the npm package: index the corpus,
// search (filters, no diacritics), restart and find the same (persistence), replace a changed
// document, compare, score the query set — and leave no server behind.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/corpus.js';

const BIN = path.join(ROOT, 'bin', 'hoptac.js');
let dir: string;
let ws: string;

function hoptac(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, CHROMA_URL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonHit {
  document: string;
  docId: string;
  score: number;
  label: string;
  text: string;
  path: string;
  amount: number | null;
}
const search = (q: string, ...more: string[]): JsonHit[] => {
  const r = hoptac(['search', q, '-w', ws, '--json', ...more]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonHit[];
};

/** Processes whose command line names this test's workspace (a Chroma server left running). */
function serversOf(workspace: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(workspace) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('cli.mjs');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-search-'));
  ws = path.join(dir, 'ws');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hoptac index and search with a real Chroma server', () => {
  let first: ReturnType<typeof hoptac>;
  beforeAll(() => {
    first = hoptac(['index', 'corpus/docs', '-w', ws]);
  }, 180_000);

  it('indexes the corpus and stops its server', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/37 indexed \(\d+ entries\), 0 unchanged/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(first.stdout)![1]);
    expect(await portOpen(port)).toBe(false);
    expect(existsSync(path.join(ws, 'chroma.pid'))).toBe(false);
    expect(serversOf(ws)).toEqual([]);
  });

  it('finds training of health staff for Laos, typed with or without diacritics', () => {
    const hits = search('đào tạo cán bộ y tế cho Lào', '--k', '10');
    expect(hits).toHaveLength(10);
    for (const h of hits) {
      expect(h).toMatchObject({ document: expect.stringMatching(/\.txt$/), docId: expect.stringMatching(/^[0-9a-f]{64}$/), label: expect.any(String), text: expect.any(String) });
    }
    const docs = hits.map((h) => h.document);
    // Agreements that promise exactly this (judged in corpus/search/queries.json).
    expect(docs.filter((d) => ['100.txt', '110.txt', '002.txt', '104.txt', '112.txt', '123.txt', '136.txt'].includes(d)).length).toBeGreaterThanOrEqual(4);
    const plain = search('dao tao can bo y te cho lao', '--k', '10').map((h) => h.document);
    expect(new Set(plain.slice(0, 5)).size).toBeGreaterThan(0);
    expect(plain.filter((d) => docs.includes(d)).length).toBeGreaterThanOrEqual(7);
  });

  it('applies filters: a party in another spelling, a least amount, a type', () => {
    const party = search('hỗ trợ', '--party', 'Xaysomboun');
    expect(party.length).toBeGreaterThan(0);
    expect(new Set(party.map((h) => h.document))).toEqual(new Set(['002.txt']));
    const big = search('kinh phí hỗ trợ', '--min-amount', '1000000000');
    expect(big.length).toBeGreaterThan(0);
    for (const h of big) expect(h.amount).toBeGreaterThanOrEqual(1_000_000_000);
    const none = search('đào tạo', '--party', 'Nam Cực');
    expect(none).toEqual([]);
  });

  it('finds the same after the server restarts (each command starts its own on the same data)', () => {
    const a = search('học bổng cho sinh viên Lào');
    const b = search('học bổng cho sinh viên Lào');
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
  });

  it('leaves an unchanged corpus alone on a second run', () => {
    const again = hoptac(['index', 'corpus/docs', '-w', ws]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 indexed \(0 entries\), 37 unchanged, 0 replaced/);
  });

  it('replaces the entries of a document whose file changed', () => {
    const src = path.join(dir, 'src');
    mkdirSync(src, { recursive: true });
    const file = path.join(src, 'thoa-thuan.txt');
    // A copy with other content (the same bytes would be the same document: its content hash).
    writeFileSync(file, readFileSync(path.join(ROOT, 'corpus/docs/100.txt'), 'utf8').replace('Hai Bên', 'Hai bên'));
    expect(hoptac(['index', file, '-w', ws]).code).toBe(0);
    const before = search('Hà Tĩnh cấp học bổng', '--party', 'Bô-ly-khăm-xay').filter((h) => h.document === 'thoa-thuan.txt');
    expect(before.length).toBeGreaterThan(0);
    const text = readFileSync(file, 'utf8').replace('mỗi năm 20 suất học bổng', 'mỗi năm 25 suất học bổng');
    writeFileSync(file, text);
    const r = hoptac(['index', file, '-w', ws]);
    expect(r.stdout).toMatch(/1 indexed .* 1 replaced/);
    const after = search('Hà Tĩnh cấp học bổng', '--party', 'Bô-ly-khăm-xay').filter((h) => h.document === 'thoa-thuan.txt');
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((h) => h.docId)).size).toBe(1);
    expect(after[0]!.docId).not.toBe(before[0]!.docId);
    expect(after.some((h) => h.text.includes('25 suất'))).toBe(true);
    expect(existsSync(path.join(ws, 'records', `${before[0]!.docId}.json`))).toBe(false);
  });

  it('compares two agreements and every document with one party', () => {
    const r = hoptac(['compare', '100.txt', '106.txt', '-w', ws, '--json']);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(r.stdout) as { matched: Array<{ a: string; b: string; similarity: number }>; onlyA: string[]; onlyB: string[] };
    expect(cmp.matched.length).toBeGreaterThanOrEqual(3);
    // Both agreements have a health article; they must be paired.
    expect(cmp.matched).toContainEqual(expect.objectContaining({ a: 'Điều 2/4', b: 'II/5' }));
    expect(cmp.matched.length + cmp.onlyA.length).toBe(7);
    const party = hoptac(['compare', '--party', 'Kon Tum', '-w', ws]);
    expect(party.code).toBe(0);
    expect(party.stdout).toMatch(/documents with the party "Kon Tum"/);
    const unknown = hoptac(['compare', 'nope.txt', '106.txt', '-w', ws]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/"nope.txt" is not an indexed document/);
  });

  it('scores the judged query set: hybrid above BM25 and dense alone, diacritics optional', () => {
    const r = hoptac(['eval-search', '-w', ws, '--json']);
    expect(r.code).toBe(0);
    const res = (JSON.parse(r.stdout) as { results: Record<string, Record<string, { ndcg10: number; docNdcg10: number }>> }).results;
    const w = 'with diacritics';
    const wo = 'without diacritics';
    expect(res.hybrid![w]!.ndcg10).toBeGreaterThan(res.bm25![w]!.ndcg10);
    expect(res.hybrid![w]!.ndcg10).toBeGreaterThan(res.dense![w]!.ndcg10);
    expect(Math.abs(res.hybrid![w]!.ndcg10 - res.hybrid![wo]!.ndcg10)).toBeLessThanOrEqual(0.02);
    expect(res.hybrid![w]!.docNdcg10).toBeGreaterThanOrEqual(0.85);
  });

  it('stops a server a killed run left behind', async () => {
    const child = spawn(process.execPath, [BIN, 'search', 'y tế', '-w', ws], { cwd: ROOT, env: { ...process.env, CHROMA_URL: '' }, stdio: 'ignore' });
    const pidFile = path.join(ws, 'chroma.pid');
    const until = Date.now() + 30_000;
    while (!existsSync(pidFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const left = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    expect(serversOf(ws)).toContain(left.pid);
    expect(search('y tế').length).toBeGreaterThan(0);
    expect(serversOf(ws)).toEqual([]);
  }, 60_000);
});

describe('a Chroma server another command is using', () => {
  it('is used as it is and left running for its owner', async () => {
    const { SearchIndex } = await import('../pipeline/index/search.js');
    const index = await SearchIndex.open(ws);
    try {
      const owner = JSON.parse(readFileSync(path.join(ws, 'chroma.pid'), 'utf8')) as { pid: number; port: number; owner: number };
      expect(owner.owner).toBe(process.pid);
      const hits = search('học bổng cho sinh viên Lào');
      expect(hits.length).toBeGreaterThan(0);
      expect(serversOf(ws)).toEqual([owner.pid]);
      expect(await portOpen(owner.port)).toBe(true);
      expect(JSON.parse(readFileSync(path.join(ws, 'chroma.pid'), 'utf8'))).toEqual(owner);
    } finally {
      await index.close();
    }
    expect(serversOf(ws)).toEqual([]);
    expect(existsSync(path.join(ws, 'chroma.pid'))).toBe(false);
  }, 60_000);
});

describe('a run killed while vectors were written', () => {
  it('is repaired by the next write: stray vectors go, the catalog\'s own come back', async () => {
    const { SearchIndex } = await import('../pipeline/index/search.js');
    const { extractBytesSync } = await import('../pipeline/extract.js');
    const { openDb } = await import('../pipeline/workspace/db.js');
    const ws2 = path.join(dir, 'repair');
    const rec = (f: string) => extractBytesSync(f, readFileSync(path.join(ROOT, 'corpus/docs', f)));
    const [a, b] = [rec('100.txt'), rec('106.txt')];
    type Inner = { collection: { upsert(e: unknown[]): Promise<void>; deleteDocument(id: string): Promise<void>; count(): Promise<number> } };
    let index = await SearchIndex.open(ws2);
    let expected: number;
    try {
      const first = await index.indexRecords([a]);
      expected = first.entries;
      const inner = index as unknown as Inner;
      // What a killed run leaves: vectors of a document the catalog never got, and a document
      // of the catalog whose vectors were deleted before the kill; both noted as in flight.
      await inner.collection.upsert([{ id: 'stray:item:1', vector: Array(768).fill(0.036), metadata: { docId: 'f'.repeat(64), amount: 0 } }]);
      await inner.collection.deleteDocument(a.id);
      const db = openDb(ws2);
      db.prepare('INSERT INTO pending_vectors(doc_id, space) VALUES (?, ?), (?, ?)').run('f'.repeat(64), index.space, a.id, index.space);
      db.close();
    } finally {
      await index.close();
    }
    index = await SearchIndex.open(ws2);
    try {
      const second = await index.indexRecords([b]);
      expect(await index.count()).toBe(expected + second.entries);
      const hits = await index.search('học bổng', { k: 50, mode: 'dense' });
      expect(hits.some((h) => h.docId === a.id)).toBe(true);
    } finally {
      await index.close();
    }
  }, 60_000);
});

describe('a Chroma server that cannot be reached', () => {
  it('says which URL and what to do, with exit code 3', () => {
    const r = hoptac(['search', 'y tế', '-w', path.join(dir, 'remote')], { CHROMA_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Chroma at http:\/\/127\.0\.0\.1:9 \(CHROMA_URL\) does not answer.*unset CHROMA_URL/);
  });
});
