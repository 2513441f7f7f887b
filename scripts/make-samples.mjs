#!/usr/bin/env node
// Makes corpus/samples/, the small mixed corpus the demo and the batch tests ingest, from the
// project's seed documents (../shared/seeds): two scan-quality image PDFs and one page image as
// rendered there, and a PDF with a real text layer drawn here from a seed text (DejaVu Serif
// from its npm package, fixed dates, so the bytes are the same every time).
// Usage: node scripts/make-samples.mjs [--seeds ../shared/seeds]

import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { seeds: { type: 'string', default: path.join(root, '..', 'shared', 'seeds') } } });
const seeds = values.seeds;
const out = path.join(root, 'corpus', 'samples');
mkdirSync(out, { recursive: true });

for (const [from, to] of [['scans/scan/002.pdf', 'scan-002.pdf'], ['scans/scan/000.pdf', 'scan-000.pdf'], ['scans/clean/004-p3.png', 'page-004-3.png']]) {
  copyFileSync(path.join(seeds, from), path.join(out, to));
  chmodSync(path.join(out, to), 0o644);
}

// A text-layer PDF of seed 001, wrapped at 80 characters, 46 lines a page.
const require = createRequire(import.meta.url);
const font = readFileSync(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf'));
const lines = [];
for (const para of readFileSync(path.join(seeds, 'docs', '001.txt'), 'utf8').split('\n')) {
  let line = '';
  for (const word of para.split(' ')) {
    if (line && (line + ' ' + word).length > 80) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
}
const pdf = await PDFDocument.create();
pdf.registerFontkit(fontkit);
pdf.setCreationDate(new Date(0));
pdf.setModificationDate(new Date(0));
pdf.setProducer('hoptac make-samples');
const embedded = await pdf.embedFont(font, { subset: true });
for (let i = 0; i < lines.length; i += 46) {
  const page = pdf.addPage([595.28, 841.89]);
  lines.slice(i, i + 46).forEach((l, j) => page.drawText(l, { x: 56, y: 790 - j * 16, size: 10.5, font: embedded }));
}
writeFileSync(path.join(out, 'text-001.pdf'), await pdf.save({ useObjectStreams: false }));
console.log(`corpus/samples: scan-002.pdf, scan-000.pdf, page-004-3.png, text-001.pdf (from ${path.relative(root, seeds)})`);
