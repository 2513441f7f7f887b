#!/usr/bin/env node
// Index and search throughput on synthetic commitments made from the corpus, printed as
// figures (not asserted): commitments indexed per second (embedding, Chroma upsert, BM25),
// then p50/p95 latency of hybrid search including the query embedding, BM25, the Chroma
// query, filters and fusion. A real Chroma server is started from the npm package.
// Usage: npm run bench:index [-- --commitments 100000 --queries 300]

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { entriesOf, extractBytesSync, SearchIndex } from '../dist/pipeline/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { commitments: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' }, batch: { type: 'string', default: '4000' } } });
const N = Number(values.commitments);
const Q = Number(values.queries);
const BATCH = Number(values.batch);

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

/** Synthetic commitment i: a corpus commitment with other numbers, places, year and document. */
function synthetic(i) {
  const t = templates[i % templates.length];
  const doc = Math.floor(i / 20);
  const place = PLACES[doc % PLACES.length];
  const text = t.text.replace(/\d+/g, (d) => String(Math.max(1, Math.round(Number(d) * (0.5 + rand()))))).replace(placeRe, place);
  const year = 2015 + (doc % 12);
  const docId = `${doc.toString(16).padStart(8, '0')}${'0'.repeat(56)}`;
  return {
    id: `${docId.slice(0, 24)}:${t.meta.kind}:${i}`,
    text,
    context: `${t.context.replace(placeRe, place)}`,
    meta: { ...t.meta, docId, unit: `${t.meta.unit}#${i}`, document: `synthetic-${doc}.txt`, docType: TYPES[doc % TYPES.length], parties: `${t.meta.parties} | tỉnh ${place}`,
      year, periodFrom: year, periodTo: year + 2, date: year * 10000 + 101, amount: t.meta.amount ? Math.round(t.meta.amount * (0.5 + rand())) : 0 },
  };
}

const ws = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bench-index-'));
console.log(`hoptac index benchmark — Node ${process.version}, ${os.cpus().length} cores; ${N.toLocaleString('en')} synthetic commitments from ${templates.length} corpus commitments`);
const index = await SearchIndex.open(ws);
try {
  let embedMs = 0;
  let chromaMs = 0;
  const tAll = performance.now();
  for (let start = 0; start < N; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) batch.push(synthetic(i));
    const t0 = performance.now();
    const vectors = await index.embeddings.embedDocuments(batch.map((e) => (e.context ? `${e.text}\n(${e.context})` : e.text)));
    const t1 = performance.now();
    await index.upsertVectors(batch, vectors);
    chromaMs += performance.now() - t1;
    embedMs += t1 - t0;
    index.addLocalEntries(batch);
  }
  const tBm = performance.now();
  await index.search('khởi động', { k: 1, mode: 'bm25' }); // builds BM25
  const bm25Ms = performance.now() - tBm;
  const totalMs = performance.now() - tAll;
  console.log(`indexed ${N.toLocaleString('en')} in ${(totalMs / 1000).toFixed(1)} s: ${Math.round(N / (totalMs / 1000)).toLocaleString('en')} commitments/s`);
  console.log(`  embedding ${(embedMs / 1000).toFixed(1)} s (${Math.round(N / (embedMs / 1000)).toLocaleString('en')}/s), Chroma upsert ${(chromaMs / 1000).toFixed(1)} s (${Math.round(N / (chromaMs / 1000)).toLocaleString('en')}/s), BM25 build ${(bm25Ms / 1000).toFixed(1)} s`);
  console.log(`  Chroma holds ${(await index.count()).toLocaleString('en')} entries; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  const queries = JSON.parse(readFileSync(path.join(root, 'corpus/search/queries.json'), 'utf8')).queries.map((q) => q.query);
  const filters = [{}, {}, { party: 'Lào' }, { type: 'ke_hoach' }, { year: 2020 }, { minAmount: 1_000_000_000 }, { party: 'Hà Tĩnh', from: '2018' }];
  for (let i = 0; i < 10; i++) await index.search(queries[i % queries.length], { k: 10 });
  for (const [label, pickFilter] of [['no filter', () => ({})], ['with filters', () => pick(filters.slice(2))]]) {
    const times = [];
    for (let i = 0; i < Q; i++) {
      const q = queries[i % queries.length];
      const t0 = performance.now();
      await index.search(i % 2 ? q : q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'), { k: 10, filters: pickFilter() });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
    console.log(`hybrid search, ${label} (${Q} queries, half without diacritics, k=10): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times.at(-1).toFixed(1)} ms`);
  }
} finally {
  await index.close();
  rmSync(ws, { recursive: true, force: true });
}
