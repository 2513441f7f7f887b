// Read stage: a file's bytes → its pages of text, by what the bytes are (not the name):
// text in any encoding the core handles; PDFs page by page (text layer, or OCR of the page's
// scan image or rendering); PNG, JPEG, TIFF (every page), WebP and GIF images through OCR.
// Pages are OCRed concurrently up to the engine's pool size and streamed: only the pages in
// flight are held as images.

import pMap from 'p-map';
import sharp from 'sharp';
import type { Message } from '../../schemas/record.js';
import { sniffBinaryKind } from '../text/decode.js';
import { InputError } from '../errors.js';
import { openPdf, PdfError } from '../pdf/read.js';
import type { PlacedWord } from '../ocr/assemble.js';
import type { OcrEngine } from '../ocr/engine.js';
import { MAX_PAGE_PIXELS, type PageImage } from '../ocr/image.js';
import { repairSectionNumerals } from '../ocr/sections.js';
import { ocrPage, type OcrPageOptions } from './ocr.js';

export type TextFrom = 'ocr' | 'text-layer' | 'plain' | 'mixed';

export interface ReadPage {
  /** 1-based. */
  page: number;
  text: string;
  from: 'text-layer' | 'ocr';
  words?: PlacedWord[];
  confidence?: number | null;
  steps?: string[];
  ms: number;
}

export interface ReadDocument {
  mediaType: string;
  pages: ReadPage[];
  textFrom: TextFrom;
  messages: Message[];
  /** The OCR engine that read its OCRed pages. */
  engine?: string;
}

/** Pages OCRed before (by a run that stopped), kept with their messages so they are not read again. */
export interface PageStore {
  get(page: number): { page: ReadPage; messages: Message[] } | null;
  put(page: number, value: { page: ReadPage; messages: Message[] }): void;
}

export interface ReadOptions extends OcrPageOptions {
  /** The OCR engine; created on first need by this function when absent. */
  ocr?: () => Promise<OcrEngine>;
  /** Called after each page; `kept` when it was taken from `pages` rather than read. */
  onPage?: (page: ReadPage, total: number, kept?: boolean) => void;
  /** Pages kept from an earlier, unfinished reading of the same content. */
  pages?: PageStore;
}

export const IMAGE_KINDS = new Set(['png', 'jpeg', 'tiff', 'webp', 'gif']);

const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** What kind of document the bytes hold: 'text', or a binary kind ('pdf', 'png', …). */
export function sniffKind(bytes: Uint8Array): string {
  return sniffBinaryKind(bytes)?.kind ?? 'text';
}

/** True when the bytes need the page reader (PDF or image) rather than the text decoder. */
export function isPaged(bytes: Uint8Array): boolean {
  const k = sniffKind(bytes);
  return k === 'pdf' || IMAGE_KINDS.has(k);
}

function textFromOf(pages: ReadPage[]): TextFrom {
  const kinds = new Set(pages.map((p) => p.from));
  return kinds.size > 1 ? 'mixed' : kinds.has('ocr') ? 'ocr' : 'text-layer';
}

export async function readPaged(file: string, bytes: Uint8Array, options: ReadOptions): Promise<ReadDocument> {
  const kind = sniffKind(bytes);
  if (kind === 'pdf') return readPdf(file, bytes, options);
  if (IMAGE_KINDS.has(kind)) return readImage(file, bytes, kind, options);
  throw new InputError(file, 'is not a PDF or an image', 'pass it as a text file', 'EKIND');
}

async function ocrPages(file: string, images: Array<{ page: number; image: () => Promise<PageImage> }>, total: number, options: ReadOptions, messages: Message[]): Promise<ReadPage[]> {
  if (images.length === 0) return [];
  if (!options.ocr) throw new Error('OCR needed but no engine given');
  const engine = await options.ocr();
  return pMap(
    images,
    async ({ page, image }) => {
      const kept = options.pages?.get(page);
      if (kept) {
        messages.push(...kept.messages);
        options.onPage?.(kept.page, total, true);
        return kept.page;
      }
      const t0 = performance.now();
      let img: PageImage;
      try {
        img = await image();
      } catch (err) {
        const e = err as Error & { hint?: string };
        messages.push({ ruleId: 'ocr-page-failed', severity: 'error', message: `page ${page}: ${e.message}${e.hint ? `; ${e.hint}` : ''}` });
        const p: ReadPage = { page, text: '', from: 'ocr', confidence: null, ms: performance.now() - t0 };
        options.onPage?.(p, total);
        return p;
      }
      const out = await ocrPage(engine, img, page, options);
      messages.push(...out.messages);
      const p: ReadPage = { page, text: out.text, from: 'ocr', words: out.words, confidence: out.confidence, steps: out.steps, ms: out.ms };
      options.pages?.put(page, { page: p, messages: out.messages });
      options.onPage?.(p, total);
      return p;
    },
    // One page more than the engine reads at once: the next page is prepared while others are read.
    { concurrency: engine.concurrency + 1 },
  );
}

async function readPdf(file: string, bytes: Uint8Array, options: ReadOptions): Promise<ReadDocument> {
  let pdf;
  try {
    pdf = await openPdf(bytes);
  } catch (err) {
    if (err instanceof PdfError) throw new InputError(file, `cannot be read: ${err.message}`, err.hint, err.code);
    throw err;
  }
  const messages: Message[] = [];
  try {
    const pages: ReadPage[] = [];
    const toOcr: Array<{ page: number; image: () => Promise<PageImage> }> = [];
    const reasons = new Map<string, number[]>();
    for (const plan of pdf.pages) {
      if (plan.text !== null) {
        const p: ReadPage = { page: plan.page, text: plan.text, from: 'text-layer', ms: 0 };
        pages.push(p);
        options.onPage?.(p, pdf.pageCount);
      } else {
        toOcr.push({ page: plan.page, image: () => pdf.pageImage(plan.page) });
        const r = plan.ocrReason ?? 'no text layer';
        reasons.set(r, [...(reasons.get(r) ?? []), plan.page]);
      }
    }
    for (const [reason, list] of reasons) {
      if (reason !== 'no text layer') messages.push({ ruleId: 'pdf-text-layer-unusable', severity: 'info', message: `${pageList(list)}: ${reason}; OCRed instead` });
    }
    pages.push(...(await ocrPages(file, toOcr, pdf.pageCount, options, messages)));
    pages.sort((a, b) => a.page - b.page);
    if (options.correct !== false) repairSectionNumerals(pages);
    return { mediaType: MEDIA.pdf!, pages, textFrom: textFromOf(pages), messages };
  } finally {
    await pdf.close();
  }
}

function pageList(pages: number[]): string {
  return pages.length === 1 ? `page ${pages[0]}` : `pages ${pages.join(', ')}`;
}

async function readImage(file: string, bytes: Uint8Array, kind: string, options: ReadOptions): Promise<ReadDocument> {
  let count = 1;
  try {
    const meta = await sharp(bytes, { limitInputPixels: options.maxPixels ?? MAX_PAGE_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no image size');
    if (meta.width * meta.height > (options.maxPixels ?? MAX_PAGE_PIXELS)) throw new Error('pixel limit');
    count = meta.pages ?? 1;
  } catch (err) {
    const msg = (err as Error).message;
    if (/pixel limit/i.test(msg)) {
      throw new InputError(file, 'is an image larger than the pixel limit (possible decompression bomb)', 'scan it at a lower resolution (300 dpi is enough)', 'EBOMB');
    }
    throw new InputError(file, `is a ${kind.toUpperCase()} image that cannot be decoded (${msg.split('\n')[0]})`, 'check that the file is complete; re-export or re-scan it', 'EIMAGE');
  }
  const messages: Message[] = [];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const images = Array.from({ length: count }, (_, i) => ({ page: i + 1, image: async (): Promise<PageImage> => ({ bytes: buf, subPage: i, origin: kind }) }));
  const pages = await ocrPages(file, images, count, options, messages);
  if (options.correct !== false) repairSectionNumerals(pages);
  return { mediaType: MEDIA[kind] ?? 'application/octet-stream', pages, textFrom: 'ocr', messages };
}
