#!/usr/bin/env node
// `npm run eval:scans`: reads the scan corpus (npm run corpus:scans) at each quality with
// `hoptac extract`, then prints OCR error rates (`hoptac eval-ocr`) and field F1 (`hoptac eval`)
// next to the F1 of the same documents read from their text.
//
//   node scripts/eval-scans.mjs [--scans outputs/scans] [--docs corpus/docs] [--gold corpus/gold]
//                               [--qualities clean,scan,degraded] [--engine tesseract.js] [--no-correct]
//                               [--ocr-dpi N]

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
  rows.push({ q, ocr, f1, seconds });
  const worst = [...ocr.documents].sort((a, b) => b.cer - a.cer).slice(0, 3).map((d) => `${d.name} ${(d.cer * 100).toFixed(2)}%`).join(', ');
  process.stderr.write(`  ${q}: CER ${(ocr.overall.cer * 100).toFixed(2)}% in ${seconds.toFixed(0)} s; worst: ${worst}\n`);
}

const pct = (x) => (x === null ? '–' : `${(x * 100).toFixed(2)}%`);
const f = (x) => (x === null ? '–' : (x * (x <= 1 ? 100 : 1)).toFixed(1));
console.log(`scan corpus ${SCANS}, ${names.length} documents, engine ${ENGINE}${opt['no-correct'] ? ', no post-correction' : ''}${opt['ocr-dpi'] ? `, pages at ${opt['ocr-dpi']} dpi` : ''}`);
console.log('quality    CER      WER      CER-nodiac  field F1  text F1  Δ F1');
for (const r of rows) {
  const delta = r.f1 !== null && textF1 !== null ? (r.f1 - textF1).toFixed(3) : '–';
  console.log(`${r.q.padEnd(10)} ${pct(r.ocr.overall.cer).padEnd(8)} ${pct(r.ocr.overall.wer).padEnd(8)} ${pct(r.ocr.overall.cerFolded).padEnd(11)} ${f(r.f1).padEnd(9)} ${f(textF1).padEnd(8)} ${delta}`);
}
