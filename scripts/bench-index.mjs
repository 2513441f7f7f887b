#!/usr/bin/env node
// Index and search throughput on synthetic commitments made from the corpus, printed as
// figures (not asserted). Indexing goes through the same path as `hoptac index` (embedding,
// Chroma upsert, database, BM25), then p50/p95 latency of hybrid search including the query
// embedding, BM25, the Chroma query, filters, the document prior and fusion. A real Chroma
// server is started from the npm package.
// Usage: npm run bench:index [-- --commitments 100000 --queries 300]

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { entriesOf, extractBytesSync, SearchIndex } from '../dist/pipeline/index.js';
import { readPidFile } from '../dist/pipeline/index/chroma.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { commitments: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' } } });
const N = Number(values.commitments);
const Q = Number(values.queries);
const PER_DOC = 20;

// A seeded generator, so two runs index the same commitments.
let seed = 20261204;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pick = (list) => list[Math.floor(rand() * list.length)];

const dir = path.join(root, 'corpus/docs');
const records = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => extractBytesSync(f, readFileSync(path.join(dir, f))));
const templates = [];
for (const r of records) for (const e of await entriesOf(r)) if (e.meta.kind !== 'passage') templates.push(e);
const PLACES = ['Hà Tĩnh', 'Kon Tum', 'Quảng Bình', 'Nghệ An', 'Sơn La', 'Điện Biên', 'An Giang', 'Kiên Giang', 'Tây Ninh', 'Gia Lai',
  'Xây Sôm Bun', 'Bô-ly-khăm-xay', 'Sa-la-van', 'Hủa Phăn', 'Luông Pha Bang', 'Xiêng Khoảng', 'Kampốt', 'Ta Keo', 'Prây Veng', 'Ratanakiri'];
const placeRe = new RegExp(PLACES.map((p) => p.replace(/[-]/g, '\\-')).join('|'), 'g');
const TYPES = ['thoa_thuan', 'ban_ghi_nho', 'ke_hoach', 'quyet_dinh', 'cong_van', 'bao_cao'];
const docIdOf = (doc) => `${doc.toString(16).padStart(8, '0')}${'0'.repeat(56)}`;

/** The facts of synthetic document `doc`, made from a corpus commitment's document. */
function documentFacts(doc, m) {
  const place = PLACES[doc % PLACES.length];
  const year = 2015 + (doc % 12);
  return {
    docId: docIdOf(doc), document: `synthetic-${doc}.txt`, docType: TYPES[doc % TYPES.length], number: m.number, title: m.title, issuers: m.issuers,
    parties: `${m.parties} | tỉnh ${place}`, places: m.places, year, periodFrom: year, periodTo: year + 2, date: year * 10000 + 101,
  };
}

/** Synthetic commitment i: a corpus commitment with other numbers, places, year and document. */
function synthetic(i, facts) {
  const t = templates[i % templates.length];
  const place = PLACES[Math.floor(i / PER_DOC) % PLACES.length];
  const m = t.meta;
  return {
    id: `${facts.docId.slice(0, 24)}:${m.kind}:${i}`,
    text: t.text.replace(/\d+/g, (d) => String(Math.max(1, Math.round(Number(d) * (0.5 + rand()))))).replace(placeRe, place),
    context: t.context.replace(placeRe, place),
    meta: {
      ...facts, kind: m.kind, unit: `${m.unit}#${i}`, label: m.label, quantity: m.quantity, unitName: m.unitName,
      amount: m.amount ? Math.round(m.amount * (0.5 + rand())) : 0, currency: m.currency, start: m.start, end: m.end,
    },
  };
}

/** The synthetic documents, PER_DOC commitments each, made as the index asks for them. */
function* documents() {
  for (let start = 0; start < N; start += PER_DOC) {
    const doc = start / PER_DOC;
    const facts = documentFacts(doc, templates[start % templates.length].meta);
    const entries = [];
    for (let i = start; i < Math.min(N, start + PER_DOC); i++) entries.push(synthetic(i, facts));
    yield { docId: facts.docId, source: `/synthetic/${doc}.txt`, document: facts.document, meta: facts, entries };
  }
}

const ws = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bench-index-'));

/** CPU seconds the Chroma server process has used (Linux /proc), or NaN elsewhere. */
function serverCpu() {
  try {
    const f = readFileSync(`/proc/${readPidFile(ws).pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

console.log(`hoptac index benchmark — Node ${process.version}, ${os.cpus().length} cores; ${N.toLocaleString('en')} synthetic commitments (${Math.ceil(N / PER_DOC)} documents) from ${templates.length} corpus commitments`);
let index = await SearchIndex.open(ws);
try {
  const cpu0 = process.cpuUsage();
  const server0 = serverCpu();
  const tAll = performance.now();
  const report = await index.indexDocuments(documents());
  const indexMs = performance.now() - tAll;
  await index.search('khởi động', { k: 1, mode: 'bm25' }); // merges the BM25 postings
  const totalMs = performance.now() - tAll;
  const cpu = process.cpuUsage(cpu0);
  console.log(`indexed ${report.entries.toLocaleString('en')} in ${(totalMs / 1000).toFixed(1)} s: ${Math.round(report.entries / (totalMs / 1000)).toLocaleString('en')} commitments/s`);
  console.log(`  embedding, Chroma upsert, database and BM25 terms ${(indexMs / 1000).toFixed(1)} s; BM25 merge ${((totalMs - indexMs) / 1000).toFixed(1)} s`);
  console.log(`  CPU: hoptac ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, Chroma server ${(serverCpu() - server0).toFixed(1)} s (${os.cpus().length} cores, ${(totalMs / 1000).toFixed(1)} s wall)`);
  console.log(`  Chroma holds ${(await index.count()).toLocaleString('en')} entries; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  const tClose = performance.now();
  await index.close();
  const tOpen = performance.now();
  index = await SearchIndex.open(ws);
  const tReady = performance.now();
  await index.search('khởi động', { k: 10 });
  console.log(
    `  BM25 snapshot saved in ${((tOpen - tClose) / 1000).toFixed(1)} s (${(statSync(path.join(ws, 'index', 'bm25.bin')).size / 2 ** 20).toFixed(0)} MiB); ` +
      `the index opens again in ${((tReady - tOpen) / 1000).toFixed(2)} s (Chroma start included), first search ${(performance.now() - tReady).toFixed(0)} ms`,
  );

  const queries = JSON.parse(readFileSync(path.join(root, 'corpus/search/queries.json'), 'utf8')).queries.map((q) => q.query);
  const filters = [{ party: 'Lào' }, { type: 'ke_hoach' }, { year: 2020 }, { minAmount: 1_000_000_000 }, { party: 'Hà Tĩnh', from: '2018' }];
  const fold = (q) => q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  for (let i = 0; i < 10; i++) await index.search(queries[i % queries.length], { k: 10 });
  for (const [label, pickFilter] of [['no filter', () => ({})], ['with filters', () => pick(filters)]]) {
    const times = [];
    for (let i = 0; i < Q; i++) {
      const q = queries[i % queries.length];
      const t0 = performance.now();
      await index.search(i % 2 ? q : fold(q), { k: 10, filters: pickFilter() });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
    console.log(`hybrid search, ${label} (${Q} queries, half without diacritics, k=10): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1).toFixed(1)} ms`);
  }
  for (const f of filters) {
    const times = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      await index.search(queries[i % queries.length], { k: 10, filters: f });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  filter ${JSON.stringify(f)}: p50 ${times[20].toFixed(1)} ms, p95 ${times[38].toFixed(1)} ms`);
  }
} finally {
  await index.close();
  rmSync(ws, { recursive: true, force: true });
}
