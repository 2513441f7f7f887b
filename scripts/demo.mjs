#!/usr/bin/env node
// The demo, with the real CLI: ingest the bundled corpus (37 texts, a text-layer PDF, two
// scanned PDFs and a page image) into a workspace, search it with and without diacritics,
// compare two agreements, export the records, score them against the gold annotations, and
// say where everything is. Run it again: nothing is read or OCRed twice.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/hoptac.js');
const ws = 'outputs/demo';
const env = { ...process.env, CHROMA_URL: process.env.HOPTAC_DEMO_CHROMA_URL ?? '' };
const run = (args, { may = false } = {}) => {
  console.log(`\n== hoptac ${args.join(' ')}\n`);
  try {
    execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit', env });
  } catch (err) {
    if (!may) throw err;
    process.exitCode = err.status ?? 1;
  }
};

run(['ingest', 'corpus/docs', 'corpus/samples', '-w', ws, '--progress', 'lines'], { may: true });
run(['search', 'đào tạo cán bộ y tế cho Lào', '-w', ws, '--k', '5']);
run(['search', 'hoc bong cho sinh vien lao', '-w', ws, '--k', '3']);
run(['compare', '100.txt', '106.txt', '-w', ws]);
run(['export', '--format', 'jsonl', '-w', ws, '--out', `${ws}/exports/records.jsonl`]);
run(['export', '--format', 'csv', '-w', ws, '--out', `${ws}/exports/csv`]);
run(['export', '--format', 'nd30', '-w', ws, '--out', `${ws}/exports/nd30.json`]);
run(['eval', '--gold', 'corpus/gold', '--workspace', ws]);
run(['status', '-w', ws]);
console.log(`
Workspace ${ws}/: records/<sha256>.json (one validated record a document), hoptac.db (manifest and index
catalog), stages/ (pages read, kept for re-extraction), index/ and chroma/ (the search index).
Exports: ${ws}/exports/records.jsonl, ${ws}/exports/csv/*.csv, ${ws}/exports/nd30.json. Schema: schemas/record.schema.json`);
