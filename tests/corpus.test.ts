// The corpus as a whole: accuracy against gold, golden records, provenance of every value,
// and records valid against the published JSON Schema.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { emptyTotals, prf, scoreDocument, type EvalReport } from '../pipeline/eval/score.js';
import { normalizeDocNumber } from '../pipeline/text/docnumber.js';
import { findDates } from '../pipeline/text/dates.js';
import { expandAbbreviations } from '../pipeline/text/lexicon.js';
import { findMoney } from '../pipeline/text/money.js';
import { parseNumber } from '../pipeline/text/numbers.js';
import { foldKeepOffsets, foldWords } from '../pipeline/text/vietnamese.js';
import { schemaText } from '../pipeline/cli/schemas.js';
import type { DocumentRecord, Span } from '../schemas/record.js';
import { corpusRecords, goldOf, GOLDEN, ROOT, SEEDS } from './helpers/corpus.js';

function score(stems: string[]): EvalReport['overall'] {
  const totals = emptyTotals();
  for (const stem of stems) {
    const gold = goldOf(stem);
    if (gold) scoreDocument(`${stem}.json`, gold, corpusRecords().get(stem) as unknown as Record<string, unknown>, totals);
  }
  return prf(Object.values(totals).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 }));
}

describe('accuracy against the gold annotations', () => {
  it('reaches overall F1 ≥ 0.95 on the seed documents', () => {
    expect(score(SEEDS).F).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches overall F1 ≥ 0.95 on the whole corpus', () => {
    const stems = [...corpusRecords().keys()].filter((s) => goldOf(s));
    expect(stems.length).toBeGreaterThanOrEqual(30);
    expect(score(stems).F).toBeGreaterThanOrEqual(0.95);
  });
});

// Golden records: the whole record minus the processing block, with the text as a hash.
// Regenerate deliberately with: UPDATE_GOLDEN=1 npx vitest run tests/corpus.test.ts
function golden(r: DocumentRecord): unknown {
  const { processing: _p, text, ...rest } = r;
  return { ...rest, textSha256: createHash('sha256').update(text).digest('hex') };
}

describe('golden records', () => {
  const update = process.env.UPDATE_GOLDEN === '1';
  for (const [stem, record] of corpusRecords()) {
    it(`${stem} extracts as its committed golden record`, () => {
      const file = path.join(GOLDEN, `${stem}.json`);
      const actual = JSON.parse(JSON.stringify(golden(record)));
      if (update || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});

// Every value's source spans, cut from the record text, contain what was extracted: the same
// words (abbreviations written out), the same number, the same date.
const FILLERS = new Set(['tinh', 'thanh', 'pho']);

function spanText(r: DocumentRecord, spans: Span[]): string {
  return spans.map((s) => r.text.slice(s.start, s.end)).join(' ');
}

function wordsCovered(value: string, source: string): boolean {
  const have = new Set(foldWords(expandAbbreviations(source)).split(' '));
  return foldWords(expandAbbreviations(value))
    .split(' ')
    .filter(Boolean)
    .every((w) => have.has(w) || FILLERS.has(w));
}

function numberIn(source: string, n: number): boolean {
  const figures = source.match(/\d[\d.,]*/g) ?? [];
  return figures.some((f) => {
    const v = parseNumber(f, true) ?? parseNumber(f);
    return v !== null && [1, 1e3, 1e6, 1e9].some((k) => Math.round(v * k) === n);
  }) || findMoney(source).some((m) => m.amount === n);
}

describe('provenance', () => {
  for (const [stem, r] of corpusRecords()) {
    it(`${stem}: every value is found in its source span`, () => {
      const bad: string[] = [];
      const check = (field: string, ok: boolean, value: unknown, spans: Span[]) => {
        if (!ok) bad.push(`${field} ${JSON.stringify(value)} ⟵ "${spanText(r, spans)}"`);
      };
      if (r.documentNumber) check('documentNumber', normalizeDocNumber(spanText(r, r.documentNumber.source)) === r.documentNumber.value, r.documentNumber.value, r.documentNumber.source);
      if (r.issuedDate) {
        const t = spanText(r, r.issuedDate.source);
        check('issuedDate', findDates(t, foldKeepOffsets(t))[0]?.iso === r.issuedDate.value, r.issuedDate.value, r.issuedDate.source);
      }
      for (const [field, f] of [['issuedPlace', r.issuedPlace], ['title', r.title]] as const) {
        if (f) check(field, wordsCovered(f.value, spanText(r, f.source)), f.value, f.source);
      }
      if (r.period) {
        const t = spanText(r, r.period.source);
        check('period', t.includes(String(r.period.value.from)) && t.includes(String(r.period.value.to)), r.period.value, r.period.source);
      }
      for (const x of r.issuers) check('issuers', wordsCovered(x.name, spanText(r, x.source)) || x.source.length > 0 && wordsCovered(x.name.replace(/^(?:Sở Y tế|Ủy ban nhân dân)\s*/u, ''), spanText(r, x.source) + ' ' + (r.issuedPlace?.value ?? '')), x.name, x.source);
      for (const x of r.parties) check('parties', wordsCovered(x.name, spanText(r, x.source)), x.name, x.source);
      for (const x of r.references) check('references', normalizeDocNumber(spanText(r, x.source.slice(0, 1))) === x.number, x.number, x.source);
      for (const x of r.signatories) check('signatories', wordsCovered(x.name, spanText(r, x.source)), x.name, x.source);
      for (const x of r.items) check('items', wordsCovered(x.text, spanText(r, x.source)), x.label, x.source);
      for (const x of r.quotas) check('quotas', numberIn(spanText(r, x.source), x.quantity), x.quantity, x.source);
      for (const x of r.budgets) check('budgets', numberIn(spanText(r, x.source), x.amount), x.amount, x.source);
      expect(bad).toEqual([]);
    });
  }
});

describe('the published JSON Schema', () => {
  it('is committed and matches the zod schema it is generated from', () => {
    expect(readFileSync(path.join(ROOT, 'schemas/record.schema.json'), 'utf8')).toBe(schemaText());
  });

  it('accepts every corpus record (checked by an independent JSON Schema validator)', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T/);
    const validate = ajv.compile(JSON.parse(schemaText()));
    for (const [stem, r] of corpusRecords()) {
      const ok = validate(JSON.parse(JSON.stringify(r)));
      expect(ok, `${stem}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
