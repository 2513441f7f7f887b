#!/usr/bin/env node
// `npm run eval:scans`: reads the scan corpus (npm run corpus:scans) at each quality with
// `hoptac extract`, then prints OCR error rates (`hoptac eval-ocr`) and field F1 (`hoptac eval`)
// next to the F1 of the same documents read from their text.
//
//   node scripts/eval-scans.mjs [--scans outputs/scans] [--docs corpus/docs] [--gold corpus/gold]
//                               [--qualities clean,scan,degraded] [--engine tesseract.js] [--no-correct]
//                               [--ocr-dpi N] [--native-baseline]
//
// --native-baseline also reads each PDF the plain way, where pdftoppm and tesseract are
// installed: `pdftoppm -r 300 -gray`, then `tesseract -l vie --psm 3` on each page (default
// thresholding, OMP_THREAD_LIMIT=1, two at a time), and prints its CER next to hoptac's.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pMap from 'p-map';
import { has, run } from './lib/processes.mjs';

const { values: opt } = parseArgs({
  options: {
    scans: { type: 'string', default: 'outputs/scans' },
    docs: { type: 'string', default: 'corpus/docs' },
    gold: { type: 'string', default: 'corpus/gold' },
    qualities: { type: 'string', default: 'clean,scan,degraded' },
    engine: { type: 'string', default: 'tesseract.js' },
    out: { type: 'string', default: 'outputs/scans-read' },
    'no-correct': { type: 'boolean', default: false },
    'ocr-dpi': { type: 'string' },
    'native-baseline': { type: 'boolean', default: false },
  },
});
const SCANS = opt.scans;
const DOCS = opt.docs;
const GOLD = opt.gold;
const QUALITIES = opt.qualities.split(',');
const ENGINE = opt.engine;
const OUT = opt.out;
const extra = [...(opt['no-correct'] ? ['--no-ocr-correct'] : []), ...(opt['ocr-dpi'] ? ['--ocr-dpi', opt['ocr-dpi']] : [])];

const hoptac = (...a) => {
  const r = spawnSync(process.execPath, ['bin/hoptac.js', ...a], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 2) throw new Error(`hoptac ${a.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
};

const names = readdirSync(path.join(SCANS, 'truth')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));
const goldNames = new Set(existsSync(GOLD) ? readdirSync(GOLD).map((f) => f.replace(/\.json$/, '')) : []);
const withGold = names.filter((n) => goldNames.has(n));

// F1 of the same documents read from their text (the reference the scans are held to).
let textF1 = null;
if (withGold.length && existsSync(DOCS)) {
  const dir = path.join(OUT, 'text');
  rmSync(dir, { recursive: true, force: true });
  hoptac('extract', ...withGold.map((n) => path.join(DOCS, `${n}.txt`)), '--out', dir, '-q');
  textF1 = JSON.parse(hoptac('eval', '--gold', GOLD, '--pred', dir, '--json')).overall.F;
}

/** Plain native tesseract over one quality's PDFs: each document's pages, read in order, into dir/NAME.txt. */
async function nativeBaseline(q, dir) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hoptac-native-'));
  try {
    const pageNo = (f) => Number(f.match(/-(\d+)\.pgm$/)[1]);
    await pMap(names, async (n) => {
      await run('pdftoppm', ['-r', '300', '-gray', path.join(SCANS, q, `${n}.pdf`), path.join(tmp, n)]);
      const pages = readdirSync(tmp).filter((f) => f.startsWith(`${n}-`) && f.endsWith('.pgm')).sort((a, b) => pageNo(a) - pageNo(b));
      let text = '';
      for (const p of pages) {
        text += await run('tesseract', [path.join(tmp, p), 'stdout', '-l', 'vie', '--psm', '3'], { OMP_THREAD_LIMIT: '1' });
        rmSync(path.join(tmp, p));
      }
      writeFileSync(path.join(dir, `${n}.txt`), text);
    }, { concurrency: 2 });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const baseline = opt['native-baseline'];
if (baseline) {
  const missing = ['pdftoppm', 'tesseract'].filter((b) => !has(b, '-v'));
  if (missing.length) {
    console.error(`--native-baseline: ${missing.join(' and ')} not installed (apt-get install poppler-utils tesseract-ocr tesseract-ocr-vie)`);
    process.exit(1);
  }
}

const rows = [];
for (const q of QUALITIES) {
  const dir = path.join(OUT, q);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  process.stderr.write(`reading ${names.length} ${q} PDFs…\n`);
  hoptac('extract', ...names.map((n) => path.join(SCANS, q, `${n}.pdf`)), '--out', dir, '--text', '-q', '--ocr-engine', ENGINE, ...extra);
  const seconds = (performance.now() - t0) / 1000;
  const ocr = JSON.parse(hoptac('eval-ocr', '--truth', path.join(SCANS, 'truth'), '--pred', dir, '--json'));
  const f1 = withGold.length ? JSON.parse(hoptac('eval', '--gold', GOLD, '--pred', dir, '--json')).overall.F : null;
  let native = null;
  if (baseline) {
    const ndir = path.join(OUT, `native-${q}`);
    rmSync(ndir, { recursive: true, force: true });
    mkdirSync(ndir, { recursive: true });
    process.stderr.write(`reading ${names.length} ${q} PDFs with plain native tesseract…\n`);
    await nativeBaseline(q, ndir);
    native = JSON.parse(hoptac('eval-ocr', '--truth', path.join(SCANS, 'truth'), '--pred', ndir, '--json')).overall;
  }
  rows.push({ q, ocr, f1, seconds, native });
  const worst = [...ocr.documents].sort((a, b) => b.cer - a.cer).slice(0, 3).map((d) => `${d.name} ${(d.cer * 100).toFixed(2)}%`).join(', ');
  process.stderr.write(`  ${q}: CER ${(ocr.overall.cer * 100).toFixed(2)}% in ${seconds.toFixed(0)} s; worst: ${worst}\n`);
}

const pct = (x) => (x === null ? '–' : `${(x * 100).toFixed(2)}%`);
const f = (x) => (x === null ? '–' : (x * (x <= 1 ? 100 : 1)).toFixed(1));
console.log(`scan corpus ${SCANS}, ${names.length} documents, engine ${ENGINE}${opt['no-correct'] ? ', no post-correction' : ''}${opt['ocr-dpi'] ? `, pages at ${opt['ocr-dpi']} dpi` : ''}`);
console.log(`quality    CER      WER      CER-nodiac  field F1  text F1  Δ F1${baseline ? '    plain native CER / WER' : ''}`);
for (const r of rows) {
  const delta = r.f1 !== null && textF1 !== null ? (r.f1 - textF1).toFixed(3) : '–';
  const native = r.native ? `    ${pct(r.native.cer)} / ${pct(r.native.wer)}` : '';
  console.log(`${r.q.padEnd(10)} ${pct(r.ocr.overall.cer).padEnd(8)} ${pct(r.ocr.overall.wer).padEnd(8)} ${pct(r.ocr.overall.cerFolded).padEnd(11)} ${f(r.f1).padEnd(9)} ${f(textF1).padEnd(8)} ${delta.padEnd(6)}${native}`);
}
