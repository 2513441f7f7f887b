#!/usr/bin/env node
// Throughput of extraction, printed as figures (not asserted):
//  1. in one process on one core: the corpus repeated to 10,000 documents;
//  2. a whole `hoptac extract` run over 2,000 files (start-up, validation, writing included).
// Usage: npm run bench:extract [-- --docs 10000 --files 2000]

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractBytesSync } from '../dist/pipeline/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg('docs', 10_000);
const FILES = arg('files', 2_000);
const dir = path.join(root, 'corpus/docs');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ f, bytes: readFileSync(path.join(dir, f)) }));
const corpusBytes = corpus.reduce((n, d) => n + d.bytes.length, 0);

console.log(`hoptac extraction benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`);
console.log(`corpus: ${corpus.length} documents, ${(corpusBytes / 1024).toFixed(0)} KiB, mean ${(corpusBytes / corpus.length / 1024).toFixed(1)} KiB`);

// 1. In-process, one core.
for (let i = 0; i < corpus.length * 3; i++) extractBytesSync(corpus[i % corpus.length].f, corpus[i % corpus.length].bytes);
const times = new Float64Array(DOCS);
const t0 = performance.now();
for (let i = 0; i < DOCS; i++) {
  const d = corpus[i % corpus.length];
  const s = performance.now();
  extractBytesSync(d.f, d.bytes);
  times[i] = performance.now() - s;
}
const ms = performance.now() - t0;
const sorted = Array.from(times).sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2);
const inProcess = DOCS / (ms / 1000);
console.log(`\n1. in one process, one core: ${DOCS} documents in ${(ms / 1000).toFixed(2)} s`);
console.log(`   ${inProcess.toFixed(0)} documents/s   (per document: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms)   target ≥ 500/s`);

// 2. The whole command over FILES files.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bench-'));
try {
  const input = path.join(tmp, 'in');
  mkdirSync(input);
  for (let i = 0; i < FILES; i++) copyFileSync(path.join(dir, corpus[i % corpus.length].f), path.join(input, `${String(i).padStart(5, '0')}.txt`));
  const out = path.join(tmp, 'out');
  const s = performance.now();
  execFileSync(process.execPath, [path.join(root, 'bin/hoptac.js'), 'extract', input, '--out', out, '--quiet'], { stdio: 'inherit' });
  const wall = (performance.now() - s) / 1000;
  const written = readdirSync(out).length;
  console.log(`\n2. hoptac extract over ${FILES} files: ${written} records in ${wall.toFixed(2)} s wall (start-up, validation, writing included)`);
  console.log(`   ${(FILES / wall).toFixed(0)} documents/s   target ≥ 300/s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
