// OCR stage: one page image → page text with word boxes and a confidence. The page is
// measured and prepared (pipeline/ocr/image.ts), read with the engine's automatic layout,
// read again upside down when the first reading is poor, and its words corrected
// (pipeline/ocr/correct.ts) before they become text. A page that fails or runs over its time
// limit becomes an empty page with a message; the rest of the document goes on.

import sharp from 'sharp';
import type { Message } from '../../schemas/record.js';
import { assemblePage, type PlacedWord } from '../ocr/assemble.js';
import { correctWords } from '../ocr/correct.js';
import { OcrClosedError, OcrTimeoutError, type OcrEngine, type OcrPageResult } from '../ocr/engine.js';
import { ImageError, preparePage, type PageImage, type PreparedPage } from '../ocr/image.js';

export interface OcrPageOptions {
  /** Time limit for one page (ms); 0 for none. */
  timeoutMs?: number;
  maxPixels?: number;
  /** Vietnamese post-correction of recognized words (default on). */
  correct?: boolean;
  /** Resolution pages are reduced to before OCR (0: never). */
  maxDpi?: number;
}

export interface OcrPageOutput {
  text: string;
  words: PlacedWord[];
  /** Mean word confidence 0–1, or null when nothing was read. */
  confidence: number | null;
  steps: string[];
  ms: number;
  messages: Message[];
}

export const DEFAULT_PAGE_TIMEOUT_MS = 120_000;

/** Below this mean confidence a reading is doubted (and the page tried upside down). */
const DOUBTFUL = 0.6;
/** Below this the page is taken to hold no text (a photo, a blank page with marks). */
const NO_TEXT = 0.35;

async function turned(page: PreparedPage, degrees: number): Promise<PreparedPage> {
  const { data, info } = await sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } })
    .rotate(degrees)
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { ...page, gray: data, width: info.width, height: info.height, steps: [...page.steps, `rotate ${degrees}°`] };
}

export async function ocrPage(engine: OcrEngine, image: PageImage, pageNo: number, options: OcrPageOptions = {}): Promise<OcrPageOutput> {
  const t0 = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
  const messages: Message[] = [];
  const empty = (steps: string[]): OcrPageOutput => ({ text: '', words: [], confidence: null, steps, ms: performance.now() - t0, messages });
  let prepared: PreparedPage;
  try {
    prepared = await preparePage(image, { maxPixels: options.maxPixels, maxDpi: options.maxDpi });
  } catch (err) {
    const e = err as ImageError;
    messages.push({ ruleId: 'ocr-page-failed', severity: 'error', message: `page ${pageNo}: ${e.message}${e.hint ? `; ${e.hint}` : ''}` });
    return empty([]);
  }
  if (prepared.measures.ink < 0.001) {
    messages.push({ ruleId: 'ocr-blank-page', severity: 'info', message: `page ${pageNo}: blank page` });
    return empty(prepared.steps);
  }
  let result: OcrPageResult;
  try {
    result = await engine.recognize(prepared, { psm: 3, timeoutMs });
    if (result.confidence < DOUBTFUL) {
      // Upright and upside-down pages (or 90° and 270°) have the same line profiles: read it the other way too.
      const flipped = await turned(prepared, 180);
      const second = await engine.recognize(flipped, { psm: 3, timeoutMs });
      if (second.confidence > result.confidence + 0.1) {
        result = second;
        prepared = flipped;
      }
    }
  } catch (err) {
    // A run that stops abandons its pages: that is not a problem of the page.
    if (err instanceof OcrClosedError) throw err;
    const why = err instanceof OcrTimeoutError ? `OCR gave up after ${Math.round(timeoutMs / 1000)} s` : `OCR failed (${(err as Error).message})`;
    messages.push({ ruleId: 'ocr-page-failed', severity: 'error', message: `page ${pageNo}: ${why}; the page is left out of the text`, });
    return empty(prepared.steps);
  }
  if (result.words.length === 0 || result.confidence < NO_TEXT) {
    messages.push({
      ruleId: 'ocr-no-text',
      severity: 'warning',
      message: `page ${pageNo}: no readable text found${result.words.length ? ` (mean confidence ${result.confidence.toFixed(2)}; a photo or drawing?)` : ''}`,
    });
    return empty(prepared.steps);
  }
  const words = options.correct === false ? result.words : correctWords(result.words);
  const page = assemblePage(words, prepared.scale);
  if (result.confidence < 0.75) {
    messages.push({ ruleId: 'ocr-low-confidence', severity: 'warning', message: `page ${pageNo}: mean word confidence ${result.confidence.toFixed(2)}` });
  }
  return { text: page.text, words: page.words, confidence: Math.round(result.confidence * 1000) / 1000, steps: prepared.steps, ms: performance.now() - t0, messages };
}
