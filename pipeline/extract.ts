// The library's main entry: one input (a path, bytes or text) → one validated document record.

import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type DocumentRecord } from '../schemas/record.js';
import { ingestFile, type IngestOptions } from './stages/ingest.js';
import { normalizeBytes, normalizeText, type NormalizedText } from './stages/normalize.js';
import { segment } from './stages/segment.js';
import { extractStage } from './stages/extract.js';
import { validateRecord } from './stages/validate.js';
import { PIPELINE_VERSION } from './version.js';
import { isPaged, readPaged, type ReadDocument, type ReadOptions } from './stages/read.js';
import type { OcrEngine } from './ocr/engine.js';
import { boxOf } from './ocr/assemble.js';
import { createOcrEngine, type OcrEngineName } from './ocr/index.js';

export type ExtractInput = string | { file: string; bytes: Uint8Array } | { file: string; text: string };

export interface ExtractOptions extends IngestOptions {
  /** Clock for processing.startedAt and date checks (tests pass a fixed one). */
  now?: () => Date;
  /** How the file is named in record.source.file (default: the path as given). */
  displayName?: (file: string) => string;
  /** OCR engine for scanned pages (shared across a run). When absent, one is started for the call and closed after it. */
  ocr?: OcrEngine;
  /** Engine to start when `ocr` is absent (default tesseract.js). */
  ocrEngine?: OcrEngineName;
  /** Time limit for OCR of one page (ms). */
  pageTimeoutMs?: number;
  /** Vietnamese post-correction of OCR words (default on). */
  ocrCorrect?: boolean;
  /** Resolution scanned pages are reduced to before OCR (default 200 dpi; 0: never). */
  ocrDpi?: number;
}

/** Extracts the document record of one input. Throws InputError for unreadable input. */
export async function extract(input: ExtractInput, options: ExtractOptions = {}): Promise<DocumentRecord> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  let file: string;
  let bytes: Uint8Array;
  let normalized: NormalizedText;
  if (typeof input === 'string' || 'bytes' in input) {
    file = typeof input === 'string' ? input : input.file;
    bytes = typeof input === 'string' ? (await ingestFile(input, options)).bytes : input.bytes;
    if (isPaged(bytes)) return extractPaged(file, bytes, started, t0, options);
    normalized = normalizeBytes(file, bytes);
  } else {
    file = input.file;
    bytes = new TextEncoder().encode(input.text);
    normalized = normalizeText(input.text);
  }
  return buildRecord(file, bytes, normalized, started, t0, options);
}

/** Synchronous core, for benchmarks and callers that already hold the bytes. */
export function extractBytesSync(file: string, bytes: Uint8Array, options: ExtractOptions = {}): DocumentRecord {
  const now = options.now ?? (() => new Date());
  return buildRecord(file, bytes, normalizeBytes(file, bytes), now(), performance.now(), options);
}

const PAGE_BREAK = '\n\f';

/** PDFs and images: pages read (text layer or OCR), then the same stages as text. */
async function extractPaged(file: string, bytes: Uint8Array, started: Date, t0: number, options: ExtractOptions): Promise<DocumentRecord> {
  return recordFromPages(file, bytes, await readPages(file, bytes, options), { ...options, now: () => started }, t0);
}

/** The read stage of a PDF or image: its pages' text, from the text layer or OCR. */
export async function readPages(file: string, bytes: Uint8Array, options: ExtractOptions & Pick<ReadOptions, 'onPage' | 'pages'> = {}): Promise<ReadDocument> {
  let own: OcrEngine | undefined;
  const engine = async () => options.ocr ?? (own ??= await createOcrEngine(options.ocrEngine ?? 'tesseract.js'));
  try {
    const doc = await readPaged(file, bytes, { ocr: engine, timeoutMs: options.pageTimeoutMs, correct: options.ocrCorrect, maxDpi: options.ocrDpi, onPage: options.onPage, pages: options.pages });
    if (doc.pages.some((p) => p.from === 'ocr')) doc.engine = (options.ocr ?? own)?.name ?? options.ocrEngine ?? 'tesseract.js';
    return doc;
  } finally {
    await own?.close();
  }
}

/** The record of a PDF or image from its read pages (kept from an earlier run, or just read). */
export function recordFromPages(file: string, bytes: Uint8Array, doc: ReadDocument, options: ExtractOptions = {}, t0 = performance.now()): DocumentRecord {
  const started = (options.now ?? (() => new Date()))();
  // A page ends its last line: "\n\f" keeps a page's first line from running on from the previous page's last.
  const raw = doc.pages.map((p) => p.text).join(PAGE_BREAK);
  const normalized = normalizeText(raw);
  return buildRecord(file, bytes, { ...normalized, messages: [...doc.messages, ...normalized.messages] }, started, t0, options, doc);
}

/** Adds page boxes to every span of an OCRed page: the union of the boxes of the words it covers. */
function addBoxes(record: DocumentRecord, normalized: NormalizedText, doc: ReadDocument): void {
  const pageStarts: number[] = [];
  let at = 0;
  for (const p of doc.pages) {
    pageStarts.push(at);
    at += p.text.length + PAGE_BREAK.length;
  }
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.page === 'number' && typeof o.start === 'number' && typeof o.end === 'number' && !('bbox' in o)) {
      const p = doc.pages[o.page - 1];
      if (!p?.words?.length) return;
      const rawStart = normalized.origin[o.start] ?? 0;
      const rawEnd = o.end > o.start ? (normalized.origin[o.end - 1] ?? rawStart) + 1 : rawStart;
      const base = pageStarts[o.page - 1]!;
      const box = boxOf(p.words, rawStart - base, rawEnd - base);
      if (box) o.bbox = box;
      return;
    }
    for (const key of Object.keys(o)) if (key !== 'text') visit(o[key]);
  };
  visit(record);
}

function buildRecord(file: string, bytes: Uint8Array, normalized: NormalizedText, started: Date, t0: number, options: ExtractOptions, doc?: ReadDocument): DocumentRecord {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const seg = segment(normalized.text);
  const today = started.toISOString().slice(0, 10);
  const { fields, messages } = extractStage(seg, today);
  const record: DocumentRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: sha256,
    source: {
      file: options.displayName ? options.displayName(file) : basename(file) === file ? file : file,
      sha256,
      mediaType: doc?.mediaType ?? 'text/plain',
      pages: doc ? Math.max(1, doc.pages.length) : normalized.text.split('\f').length,
      textFrom: doc?.textFrom ?? 'plain',
      encoding: doc ? null : normalized.encoding,
      bytes: bytes.length,
      ...(doc
        ? {
            pageDetails: doc.pages.map((p) => ({
              page: p.page,
              textFrom: p.from,
              confidence: p.from === 'ocr' ? (p.confidence ?? null) : null,
              ...(p.from === 'ocr' ? { engine: doc.engine ?? options.ocr?.name ?? options.ocrEngine ?? 'tesseract.js', preparation: p.steps ?? [] } : {}),
            })),
          }
        : {}),
    },
    text: normalized.text,
    processing: { pipelineVersion: PIPELINE_VERSION, startedAt: started.toISOString(), durationMs: Math.round((performance.now() - t0) * 100) / 100, attempts: 1 },
    ...fields,
    messages: [...normalized.messages, ...messages],
  };
  if (doc) addBoxes(record, normalized, doc);
  return validateRecord(record);
}
