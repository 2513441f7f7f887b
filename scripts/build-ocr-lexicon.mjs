#!/usr/bin/env node
// Builds pipeline/ocr/lexicon.json, the syllable statistics the OCR post-correction uses to
// choose between tone readings (tỉnh/tính, chuyển/chuyến): syllable and syllable-pair counts
// from the corpus texts we wrote (corpus/docs/1*.txt; the seed documents 0* are left out so
// that the seed scans measure the correction on text it has not seen). The dictionary-vi
// syllable list (GPL) is read from its npm package at run time, not copied here.
//
//   npm run build && node scripts/build-ocr-lexicon.mjs

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeBytes } from '../dist/pipeline/stages/normalize.js';
import { syllableKey } from '../dist/pipeline/ocr/correct.js';

const DOCS = 'corpus/docs';
const uni = new Map();
const bi = new Map();
for (const f of readdirSync(DOCS).filter((f) => /^1\d+\.txt$/.test(f)).sort()) {
  const text = normalizeBytes(f, readFileSync(path.join(DOCS, f))).text;
  for (const line of text.split(/\n/)) {
    let prev = null;
    for (const tok of line.split(/[^\p{L}\p{M}]+/u)) {
      if (!tok) {
        prev = null;
        continue;
      }
      const k = syllableKey(tok);
      uni.set(k, (uni.get(k) ?? 0) + 1);
      if (prev) bi.set(`${prev} ${k}`, (bi.get(`${prev} ${k}`) ?? 0) + 1);
      prev = k;
    }
  }
}
const sorted = (m) => Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
const out = { source: 'corpus/docs/1*.txt', unigrams: sorted(uni), bigrams: sorted(bi) };
writeFileSync('pipeline/ocr/lexicon.json', `${JSON.stringify(out)}\n`);
console.log(`lexicon: ${uni.size} corpus syllables, ${bi.size} pairs`);
