// Số/ký hiệu of Vietnamese documents: "123/KH-SYT", "60/2021/NĐ-CP", "1234/SYT-NVY",
// "25-CT/TW", "22/2023/QH15" — found in text, normalized (spaces removed, dashes unified,
// OCR slips in the digits repaired) and split into their parts.

import { fixOcrDigits } from './numbers.js';
import { TYPE_CODES } from './lexicon.js';

export interface ParsedNumber {
  value: string;
  number: number | null;
  year: number | null;
  typeCode: string | null;
  issuerCode: string | null;
}

// A ký hiệu segment: capitals (Đ included), digits, with & or . inside ("GD&ĐT", "QH15").
// Lower-case letters occur inside codes such as TTr, CTr, SNgV, but a code has two capitals at least.
const SEG = String.raw`[A-ZĐ]{2,}[A-ZĐa-zđ0-9&.]*[A-ZĐa-zđ0-9]|[A-ZĐ]{2,}|[A-ZĐ][a-zđ]{1,2}[A-ZĐ][A-ZĐa-zđ0-9&.]*|[A-ZĐ]`;
const SYMBOL = String.raw`(?:${SEG})(?:\s?[-–]\s?(?:${SEG}))*`;
/** Regex source for a document number as printed in running text. */
export const DOC_NUMBER_SOURCE = String.raw`(?<![\p{L}\d/])([0-9OIl]{1,6}[a-z]?)\s*(?:\/\s*((?:19|20)[0-9OIl]{2}))?\s*\/\s*(${SYMBOL})(?![\p{L}\d])|(?<![\p{L}\d/])(\d{1,4})\s?[-–]\s?([A-ZĐ]{1,3}[a-z]?\/(?:TW|TU|TƯ|HU|ĐU|BCS|BCSĐ|ĐĐ|ĐTN|TTg))(?![\p{L}\d])`;

export function docNumberRegex(): RegExp {
  return new RegExp(DOC_NUMBER_SOURCE, 'gu');
}

/** Normalizes a printed số/ký hiệu: "123 /KH-SYT" → "123/KH-SYT", "1O5/KH–UBND" → "105/KH-UBND". */
export function normalizeDocNumber(raw: string): string {
  let s = raw.normalize('NFC').replace(/^\s*(?:số|so|sô|s6|number|no\.?)\s*[:.]?\s*/i, '').replace(/\s+/g, '').replace(/[–—]/g, '-');
  s = s.replace(/^[0-9OIl]+/, (m) => fixOcrDigits(m));
  s = s.replace(/\/([0-9OIl]{4})\//, (_m, y: string) => `/${fixOcrDigits(y)}/`);
  return s.replace(/[.,;:]+$/, '');
}

export function parseDocNumber(raw: string): ParsedNumber | null {
  const value = normalizeDocNumber(raw);
  const party = /^(\d{1,4})-([A-Za-zĐ]+)\/([A-ZĐ]+)$/.exec(value);
  if (party) return { value, number: Number(party[1]), year: null, typeCode: party[2]!.toUpperCase(), issuerCode: party[3]! };
  const m = /^(\d{1,6})[a-z]?(?:\/(\d{4}))?(?:\/(.+))?$/.exec(value);
  if (!m) return null;
  const symbol = m[3] ?? '';
  const parts = symbol ? symbol.split('-') : [];
  const first = parts[0]?.toUpperCase() ?? '';
  const isType = first in TYPE_CODES;
  return {
    value,
    number: Number(m[1]),
    year: m[2] ? Number(m[2]) : null,
    typeCode: isType ? parts[0]! : null,
    issuerCode: (isType ? parts.slice(1) : parts).join('-') || null,
  };
}
