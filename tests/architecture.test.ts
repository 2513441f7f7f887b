// Import direction: text utilities depend on nothing; the segmenter on text utilities; stages
// only on earlier stages; extractors on shared parsing, never on each other's internals; and
// nothing below the CLI imports the CLI.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/corpus.js';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(ROOT, dir))) {
    const p = path.join(dir, e);
    if (statSync(path.join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('cases.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) =>
    path.normalize(path.join(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
  );
}

const all = [...sources('pipeline'), ...sources('extractors'), ...sources('schemas')];
const STAGES = ['ingest', 'normalize', 'segment', 'extract', 'validate'];

describe('architecture', () => {
  it('reads the imports it checks (the scanner itself works)', () => {
    expect(importsOf('pipeline/stages/segment.ts')).toContain(path.normalize('pipeline/segment/units.ts'));
  });

  it('keeps Vietnamese text utilities free of pipeline and extractor code', () => {
    const bad = all.filter((f) => f.startsWith('pipeline/text/')).flatMap((f) => importsOf(f).filter((i) => !i.startsWith('pipeline/text/')).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('lets the segmenter use text utilities only', () => {
    const bad = all.filter((f) => f.startsWith('pipeline/segment/')).flatMap((f) => importsOf(f).filter((i) => !/^pipeline\/(?:text|segment)\//.test(i)).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('never lets a stage import a later stage', () => {
    const bad: string[] = [];
    for (const f of all.filter((x) => x.startsWith('pipeline/stages/'))) {
      const mine = STAGES.indexOf(path.basename(f, '.ts'));
      for (const i of importsOf(f)) {
        const other = STAGES.indexOf(path.basename(i, '.ts'));
        if (i.startsWith('pipeline/stages/') && other > mine) bad.push(`${f} → ${i}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps each extractor out of the others\' folders', () => {
    const bad: string[] = [];
    for (const f of all.filter((x) => /^extractors\/[^/]+\//.test(x))) {
      const own = f.split('/')[1];
      for (const i of importsOf(f)) {
        const m = /^extractors\/([^/]+)\//.exec(i);
        if (m && m[1] !== own) bad.push(`${f} → ${i}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps the CLI at the top: nothing else imports it', () => {
    const bad = all.filter((f) => !f.startsWith('pipeline/cli/')).flatMap((f) => importsOf(f).filter((i) => i.startsWith('pipeline/cli/')).map((i) => `${f} → ${i}`));
    expect(bad).toEqual([]);
  });

  it('has the schema depend on zod alone', () => {
    expect(all.filter((f) => f.startsWith('schemas/')).flatMap(importsOf)).toEqual([]);
  });
});
