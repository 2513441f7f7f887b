// Reading a PDF page by page: pages with a usable text layer are read with pdf-parse (exact,
// milliseconds); pages without one, or whose text layer is garbage (legacy-font mojibake,
// glyph ids), become page images for OCR — the page's own scan image when it is one, a
// rendering (pdfjs-dist + @napi-rs/canvas) otherwise. Images are produced on demand, one page
// at a time, so a 300-page scan never sits in memory whole.

import { PDFDocument } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { embeddedPageImage } from './images.js';
import type { PageImage } from '../ocr/image.js';
import { isVietnameseSyllable } from '../text/vietnamese.js';

export class PdfError extends Error {
  constructor(message: string, readonly hint: string, readonly code: string) {
    super(message);
    this.name = 'PdfError';
  }
}

export interface PdfPagePlan {
  /** 1-based. */
  page: number;
  /** The text layer, when it is usable. */
  text: string | null;
  /** Why the page is OCRed (no text layer, garbage text layer). */
  ocrReason?: string;
}

export interface OpenPdf {
  pageCount: number;
  pages: PdfPagePlan[];
  /** The image of a page to OCR (1-based). */
  pageImage(page: number, dpi?: number): Promise<PageImage>;
  close(): Promise<void>;
}

/** Share of a text's words that read as Vietnamese syllables, English-like words or numbers. */
export function textLayerQuality(text: string): { words: number; good: number } {
  let words = 0;
  let good = 0;
  for (const w of text.split(/[\s\p{P}]+/u)) {
    if (w === '') continue;
    words++;
    if (/^\d+$/.test(w) || isVietnameseSyllable(w) || /^[A-Za-z]{1,15}$/.test(w)) good++;
  }
  return { words, good };
}

/** Decides whether a page's text layer can be used as it is. */
export function usableTextLayer(text: string): { ok: boolean; reason?: string } {
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '').length;
  if (letters < 20) return { ok: false, reason: 'no text layer' };
  const q = textLayerQuality(text);
  if (q.words > 0 && q.good / q.words < 0.6) {
    return { ok: false, reason: `text layer unreadable (${Math.round((100 * q.good) / q.words)}% of its words are Vietnamese; likely a legacy font)` };
  }
  // Private-use or replacement characters: glyph ids without a Unicode map.
  const bad = (text.match(/[\uE000-\uF8FF\uFFFD]/gu) ?? []).length;
  if (bad > letters * 0.05) return { ok: false, reason: 'text layer has unmapped glyphs' };
  return { ok: true };
}

function pdfError(err: unknown): PdfError {
  const e = err as { name?: string; message?: string };
  const msg = e?.message ?? String(err);
  if (e?.name === 'PasswordException' || /password|encrypt/i.test(msg)) {
    return new PdfError('PDF is encrypted (password-protected)', 'remove the password (or ask the sender for an unprotected copy) and run again', 'EENCRYPTED');
  }
  if (/no pages|Invalid page count|page count/i.test(msg)) return new PdfError('PDF has no pages', 'check the file; re-export it', 'ENOPAGES');
  return new PdfError(`PDF is damaged or truncated (${msg.split('\n')[0]})`, 'check that the download or copy finished; re-export or repair it (e.g. qpdf)', 'EPDF');
}

export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  // pdf-parse (pdf.js) takes ownership of its buffer: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, stopAtErrors: false } as ConstructorParameters<typeof PDFParse>[0]);
  let result;
  try {
    result = await parser.getText({ pageJoiner: '' });
  } catch (err) {
    await parser.destroy().catch(() => undefined);
    throw pdfError(err);
  }
  const pageCount = result.total;
  if (!pageCount) {
    await parser.destroy().catch(() => undefined);
    throw new PdfError('PDF has no pages', 'check the file; re-export it', 'ENOPAGES');
  }
  const pages: PdfPagePlan[] = [];
  for (let i = 1; i <= pageCount; i++) {
    const text = (result.pages.find((p) => p.num === i)?.text ?? '').normalize('NFC');
    const use = usableTextLayer(text);
    pages.push(use.ok ? { page: i, text } : { page: i, text: null, ocrReason: use.reason });
  }
  await parser.destroy().catch(() => undefined);

  // pdf.js shows a page tree with no pages as one empty page: ask pdf-lib, which also gives the
  // pages' scan images later.
  let lib: PDFDocument | null;
  try {
    lib = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    lib = null; // pdf-lib cannot parse it: pdf.js could, and renders its pages
  }
  if (lib && lib.getPageCount() === 0) throw new PdfError('PDF has no pages', 'check the file; re-export it', 'ENOPAGES');

  let pdfjsDoc: Promise<PdfJsDocument> | undefined;
  return {
    pageCount,
    pages,
    async pageImage(page: number, dpi = 300): Promise<PageImage> {
      if (lib && page <= lib.getPageCount()) {
        try {
          const img = embeddedPageImage(lib, lib.getPage(page - 1));
          if (img) return img;
        } catch {
          // fall through to rendering
        }
      }
      pdfjsDoc ??= loadPdfJs(bytes);
      return renderPage(await pdfjsDoc, page, dpi);
    },
    async close() {
      if (pdfjsDoc) await (await pdfjsDoc.catch(() => null))?.destroy();
    },
  };
}

interface PdfJsDocument {
  getPage(n: number): Promise<{
    getViewport(o: { scale: number }): { width: number; height: number };
    render(o: unknown): { promise: Promise<void> };
    cleanup(): void;
  }>;
  destroy(): Promise<void>;
}

async function loadPdfJs(bytes: Uint8Array): Promise<PdfJsDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
  try {
    return (await task.promise) as unknown as PdfJsDocument;
  } catch (err) {
    throw pdfError(err);
  }
}

async function renderPage(doc: PdfJsDocument, page: number, dpi: number): Promise<PageImage> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const p = await doc.getPage(page);
  let viewport = p.getViewport({ scale: dpi / 72 });
  // A page of absurd size (a poster, a corrupt MediaBox) is rendered at a resolution that fits.
  const maxSide = 7000;
  if (Math.max(viewport.width, viewport.height) > maxSide) {
    const k = maxSide / Math.max(viewport.width, viewport.height);
    viewport = p.getViewport({ scale: (dpi / 72) * k });
    dpi = Math.round(dpi * k);
  }
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  await p.render({ canvasContext: ctx, canvas, viewport }).promise;
  p.cleanup();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return { bytes: Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), raw: { width, height, channels: 4 }, dpi, origin: 'rendered' };
}
