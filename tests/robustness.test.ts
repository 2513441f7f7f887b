// A problem in a document is a message on its record, never a crash: damaged variants of the
// corpus (cut short, lines shuffled, lines dropped, markup noise) all extract to valid records.

import { describe, expect, it } from 'vitest';
import { extract } from '../pipeline/extract.js';
import { RecordSchema } from '../schemas/record.js';
import { corpusRecords } from './helpers/corpus.js';

// A small deterministic generator (mulberry32), so a failure can be replayed.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function damage(text: string, seed: number): string {
  const r = rng(seed);
  let lines = text.split('\n');
  switch (seed % 4) {
    case 0:
      return text.slice(0, Math.floor(r() * text.length));
    case 1:
      for (let i = lines.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join('\n');
    case 2:
      lines = lines.filter(() => r() > 0.3);
      return lines.join('\n');
    default:
      return lines.map((l) => (r() < 0.2 ? `**${l}** | ${'-'.repeat(Math.floor(r() * 6))}` : l)).join(r() < 0.5 ? '\n' : ' ');
  }
}

describe('robustness', () => {
  const records = [...corpusRecords()];
  it('extracts a valid record from every damaged variant of every corpus document', async () => {
    let n = 0;
    for (const [stem, r] of records) {
      for (let seed = 1; seed <= 8; seed++) {
        const text = damage(r.text, seed * 97 + Number(stem));
        if (!text.trim()) continue;
        const record = await extract({ file: `${stem}-damaged-${seed}.txt`, text });
        expect(RecordSchema.safeParse(record).success).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
  });
});
