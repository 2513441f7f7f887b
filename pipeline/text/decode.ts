// Bytes → text: BOMs, UTF-16 without BOM, UTF-8, Windows-1258, and the legacy Vietnamese
// encodings (raw TCVN3/VNI bytes, or UTF-8 that carries their Windows-1252 mojibake).

import { convertLegacy, detectLegacy, readAsCp1252, scoreVietnamese, vietnameseness, type LegacyEncoding } from './legacy.js';
import { composeOrigins, identityOrigin, type Origin } from './offsets.js';

export type TextEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1258'
  | 'windows-1252'
  | 'tcvn3'
  | 'vni'
  | 'utf-8+tcvn3-mojibake'
  | 'utf-8+vni-mojibake';

export interface DecodedText {
  /** The input as characters, before any conversion: the reference for offset maps. */
  raw: string;
  /** The text after decoding and legacy conversion (not yet NFC or line-repaired). */
  text: string;
  /** Origin of each character of `text` in `raw`. */
  origin: Origin;
  encoding: TextEncoding;
}

/** Thrown when bytes are not a text document at all. `kind` says what they look like. */
export class NotTextError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotTextError';
  }
}

interface Signature {
  kind: string;
  test: (b: Uint8Array) => boolean;
  advice: string;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

// What a file is when it is not text: named so the error can say what to do.
const SIGNATURES: Signature[] = [
  { kind: 'pdf', test: (b) => indexOfAscii(b, '%PDF-', 1024) >= 0, advice: 'a PDF file' },
  { kind: 'png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]), advice: 'a PNG image' },
  { kind: 'jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]), advice: 'a JPEG image' },
  { kind: 'gif', test: (b) => startsWith(b, [0x47, 0x49, 0x46, 0x38]), advice: 'a GIF image' },
  { kind: 'tiff', test: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]), advice: 'a TIFF image' },
  { kind: 'webp', test: (b) => startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8), advice: 'a WebP image' },
  { kind: 'zip', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]), advice: 'a ZIP container (.docx, .xlsx …)' },
  { kind: 'ole', test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0]), advice: 'an old Office file (.doc, .xls)' },
  { kind: 'rtf', test: (b) => startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66]), advice: 'an RTF file' },
  { kind: 'gzip', test: (b) => startsWith(b, [0x1f, 0x8b]), advice: 'a gzip-compressed file' },
  { kind: 'elf', test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]), advice: 'an executable program' },
];

function indexOfAscii(b: Uint8Array, s: string, limit: number): number {
  const n = Math.min(b.length - s.length, limit);
  outer: for (let i = 0; i <= n; i++) {
    for (let k = 0; k < s.length; k++) if (b[i + k] !== s.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** Recognises non-text formats by their signature. */
export function sniffBinaryKind(bytes: Uint8Array): Signature | undefined {
  return SIGNATURES.find((s) => s.test(bytes));
}

function utf16Guess(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Vietnamese UTF-16 has fewer zero high bytes than English (U+1Exx letters), so the bar is modest.
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return 'utf-16le';
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return 'utf-16be';
  return null;
}

function controlShare(s: string): number {
  let bad = 0;
  const n = Math.min(s.length, 100_000);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return n ? bad / n : 0;
}

function withLegacy(raw: string, base: 'utf-8' | 'windows-1252'): DecodedText {
  const detected = detectLegacy(raw);
  if (!detected.encoding) return { raw, text: raw, origin: identityOrigin(raw.length), encoding: base };
  const conv = convertLegacy(raw, detected.encoding);
  const encoding: TextEncoding = base === 'utf-8' ? (`utf-8+${detected.encoding}-mojibake` as const) : detected.encoding;
  return { raw, text: conv.text, origin: conv.origin, encoding };
}

/**
 * Decodes a document's bytes. Throws NotTextError for binary content, naming what it looks like.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new NotTextError('empty', 'empty (0 bytes)');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return withLegacy(UTF8.decode(bytes.subarray(3)), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe])) return plain(UTF16LE.decode(bytes.subarray(2)), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return plain(UTF16BE.decode(bytes.subarray(2)), 'utf-16be');
  const sig = sniffBinaryKind(bytes);
  if (sig) throw new NotTextError(sig.kind, sig.advice);
  const u16 = utf16Guess(bytes);
  if (u16) return plain((u16 === 'utf-16le' ? UTF16LE : UTF16BE).decode(bytes), u16);

  let utf8: string | null = null;
  try {
    utf8 = UTF8_STRICT.decode(bytes);
  } catch {
    utf8 = null;
  }
  if (utf8 !== null) {
    if (controlShare(utf8) > 0.02 || utf8.includes('\u0000')) throw binaryError();
    return withLegacy(utf8, 'utf-8');
  }
  // Not UTF-8: one of the 8-bit code pages. Choose the reading that is most Vietnamese.
  const cp1252 = readAsCp1252(bytes);
  if (controlShare(cp1252) > 0.02 || cp1252.includes('\u0000')) throw binaryError();
  // Score each reading on a sample, then decode the whole text once with the winner.
  const SAMPLE = 3_000;
  const sampleBytes = bytes.subarray(0, SAMPLE);
  const sampleCp = cp1252.slice(0, SAMPLE);
  const readings: Array<{ encoding: TextEncoding; sample: string }> = [
    { encoding: 'windows-1258', sample: CP1258.decode(sampleBytes) },
    { encoding: 'tcvn3', sample: convertLegacy(sampleCp, 'tcvn3').text },
    { encoding: 'vni', sample: convertLegacy(sampleCp, 'vni').text },
    { encoding: 'windows-1252', sample: sampleCp },
  ];
  let best = readings[0]!;
  let bestScore = -Infinity;
  for (const r of readings) {
    const score = vietnameseness(scoreVietnamese(r.sample.normalize('NFC')));
    if (score > bestScore + 1e-9) {
      best = r;
      bestScore = score;
    }
  }
  if (best.encoding === 'windows-1258') return plain(CP1258.decode(bytes), 'windows-1258');
  if (best.encoding === 'windows-1252') return plain(cp1252, 'windows-1252');
  const conv = convertLegacy(cp1252, best.encoding as LegacyEncoding);
  return { raw: cp1252, text: conv.text, origin: conv.origin, encoding: best.encoding };
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
const CP1258 = new TextDecoder('windows-1258');

function plain(text: string, encoding: TextEncoding): DecodedText {
  return { raw: text, text, origin: identityOrigin(text.length), encoding };
}

function binaryError(): NotTextError {
  return new NotTextError('binary', 'binary data (control bytes), not text in any encoding hoptac reads');
}

export { composeOrigins };
