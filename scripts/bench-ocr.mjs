#!/usr/bin/env node
// `npm run bench:ocr`: pages per minute from scanned PDF to record, on this machine, side by side
// in one run with the tools a user would compare with, where they are installed:
//   native    pdftoppm -r 300 -gray, then two `tesseract -l vie --psm 3` processes (OMP_THREAD_LIMIT=1)
//   ocrmypdf  ocrmypdf -l vie --jobs 2 (on fewer pages: it is slow)
// and where hoptac's time goes (decode, preparation, OCR) on a few pages with one worker.
//
//   node scripts/bench-ocr.mjs [--pdfs outputs/scans/scan] [--pages 40] [--ocrmypdf-pages 6]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import pMap from 'p-map';
import { has, run } from './lib/processes.mjs';
import { openPdf } from '../dist/pipeline/pdf/read.js';
import { preparePage } from '../dist/pipeline/ocr/image.js';
import { TesseractJsEngine } from '../dist/pipeline/ocr/tesseractjs.js';
import { nativeTesseractAvailable } from '../dist/pipeline/ocr/native.js';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    pdfs: { type: 'string', default: 'outputs/scans/scan' },
    pages: { type: 'string', default: '40' },
    'ocrmypdf-pages': { type: 'string', default: '6' },
  },
});
const SRC = opt.pdfs;
const PAGES = Number(opt.pages);
const OCRMYPDF_PAGES = Number(opt['ocrmypdf-pages']);
const cores = os.availableParallelism();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'hoptac-bench-ocr-'));

/** Whole PDFs from SRC adding up to about PAGES pages. */
async function pickPdfs() {
  const files = readdirSync(SRC).filter((f) => f.endsWith('.pdf')).sort();
  const picked = [];
  let pages = 0;
  for (const f of files) {
    if (pages >= PAGES) break;
    const p = path.join(SRC, f);
    const n = (await PDFDocument.load(readFileSync(p))).getPageCount();
    picked.push({ file: p, pages: n });
    pages += n;
  }
  return { picked, pages };
}

function time(cmd, argv, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 2) throw new Error(`${cmd} ${argv.slice(0, 3).join(' ')}… failed: ${r.stderr.slice(-500)}`);
  return (performance.now() - t0) / 1000;
}

async function nativeBaseline(pdfs) {
  const dir = path.join(tmp, 'native');
  mkdirSync(dir);
  const t0 = performance.now();
  // Rasterize each PDF (pdftoppm, one process a PDF, two at a time) while OCR runs on what is ready.
  const pages = [];
  await pMap(pdfs, async (p, k) => {
    await run('pdftoppm', ['-r', '300', '-gray', p.file, path.join(dir, `d${k}`)]);
    for (const f of readdirSync(dir).filter((f) => f.startsWith(`d${k}-`) && f.endsWith('.pgm'))) pages.push(path.join(dir, f));
  }, { concurrency: 2 });
  const rasterSeconds = (performance.now() - t0) / 1000;
  await pMap(pages, (pg) => run('tesseract', [pg, pg.replace(/\.pgm$/, ''), '-l', 'vie', '--psm', '3'], { OMP_THREAD_LIMIT: '1' }), { concurrency: 2 });
  return { seconds: (performance.now() - t0) / 1000, rasterSeconds };
}

async function breakdown(pdfs, n = 4) {
  const engine = new TesseractJsEngine({ workers: 1 });
  const rows = { decode: 0, prepare: 0, ocr: 0, pages: 0, pixels: 0 };
  try {
    outer: for (const p of pdfs) {
      const pdf = await openPdf(readFileSync(p.file));
      for (let i = 1; i <= pdf.pageCount; i++) {
        if (rows.pages >= n) break outer;
        let t = performance.now();
        const img = await pdf.pageImage(i);
        rows.decode += performance.now() - t;
        t = performance.now();
        const prep = await preparePage(img);
        rows.prepare += performance.now() - t;
        t = performance.now();
        await engine.recognize(prep, { psm: 3 });
        rows.ocr += performance.now() - t;
        rows.pages++;
        rows.pixels += prep.width * prep.height;
      }
      await pdf.close();
    }
  } finally {
    await engine.close();
  }
  return rows;
}

async function main() {
  const { picked, pages } = await pickPdfs();
  if (!pages) throw new Error(`no PDFs in ${SRC} (run npm run corpus:scans first)`);
  console.log(`bench:ocr — ${pages} scan pages in ${picked.length} PDFs from ${SRC}, ${cores} cores, Node ${process.version}`);
  const rows = [];
  const files = picked.map((p) => p.file);
  const ours = time(process.execPath, ['bin/hoptac.js', 'extract', ...files, '--out', path.join(tmp, 'js'), '-q']);
  rows.push(['hoptac (tesseract.js)', pages, ours]);
  const native = nativeTesseractAvailable();
  let nativeSeconds = null;
  if (native.ok) {
    const ourNative = time(process.execPath, ['bin/hoptac.js', 'extract', ...files, '--out', path.join(tmp, 'native-engine'), '-q', '--ocr-engine', 'tesseract']);
    rows.push(['hoptac --ocr-engine tesseract', pages, ourNative]);
    if (has('pdftoppm', '-v')) {
      const b = await nativeBaseline(picked);
      nativeSeconds = b.seconds;
      rows.push([`pdftoppm + 2× tesseract (raster ${(b.rasterSeconds / pages).toFixed(2)} s/page)`, pages, b.seconds]);
    }
  } else console.log(`(native tesseract not measured: ${native.reason})`);
  if (has('ocrmypdf')) {
    const sub = [];
    let n = 0;
    for (const p of picked) {
      if (n >= OCRMYPDF_PAGES) break;
      sub.push(p);
      n += p.pages;
    }
    const t0 = performance.now();
    for (const [k, p] of sub.entries()) await run('ocrmypdf', ['-q', '-l', 'vie', '--jobs', '2', '--force-ocr', '--output-type', 'pdf', p.file, path.join(tmp, `ocrmypdf-${k}.pdf`)]);
    rows.push(['ocrmypdf -l vie --jobs 2', n, (performance.now() - t0) / 1000]);
  } else console.log('(ocrmypdf not measured: not installed)');

  const ppm = (r) => (r[1] / r[2]) * 60;
  const base = nativeSeconds ? pages / nativeSeconds * 60 : null;
  console.log('\nrun                                              pages  seconds  pages/min  vs native');
  for (const r of rows) console.log(`${r[0].padEnd(48)} ${String(r[1]).padStart(5)}  ${r[2].toFixed(1).padStart(7)}  ${ppm(r).toFixed(1).padStart(9)}  ${base ? `${(ppm(r) / base).toFixed(2)}×` : '–'}`);

  const b = await breakdown(picked);
  const per = (x) => `${(x / b.pages).toFixed(0)} ms`;
  console.log(`\nwhere the time goes (one worker, ${b.pages} pages, ${(b.pixels / b.pages / 1e6).toFixed(1)} Mpx/page): page image ${per(b.decode)}, preparation ${per(b.prepare)}, OCR ${per(b.ocr)} a page`);
  rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  rmSync(tmp, { recursive: true, force: true });
  console.error(`bench:ocr: ${err.stack ?? err}`);
  process.exit(1);
});
