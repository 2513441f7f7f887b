#!/usr/bin/env node
// Makes a long scanned PDF for the memory check: the pages of one scan PDF repeated.
//   node scripts/make-long-pdf.mjs SRC.pdf PAGES OUT.pdf
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';

const [src, pages, out] = process.argv.slice(2);
const from = await PDFDocument.load(readFileSync(src));
const doc = await PDFDocument.create();
const n = from.getPageCount();
for (let i = 0; i < Number(pages); i++) doc.addPage((await doc.copyPages(from, [i % n]))[0]);
writeFileSync(out, await doc.save());
console.log(`${out}: ${pages} pages`);
