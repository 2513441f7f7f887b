#!/usr/bin/env node
// `npm run corpus:scans`: renders the corpus texts into scan-like image PDFs at three qualities,
// deterministically, with the true text beside them:
//   clean     300 dpi, lossless, straight
//   scan      300 dpi, slight skew, blur, grain, JPEG
//   degraded  200 dpi, more skew, blur and grain, uneven light, specks, stronger JPEG
// Pages are drawn with DejaVu Serif (full Vietnamese glyphs, from the dejavu-fonts-ttf npm
// package) at 13 pt, in an administrative layout: short upper-case header lines centred.
//
//   node scripts/make-scans.mjs [--docs corpus/docs] [--out outputs/scans] [--only 000,101] [--pages-max N]
// Writes OUT/{clean,scan,degraded}/NAME.pdf and OUT/truth/NAME.txt.

import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeBytes } from '../dist/pipeline/stages/normalize.js';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { values: opt } = parseArgs({
  options: {
    docs: { type: 'string', default: 'corpus/docs' },
    out: { type: 'string', default: 'outputs/scans' },
    only: { type: 'string', default: '' },
    'pages-max': { type: 'string', default: '0' },
  },
});
const DOCS = opt.docs;
const OUT = opt.out;
const ONLY = opt.only.split(',').filter(Boolean);
const PAGES_MAX = Number(opt['pages-max']);

const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSerif.ttf'), 'HoptacSerif');
GlobalFonts.registerFromPath(path.join(fontDir, 'DejaVuSerif-Bold.ttf'), 'HoptacSerifBold');

const DPI = 300;
const PAGE_W = Math.round(8.27 * DPI);
const PAGE_H = Math.round(11.69 * DPI);
const PT = DPI / 72;
const FONT_PX = Math.round(13 * PT);
const LINE_H = Math.round(FONT_PX * 1.45);
const MARGIN = { top: Math.round(0.8 * DPI), bottom: Math.round(0.8 * DPI), left: Math.round(1.18 * DPI), right: Math.round(0.7 * DPI) };

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Cells of a source line: runs of text separated by 3+ spaces or tabs, with their character column. */
function cellsOf(line) {
  const cells = [];
  const re = /[^\s](?:[^\t]*?[^\s])?(?=\s{3,}|\t|\s*$)/gu;
  let m;
  // Markdown emphasis is printed as bold on paper, not as asterisks; a tab puts the next part in
  // the right half of the page, where typists set the quốc hiệu and the date line.
  const expanded = line.replace(/\*\*|(?<![\p{L}\d])\*|\*(?![\p{L}\d])/gu, '').replace(/\t+/g, '\u0001');
  const afterTab = new Set();
  const clean = expanded.replace(/\u0001/g, (_, at) => {
    afterTab.add(at);
    return '    ';
  });
  while ((m = re.exec(clean))) {
    const tabbed = [...afterTab].some((t) => t < m.index && !cells.some((c) => c.col > t));
    cells.push({ col: tabbed && cells.length ? Math.max(m.index, 50) : m.index, text: m[0].replace(/\s+/g, ' ') });
  }
  return cells;
}

/**
 * Lays the text out in lines per page: [{ parts: [{ text, x, bold }] }], null for a blank line.
 * A source line whose parts are aligned with runs of spaces (a two-column header, a signature
 * block) is drawn with each part at its column, as on paper; tab-separated rows are a table.
 */
function layout(text, ctx) {
  const width = PAGE_W - MARGIN.left - MARGIN.right;
  const perPage = Math.floor((PAGE_H - MARGIN.top - MARGIN.bottom) / LINE_H);
  const COLS = 100;
  ctx.font = `${FONT_PX}px HoptacSerif`;
  const CHAR_W = ctx.measureText('Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015').width / 67;
  const lines = [];
  const src = text.replace(/\f/g, '\n').split('\n');
  const wrap = (t, maxW, font) => {
    ctx.font = font;
    const out = [];
    let cur = '';
    for (const word of t.split(' ')) {
      const next = cur ? `${cur} ${word}` : word;
      if (cur && ctx.measureText(next).width > maxW) {
        out.push(cur);
        cur = word;
      } else cur = next;
    }
    if (cur) out.push(cur);
    return out;
  };
  // A run of source lines with two or more tabs is a table: its columns are as wide as their
  // widest cell allows on the page, each cell wrapped within its column.
  const tableRows = (from) => {
    let to = from;
    while (to < src.length && (src[to].match(/\t+/g) ?? []).length >= 2) to++;
    return to;
  };
  const layTable = (rowsSrc) => {
    const gap = FONT_PX;
    const table = rowsSrc.map((r) => r.split(/\t+/).map((c) => c.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim()));
    const n = Math.max(...table.map((r) => r.length));
    ctx.font = `${FONT_PX}px HoptacSerif`;
    const natural = Array.from({ length: n }, (_, k) => Math.max(FONT_PX * 2, ...table.map((r) => (r[k] ? ctx.measureText(r[k]).width : 0))));
    const room = width - gap * (n - 1);
    const sum = natural.reduce((a, b) => a + b, 0);
    // Columns that fit keep their width; the others share what is left, in proportion.
    let widths = natural;
    if (sum > room) {
      const fair = room / n;
      const small = natural.filter((w) => w <= fair).reduce((a, b) => a + b, 0);
      const big = natural.filter((w) => w > fair).reduce((a, b) => a + b, 0);
      widths = natural.map((w) => (w <= fair ? w : ((room - small) * w) / big));
    }
    const xs = [];
    widths.reduce((x, w, k) => ((xs[k] = x), x + w + gap), MARGIN.left);
    for (const r of table) {
      const rows = [];
      r.forEach((c, k) => {
        if (!c) return;
        const upper = c === c.toUpperCase() && /\p{L}/u.test(c);
        wrap(c, widths[k], `${FONT_PX}px ${upper ? 'HoptacSerifBold' : 'HoptacSerif'}`).forEach((t, i) => (rows[i] ??= []).push({ text: t, x: xs[k], bold: upper }));
      });
      for (const parts of rows) lines.push({ parts });
    }
  };
  for (let idx = 0; idx < src.length; idx++) {
    const para = src[idx];
    if (para.trim() === '') {
      lines.push(null);
      continue;
    }
    const end = tableRows(idx);
    if (end - idx >= 2) {
      layTable(src.slice(idx, end));
      idx = end - 1;
      continue;
    }
    const cells = cellsOf(para);
    const columnar = cells.length > 1 || (cells.length === 1 && cells[0].col >= 25 && !para.includes('|'));
    if (!columnar) {
      const t = para.replace(/\*\*|(?<![\p{L}\d])\*|\*(?![\p{L}\d])/gu, '').replace(/\s+/g, ' ').trim();
      const upper = t === t.toUpperCase() && /\p{L}/u.test(t);
      // A line that goes on with the left column of a spaced header (the organ's second line)
      // stays in that column; other short upper-case lines near the top are centred.
      const underColumns = idx > 0 && src[idx - 1].trim() !== '' && cellsOf(src[idx - 1]).length > 1 && cells.length === 1 && cells[0].col < 25;
      const centred = upper && t.length < 70 && idx < 40 && !underColumns;
      const font = `${FONT_PX}px ${upper ? 'HoptacSerifBold' : 'HoptacSerif'}`;
      for (const l of wrap(t, width, font)) {
        ctx.font = font;
        const w = ctx.measureText(l).width;
        lines.push({ parts: [{ text: l, x: centred ? MARGIN.left + (width - w) / 2 : MARGIN.left, bold: upper }] });
      }
      continue;
    }
    // Each cell at its column, wrapped within the room up to the next cell.
    const rows = [];
    const fontOf = (c) => `${FONT_PX}px ${c.text === c.text.toUpperCase() && /\p{L}/u.test(c.text) ? 'HoptacSerifBold' : 'HoptacSerif'}`;
    // A character column is as wide as an average character of the font (as the typist saw it),
    // narrower only when the line would not fit.
    ctx.font = `${FONT_PX}px HoptacSerif`;
    const extent = Math.max(...cells.map((c) => c.col + c.text.length));
    const colW = Math.min(CHAR_W, width / Math.max(extent, 1));
    let xs = cells.map((c) => MARGIN.left + Math.min(c.col, COLS - 10) * colW);
    // The last part of a line (a date line, the quốc hiệu) must end inside the margin: the columns
    // are drawn closer together, as a typist would set them, never over each other.
    const lastK = cells.length - 1;
    ctx.font = fontOf(cells[lastK]);
    const lastW = ctx.measureText(cells[lastK].text).width;
    if (xs[lastK] + lastW > PAGE_W - MARGIN.right && xs[lastK] > MARGIN.left) {
      const target = Math.max(MARGIN.left + width * 0.3, PAGE_W - MARGIN.right - lastW);
      const scale = (target - MARGIN.left) / (xs[lastK] - MARGIN.left);
      xs = xs.map((x) => MARGIN.left + (x - MARGIN.left) * scale);
    }
    cells.forEach((c, k) => {
      const x = xs[k];
      const end = k + 1 < cells.length ? xs[k + 1] - FONT_PX : PAGE_W - MARGIN.right;
      const upper = c.text === c.text.toUpperCase() && /\p{L}/u.test(c.text);
      wrap(c.text, Math.max(end - x, FONT_PX * 4), fontOf(c)).forEach((t, r) => {
        (rows[r] ??= []).push({ text: t, x, bold: upper });
      });
    });
    for (const parts of rows) lines.push({ parts });
  }
  const pages = [];
  let page = [];
  for (const l of lines) {
    if (page.length >= perPage) {
      pages.push(page);
      page = [];
    }
    if (l === null && page.length === 0) continue;
    page.push(l);
  }
  if (page.some((l) => l)) pages.push(page);
  return pages;
}

/**
 * The true text of a page: its drawn lines top to bottom, the parts of a line left to right, as
 * the seeds' truth is their source text line by line (a side-by-side header reads across).
 */
function truthOf(page) {
  return page.filter(Boolean).map((l) => [...l.parts].sort((a, b) => a.x - b.x).map((p) => p.text).join(' ')).join('\n');
}

function renderPage(lines) {
  const canvas = createCanvas(PAGE_W, PAGE_H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PAGE_W, PAGE_H);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  lines.forEach((l, i) => {
    if (!l) return;
    for (const p of l.parts) {
      ctx.font = `${FONT_PX}px ${p.bold ? 'HoptacSerifBold' : 'HoptacSerif'}`;
      ctx.fillText(p.text, p.x, MARGIN.top + (i + 1) * LINE_H - Math.round(LINE_H * 0.3));
    }
  });
  const rgba = ctx.getImageData(0, 0, PAGE_W, PAGE_H).data;
  const gray = Buffer.alloc(PAGE_W * PAGE_H);
  for (let i = 0, j = 0; j < gray.length; i += 4, j++) gray[j] = rgba[i];
  return gray;
}

const QUALITY = {
  clean: { dpi: 300, skew: 0, blur: 0, grain: 0, light: 0, specks: 0, jpeg: 0 },
  scan: { dpi: 300, skew: 0.8, blur: 0.7, grain: 10, light: 0, specks: 0, jpeg: 72 },
  degraded: { dpi: 200, skew: 1.8, blur: 0.9, grain: 16, light: 70, specks: 1500, jpeg: 55 },
};

async function degrade(gray, q, rand) {
  let img = sharp(gray, { raw: { width: PAGE_W, height: PAGE_H, channels: 1 } });
  if (q.skew) {
    const r = await img.rotate((rand() * 2 - 1) * q.skew, { background: '#ffffff' }).grayscale().raw().toBuffer({ resolveWithObject: true });
    img = sharp(r.data, { raw: { width: r.info.width, height: r.info.height, channels: 1 } });
  }
  if (q.dpi !== 300) img = img.resize(Math.round((PAGE_W * q.dpi) / 300), Math.round((PAGE_H * q.dpi) / 300));
  if (q.blur) img = img.blur(q.blur);
  const { data, info } = await img.grayscale().raw().toBuffer({ resolveWithObject: true });
  const w = info.width;
  const h = info.height;
  // Uneven light: a shadow falling from one side (a book's spine, a lamp).
  const fromLeft = rand() < 0.5;
  const depth = q.light * (0.6 + 0.4 * rand());
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let v = data[i];
      if (q.light) {
        const d = fromLeft ? x / w : 1 - x / w;
        v = v * (1 - (depth / 255) * Math.max(0, 1 - d * 1.6)) - 10 * (y / h);
      }
      if (q.grain) v += (rand() + rand() + rand() - 1.5) * q.grain;
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  for (let s = 0; s < (q.specks * w * h) / 1e6 / 10; s++) {
    const x = Math.floor(rand() * w);
    const y = Math.floor(rand() * h);
    const r = rand() < 0.8 ? 1 : 2;
    for (let dy = -r + 1; dy < r; dy++) for (let dx = -r + 1; dx < r; dx++) if (x + dx < w && y + dy < h && x + dx >= 0 && y + dy >= 0) data[(y + dy) * w + x + dx] = 40 + rand() * 60;
  }
  const out = sharp(data, { raw: { width: w, height: h, channels: 1 } });
  return { bytes: q.jpeg ? await out.jpeg({ quality: q.jpeg }).toBuffer() : await out.png().toBuffer(), jpeg: !!q.jpeg, w, h };
}

async function main() {
  const names = readdirSync(DOCS).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).filter((n) => !ONLY?.length || ONLY.includes(n)).sort();
  for (const dir of ['clean', 'scan', 'degraded', 'truth']) mkdirSync(path.join(OUT, dir), { recursive: true });
  const measure = createCanvas(10, 10).getContext('2d');
  let pagesTotal = 0;
  for (const name of names) {
    const text = normalizeBytes(name, readFileSync(path.join(DOCS, `${name}.txt`))).text;
    let pages = layout(text, measure);
    if (PAGES_MAX) pages = pages.slice(0, PAGES_MAX);
    writeFileSync(path.join(OUT, 'truth', `${name}.txt`), pages.map(truthOf).join('\f') + '\n');
    const grays = pages.map(renderPage);
    for (const [qname, q] of Object.entries(QUALITY)) {
      const pdf = await PDFDocument.create();
      pdf.setCreationDate(new Date(0));
      pdf.setModificationDate(new Date(0));
      pdf.setProducer('hoptac corpus:scans');
      for (let i = 0; i < grays.length; i++) {
        const rand = rng(hash(`${name}/${qname}/${i}`));
        const d = await degrade(grays[i], q, rand);
        const img = d.jpeg ? await pdf.embedJpg(d.bytes) : await pdf.embedPng(d.bytes);
        const page = pdf.addPage([595.28, 841.89]);
        page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
      }
      writeFileSync(path.join(OUT, qname, `${name}.pdf`), await pdf.save({ useObjectStreams: false }));
    }
    pagesTotal += pages.length;
    process.stdout.write(`${name}: ${pages.length} page(s)\n`);
  }
  process.stdout.write(`corpus:scans: ${names.length} documents, ${pagesTotal} pages × 3 qualities in ${OUT}\n`);
}

main().catch((err) => {
  process.stderr.write(`corpus:scans: ${err.stack ?? err}\n`);
  process.exit(1);
});
