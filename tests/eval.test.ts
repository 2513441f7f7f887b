// The evaluator: its matching rules, and agreement with the project's reference scorer
// (../shared/tools/score.mjs) when that file is present beside the checkout.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diceSimilarity, emptyTotals, evaluateDirs, normalizeName, scoreDocument } from '../pipeline/eval/score.js';
import { corpusRecords, GOLD, ROOT } from './helpers/corpus.js';

describe('matching rules', () => {
  it.each([
    ['UBND tỉnh Bắc Giang', 'uy ban nhan dan tinh bac giang'],
    ['Sở Y tế TP.HCM', 'so y te thanh pho ho chi minh'],
    ['SYT Kon Tum', 'so y te kon tum'],
  ])('writes out abbreviations: %s', (s, n) => expect(normalizeName(s)).toBe(n));

  it('matches names at Dice ≥ 0.8 on syllables, ignoring diacritics', () => {
    expect(diceSimilarity('Sở Y tế Nghệ An', 'Sở Y tế tỉnh Nghệ An')).toBeGreaterThanOrEqual(0.8);
    expect(diceSimilarity('tỉnh Xây Sôm Bun', 'tỉnh Xây Sốp Bùn')).toBeLessThan(0.8);
  });

  it('does not judge a key the gold file leaves out, and judges null', () => {
    const totals = emptyTotals();
    scoreDocument('x.json', { docType: 'tin_tuc', documentNumber: null }, { docType: 'tin_tuc', documentNumber: { value: '1/KH-X' }, issuedDate: { value: '2024-01-01' } }, totals);
    expect(totals.documentNumber).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(totals.issuedDate).toEqual({ tp: 0, fp: 0, fn: 0 });
  });

  it('matches items by label and the first words of their text', () => {
    const totals = emptyTotals();
    scoreDocument('x.json', { items: [{ label: '1', text: 'Hợp tác nâng cao hiệu lực, hiệu quả trong công tác phòng, chống dịch' }] }, { items: [{ label: '1.', text: 'Hợp tác nâng cao hiệu lực, hiệu quả trong công tác phòng, chống dịch. Ưu tiên …' }] }, totals);
    expect(totals.items).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});

const REFERENCE = path.resolve(ROOT, '../shared/tools/score.mjs');

describe.skipIf(!existsSync(REFERENCE))('agreement with the reference scorer (../shared/tools/score.mjs)', () => {
  it('prints the same figures on the corpus', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-eval-'));
    try {
      for (const [stem, r] of corpusRecords()) writeFileSync(path.join(dir, `${stem}.json`), JSON.stringify(r));
      const theirs = JSON.parse(execFileSync(process.execPath, [REFERENCE, GOLD, dir, '--json'], { encoding: 'utf8' }));
      const ours = await evaluateDirs(GOLD, dir);
      expect(ours.totals).toEqual(theirs.totals);
      expect(ours.overall.F).toBeCloseTo(theirs.overall.F, 10);
      expect(ours.macroF).toBeCloseTo(theirs.macroF, 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
