// The corpus: documents with gold annotations (corpus/docs, corpus/gold).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractBytesSync } from '../../pipeline/extract.js';
import type { DocumentRecord } from '../../schemas/record.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCS = path.join(ROOT, 'corpus/docs');
export const GOLD = path.join(ROOT, 'corpus/gold');
export const GOLDEN = path.join(ROOT, 'corpus/golden');
/** The five seed documents of the project. */
export const SEEDS = ['000', '001', '002', '003', '004'];

export const FIXED_CLOCK = () => new Date('2026-11-23T00:00:00.000Z');

export function corpusStems(): string[] {
  return readdirSync(DOCS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .sort();
}

let cache: Map<string, DocumentRecord> | null = null;

/** Records of every corpus document, extracted once per test process with a fixed clock. */
export function corpusRecords(): Map<string, DocumentRecord> {
  if (cache) return cache;
  cache = new Map();
  for (const stem of corpusStems()) {
    const file = `${stem}.txt`;
    cache.set(stem, extractBytesSync(`corpus/docs/${file}`, readFileSync(path.join(DOCS, file)), { now: FIXED_CLOCK }));
  }
  return cache;
}

export function goldOf(stem: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path.join(GOLD, `${stem}.json`), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
