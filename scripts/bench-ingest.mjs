#!/usr/bin/env node
// `npm run bench:ingest`: figures, not assertions.
//
// Scans (default): end-to-end pages/minute of `hoptac ingest` (a real CLI process: read, OCR,
// extract, validate, write, index into Chroma) over scanned PDFs, next to the OCR stage's own
// rate on the same pages with the same engine and concurrency, and the peak memory of both
// processes (hoptac and its Chroma server); then the second run over the same folder.
//
// --files N: memory over a run of N text files (the corpus, each made unique), sampled as the
// run goes, to show it does not grow with the batch.
//
//   npm run bench:ingest [-- --pages 200 --pdfs outputs/scans/scan,outputs/scans/degraded]
//   npm run bench:ingest -- --files 10000

import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { PDFDocument } from 'pdf-lib';
import { readPages } from '../dist/pipeline/extract.js';
import { createOcrEngine } from '../dist/pipeline/ocr/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    pages: { type: 'string', default: '200' },
    pdfs: { type: 'string', default: 'outputs/scans/scan,outputs/scans/degraded' },
    files: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const tmp = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bench-ingest-'));
const cores = os.availableParallelism();
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;

/** VmRSS and VmHWM (peak) of a process, in kB, or null once it is gone. */
function memoryOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss: Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0), peak: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** Runs `hoptac ingest`, sampling the memory of it and of its Chroma server. */
function ingestRun(input, ws, onSample) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'bin/hoptac.js'), 'ingest', input, '-w', ws, '--progress', 'lines'], { cwd: root, env: { ...process.env, CHROMA_URL: '' } });
    let lines = 0;
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      lines += String(d).split('\n').filter((l) => /^(done|unchanged|duplicate|failed) /.test(l)).length;
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const peak = { hoptac: 0, chroma: 0 };
    const timer = setInterval(() => {
      const m = memoryOf(child.pid);
      if (m) peak.hoptac = Math.max(peak.hoptac, m.peak);
      let chroma = null;
      try {
        chroma = memoryOf(JSON.parse(readFileSync(path.join(ws, 'chroma.pid'), 'utf8')).pid);
      } catch {
        // not started yet
      }
      if (chroma) peak.chroma = Math.max(peak.chroma, chroma.peak);
      onSample?.({ seconds: (performance.now() - t0) / 1000, files: lines, rss: m?.rss ?? 0, chromaRss: chroma?.rss ?? 0 });
    }, 250);
    child.once('close', (code) => {
      clearInterval(timer);
      if (code !== 0 && code !== 2) reject(new Error(`hoptac ingest exited ${code}: ${err.slice(-500)}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, peak, out });
    });
  });
}

async function scans() {
  const dirs = opt.pdfs.split(',').map((d) => path.resolve(root, d));
  if (!dirs.every(existsSync)) throw new Error(`no scans in ${opt.pdfs}: run "npm run corpus:scans" first`);
  const want = Number(opt.pages);
  const input = path.join(tmp, 'in');
  mkdirSync(input);
  const picked = [];
  let pages = 0;
  outer: for (const d of dirs) {
    for (const f of readdirSync(d).filter((x) => x.endsWith('.pdf')).sort()) {
      if (pages >= want) break outer;
      const bytes = readFileSync(path.join(d, f));
      const n = (await PDFDocument.load(bytes)).getPageCount();
      const to = path.join(input, `${path.basename(d)}-${f}`);
      copyFileSync(path.join(d, f), to);
      picked.push({ file: to, bytes, pages: n });
      pages += n;
    }
  }
  console.log(`bench:ingest — ${pages} scanned pages in ${picked.length} PDFs (${dirs.map((d) => path.relative(root, d)).join(', ')}), ${cores} cores, Node ${process.version}`);

  // The OCR stage alone: the same reading ingest does (page images out of the PDF, preparation,
  // tesseract.js, post-correction), two documents at a time on one engine of one worker a core.
  // (the engine's start is timed too: ingest pays it)
  const t0 = performance.now();
  const engine = await createOcrEngine('tesseract.js');
  try {
    const two = pLimit(2);
    await Promise.all(picked.map((p) => two(() => readPages(p.file, p.bytes, { ocr: engine }))));
  } finally {
    await engine.close();
  }
  const stageSeconds = (performance.now() - t0) / 1000;
  const stageRate = (pages / stageSeconds) * 60;
  console.log(`OCR stage alone:            ${stageSeconds.toFixed(1)} s, ${stageRate.toFixed(1)} pages/min`);

  const ws = path.join(tmp, 'ws');
  const run = await ingestRun(input, ws);
  const rate = (pages / run.seconds) * 60;
  console.log(`hoptac ingest, end to end:  ${run.seconds.toFixed(1)} s, ${rate.toFixed(1)} pages/min = ${(rate / stageRate).toFixed(2)}× the OCR stage's rate`);
  console.log(`  peak RSS: hoptac ${mib(run.peak.hoptac)}, Chroma server ${mib(run.peak.chroma)}`);
  const counts = (out) => ['done', 'skipped, unchanged', 'failed'].map((k) => `${k} ${new RegExp(`${k}\\s+(\\d+)`).exec(out)?.[1] ?? '?'}`).join(', ');
  console.log(`  ${counts(run.out)}${/failed\s+[1-9]/.test(run.out) ? `\n${run.out.split('\n').filter((l) => l.startsWith('failed ')).slice(0, 5).join('\n')}` : ''}`);
  const again = await ingestRun(input, ws);
  console.log(`the same folder again:      ${again.seconds.toFixed(1)} s (${/skipped, unchanged\s+(\d+)/.exec(again.out)?.[1]} unchanged, ${/(\d+) OCRed/.exec(again.out)?.[1]} pages OCRed)`);
}

async function textFiles(n) {
  const docs = readdirSync(path.join(root, 'corpus/docs')).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(root, 'corpus/docs', f)));
  const input = path.join(tmp, 'text');
  for (let i = 0; i < n; i++) {
    const sub = path.join(input, String(Math.floor(i / 500)).padStart(3, '0'));
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    // The corpus document with a line that makes it a content of its own.
    writeFileSync(path.join(sub, `${String(i).padStart(6, '0')}.txt`), Buffer.concat([docs[i % docs.length], Buffer.from(`\nLưu hồ sơ số ${i}.\n`)]));
  }
  console.log(`bench:ingest — ${n.toLocaleString('en')} text files (the corpus, each made unique), ${cores} cores, Node ${process.version}`);
  const samples = [];
  const run = await ingestRun(input, path.join(tmp, 'ws-text'), (s) => samples.push(s));
  console.log(`hoptac ingest: ${run.seconds.toFixed(1)} s, ${(n / run.seconds).toFixed(0)} files/s; peak RSS hoptac ${mib(run.peak.hoptac)}, Chroma server ${mib(run.peak.chroma)}`);
  console.log('memory as the run goes (files done → RSS of hoptac / of the Chroma server):');
  for (const frac of [0.1, 0.25, 0.5, 0.75, 1]) {
    const s = samples.find((x) => x.files >= frac * n) ?? samples.at(-1);
    if (s) console.log(`  ${String(s.files).padStart(6)} files (${s.seconds.toFixed(0)} s): ${mib(s.rss)} / ${mib(s.chromaRss)}`);
  }
}

try {
  if (opt.files) await textFiles(Number(opt.files));
  else await scans();
} finally {
  if (!opt.keep) rmSync(tmp, { recursive: true, force: true });
}
