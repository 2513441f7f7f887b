// Normalize stage: bytes → text. Decoding (BOMs, UTF-16, Windows-1258, legacy TCVN3/VNI raw
// or as mojibake), Unicode NFC, and line repair — with an origin map from the final text back
// to the decoded input, so every span stays traceable.

import { decodeText, NotTextError, type TextEncoding } from '../text/decode.js';
import { composeOrigins, type Origin } from '../text/offsets.js';
import { repairLines, toNfc, type Repaired } from '../text/repair.js';
import { InputError } from '../errors.js';
import type { Message } from '../../schemas/record.js';

export interface NormalizedText {
  /** The record's text. */
  text: string;
  /** The input as decoded, before conversion and repair. */
  raw: string;
  /** Origin of each character of `text` in `raw`. */
  origin: Origin;
  encoding: TextEncoding;
  repairs: Repaired['changes'];
  messages: Message[];
}

export function normalizeBytes(file: string, bytes: Uint8Array): NormalizedText {
  let decoded;
  try {
    decoded = decodeText(bytes);
  } catch (err) {
    if (err instanceof NotTextError) throw new InputError(file, err.kind === 'empty' ? 'is empty (0 bytes)' : `is not a text document: it holds ${err.message}`, hintFor(err.kind), `E${err.kind.toUpperCase()}`);
    throw err;
  }
  return normalizeText(decoded.text, decoded.raw, decoded.origin, decoded.encoding);
}

export function normalizeText(text: string, raw = text, origin?: Origin, encoding: TextEncoding = 'utf-8'): NormalizedText {
  const nfc = toNfc(text);
  const repaired = repairLines(nfc.text);
  let o = composeOrigins(nfc.origin, repaired.origin);
  if (origin) o = composeOrigins(origin, o);
  const messages: Message[] = [];
  if (encoding !== 'utf-8') {
    messages.push({ ruleId: 'text-encoding', severity: encoding.includes('mojibake') ? 'warning' : 'info', message: `text decoded from ${describe(encoding)}` });
  }
  const c = repaired.changes;
  if (c.joinedLines || c.dehyphenated || c.droppedPageMarks) {
    messages.push({
      ruleId: 'lines-repaired',
      severity: 'info',
      message: `line repair: ${c.joinedLines} broken lines joined, ${c.dehyphenated} hyphenated words rejoined, ${c.droppedPageMarks} page marks removed`,
    });
  }
  if (repaired.text.trim() === '') messages.push({ ruleId: 'no-text', severity: 'error', message: 'the document has no text' });
  return { text: repaired.text, raw, origin: o, encoding, repairs: c, messages };
}

function describe(e: TextEncoding): string {
  switch (e) {
    case 'utf-8+tcvn3-mojibake':
      return 'UTF-8 holding TCVN3 (ABC) text that was once read as Windows-1252; converted to Unicode';
    case 'utf-8+vni-mojibake':
      return 'UTF-8 holding VNI-Windows text that was once read as Windows-1252; converted to Unicode';
    case 'tcvn3':
      return 'TCVN3 (ABC, .Vn fonts); converted to Unicode';
    case 'vni':
      return 'VNI-Windows; converted to Unicode';
    default:
      return e;
  }
}

function hintFor(kind: string): string {
  switch (kind) {
    case 'pdf':
      return 'this version reads text files only; export the PDF\'s text, or rename it .pdf once PDF input is supported';
    case 'png':
    case 'jpeg':
    case 'tiff':
    case 'gif':
    case 'webp':
      return 'this version reads text files only; images need OCR';
    case 'empty':
      return 'check that the export or copy finished';
    default:
      return 'pass a plain-text document (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI)';
  }
}
