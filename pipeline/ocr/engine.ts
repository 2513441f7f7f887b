// The OCR engine seam: an engine reads one prepared page image and returns its words with
// boxes and confidences, as tesseract's TSV layout. tesseract.js is the default; a native
// `tesseract` binary can be used where one is installed.

import type { PreparedPage } from './image.js';

export interface OcrWord {
  text: string;
  /** 0–1. */
  confidence: number;
  /** [x, y, width, height] in the prepared image's pixels. */
  bbox: [number, number, number, number];
  /** Reading-order position: block, paragraph and line numbers. */
  block: number;
  paragraph: number;
  line: number;
}

export interface OcrPageResult {
  words: OcrWord[];
  /** Mean word confidence, 0–1 (0 when no word was read). */
  confidence: number;
  ms: number;
}

export interface RecognizeOptions {
  /** Tesseract page segmentation mode (3: automatic layout, 4: one column, 6: one block, 11: sparse). */
  psm?: number;
  /** Give up on the page after this long (ms). */
  timeoutMs?: number;
}

export interface OcrEngine {
  readonly name: string;
  /** Pages it reads at once (its pool size). */
  readonly concurrency: number;
  recognize(page: PreparedPage, options?: RecognizeOptions): Promise<OcrPageResult>;
  close(): Promise<void>;
}

/** The engine was closed while the page waited or was read (a run that stops abandons its pages in flight). */
export class OcrClosedError extends Error {
  constructor() {
    super('the OCR engine was closed before the page was read');
    this.name = 'OcrClosedError';
  }
}

export class OcrTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`OCR gave up after ${Math.round(ms / 1000)} s`);
    this.name = 'OcrTimeoutError';
  }
}

/** Parses tesseract's TSV output (level 5 rows are words). */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const line of tsv.split('\n')) {
    if (!line.startsWith('5\t')) continue;
    const c = line.split('\t');
    if (c.length < 12) continue;
    const text = c.slice(11).join('\t').trim();
    if (text === '') continue;
    words.push({
      text: text.normalize('NFC'),
      confidence: Math.max(0, Number(c[10])) / 100,
      bbox: [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])],
      block: Number(c[2]),
      paragraph: Number(c[3]),
      line: Number(c[4]),
    });
  }
  return words;
}

export function meanConfidence(words: OcrWord[]): number {
  if (words.length === 0) return 0;
  let s = 0;
  let n = 0;
  for (const w of words) {
    const weight = [...w.text].length;
    s += w.confidence * weight;
    n += weight;
  }
  return n === 0 ? 0 : s / n;
}
