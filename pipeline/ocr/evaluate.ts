// `hoptac eval-ocr`: error rates of recognized text files against true text files, matched by
// name (NAME.txt in both folders). Corpus rates are total edits over total length.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { addScores, rate, scoreOcr, ZERO_SCORE, type OcrScore } from './metrics.js';

export interface OcrDocScore {
  name: string;
  cer: number;
  wer: number;
  cerFolded: number;
  chars: number;
}

export interface OcrReport {
  documents: OcrDocScore[];
  missing: string[];
  overall: { cer: number; wer: number; cerFolded: number; chars: number; words: number };
}

export async function evaluateOcrDirs(truthDir: string, predDir: string): Promise<OcrReport> {
  const names = (await fs.readdir(truthDir)).filter((f) => f.endsWith('.txt')).sort();
  if (names.length === 0) throw new Error(`no .txt files in ${truthDir}`);
  let total: OcrScore = ZERO_SCORE;
  const documents: OcrDocScore[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const truth = await fs.readFile(path.join(truthDir, name), 'utf8');
    let pred: string;
    try {
      pred = await fs.readFile(path.join(predDir, name), 'utf8');
    } catch {
      // A document the run did not produce counts as read with nothing: every character lost.
      missing.push(name);
      pred = '';
    }
    const s = scoreOcr(truth, pred);
    total = addScores(total, s);
    documents.push({ name: name.slice(0, -4), cer: rate(s.chars), wer: rate(s.words), cerFolded: rate(s.charsFolded), chars: s.chars.length });
  }
  return {
    documents,
    missing,
    overall: { cer: rate(total.chars), wer: rate(total.words), cerFolded: rate(total.charsFolded), chars: total.chars.length, words: total.words.length },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatOcrReport(r: OcrReport, verbose = false): string {
  const lines: string[] = [];
  if (verbose) {
    lines.push(`${'document'.padEnd(14)} ${'CER'.padStart(8)} ${'WER'.padStart(8)} ${'CER (no diacritics)'.padStart(20)} ${'chars'.padStart(8)}`);
    for (const d of r.documents) lines.push(`${d.name.padEnd(14)} ${pct(d.cer).padStart(8)} ${pct(d.wer).padStart(8)} ${pct(d.cerFolded).padStart(20)} ${String(d.chars).padStart(8)}`);
  }
  if (r.missing.length) lines.push(`missing predictions (scored as empty): ${r.missing.join(', ')}`);
  lines.push(`overall CER ${pct(r.overall.cer)}  WER ${pct(r.overall.wer)}  CER without diacritics ${pct(r.overall.cerFolded)}  over ${r.documents.length} documents, ${r.overall.chars} characters`);
  return lines.join('\n');
}
