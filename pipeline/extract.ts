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

export type ExtractInput = string | { file: string; bytes: Uint8Array } | { file: string; text: string };

export interface ExtractOptions extends IngestOptions {
  /** Clock for processing.startedAt and date checks (tests pass a fixed one). */
  now?: () => Date;
  /** How the file is named in record.source.file (default: the path as given). */
  displayName?: (file: string) => string;
}

/** Extracts the document record of one input. Throws InputError for unreadable input. */
export async function extract(input: ExtractInput, options: ExtractOptions = {}): Promise<DocumentRecord> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  let file: string;
  let bytes: Uint8Array;
  let normalized: NormalizedText;
  if (typeof input === 'string') {
    const ingested = await ingestFile(input, options);
    file = input;
    bytes = ingested.bytes;
    normalized = normalizeBytes(file, bytes);
  } else if ('bytes' in input) {
    file = input.file;
    bytes = input.bytes;
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

function buildRecord(file: string, bytes: Uint8Array, normalized: NormalizedText, started: Date, t0: number, options: ExtractOptions): DocumentRecord {
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
      mediaType: 'text/plain',
      pages: normalized.text.split('\f').length,
      textFrom: 'plain',
      encoding: normalized.encoding,
      bytes: bytes.length,
    },
    text: normalized.text,
    processing: { pipelineVersion: PIPELINE_VERSION, startedAt: started.toISOString(), durationMs: Math.round((performance.now() - t0) * 100) / 100, attempts: 1 },
    ...fields,
    messages: [...normalized.messages, ...messages],
  };
  return validateRecord(record);
}
