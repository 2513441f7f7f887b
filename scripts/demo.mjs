#!/usr/bin/env node
// The demo: extract the bundled sample corpus with the real CLI, show a summary table, and
// score the records against the corpus's gold annotations.

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/hoptac.js');
const out = path.join(root, 'outputs/demo');
const run = (args) => execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });

console.log('== hoptac extract corpus/docs --out outputs/demo --text --summary\n');
try {
  run(['extract', 'corpus/docs', '--out', 'outputs/demo', '--text', '--summary']);
} catch (err) {
  process.exitCode = err.status ?? 1;
}
console.log('\n== hoptac eval --gold corpus/gold --pred outputs/demo\n');
run(['eval', '--gold', 'corpus/gold', '--pred', 'outputs/demo']);
console.log(`\nRecords: ${path.relative(process.cwd(), out) || out}/<name>.json (and .txt). Schema: schemas/record.schema.json`);
