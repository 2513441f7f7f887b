// Legacy Vietnamese 8-bit encodings: TCVN3 (TCVN 5712:1993, the ".Vn" fonts of the ABC
// keyboard) and VNI-Windows (base letter + modifier byte). Old archives hold them either as raw
// single-byte files or as the mojibake left when such a file was opened as Windows-1252 and
// saved as Unicode. Both reach us as a Windows-1252 reading of the bytes, so one converter
// serves both.
//
// Table source: TCVN 5712:1993 as implemented by glibc iconv (TCVN5712-1); VNI-Windows modifier
// sequences as used by Vietnamese keyboard drivers (e.g. xvnkb's vni.h). Facts, re-expressed here.

import { isVietnameseOnlyLetter, isVietnameseSyllable } from './vietnamese.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

// TCVN3 bytes 0xA0–0xFF → Unicode. 0x80–0x9F are left as Windows-1252 punctuation: the VN3
// subset used by .VnTime fonts leaves that range to the code page (smart quotes, dashes).
const TCVN3_HIGH =
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ' +
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ' +
  'éẹềểễếệìỉỄẾỒĩíịò' +
  'Ổỏõóọồổỗốộờởỡớợù' +
  'ỖủũúụừửữứựỳỷỹýỵỐ';

// Windows-1252 code points 0x80–0x9F (undefined slots fall back to the C1 control).
const CP1252_80 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_REVERSE = new Map<number, number>(CP1252_80.map((cp, i) => [cp, 0x80 + i]));

/** The byte a Windows-1252 reading would have produced this character from, or -1. */
export function cp1252Byte(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return CP1252_REVERSE.get(cp) ?? -1;
}

const TCVN3_MAP = new Map<string, string>();
for (let i = 0; i < TCVN3_HIGH.length; i++) TCVN3_MAP.set(String.fromCharCode(0xa0 + i), TCVN3_HIGH[i]!);

// VNI: base vowel followed by a modifier character (as read through Windows-1252).
const VNI_TONES: Record<string, string> = { 'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323' };
const VNI_CIRC: Record<string, string> = { 'â': '', 'á': '\u0301', 'à': '\u0300', 'å': '\u0309', 'ã': '\u0303', 'ä': '\u0323' };
const VNI_BREVE: Record<string, string> = { 'ê': '', 'é': '\u0301', 'è': '\u0300', 'ú': '\u0309', 'ü': '\u0303', 'ë': '\u0323' };
// Single characters that stand for a whole letter in VNI.
const VNI_SINGLE: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
  'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ', 'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị', 'Î': 'Ỵ',
};
const VNI_VOWELS = new Set([...'aeouyAEOUY', 'ơ', 'ư', 'Ơ', 'Ư']);

// Every VNI two-character sequence (base + modifier, as read through Windows-1252) → letter,
// keyed by the two UTF-16 code units.
const VNI_PAIRS = (() => {
  const map = new Map<number, number>();
  const bases: Array<[string, string]> = [];
  for (const v of 'aeouyAEOUY') bases.push([v, v]);
  for (const [k, v] of [['ô', 'ơ'], ['ö', 'ư'], ['Ô', 'Ơ'], ['Ö', 'Ư']] as const) bases.push([k, v]);
  const cases = (t: Record<string, string>) => Object.entries(t).flatMap(([m, mark]) => [[m, mark], [m.toUpperCase(), mark]] as Array<[string, string]>);
  for (const [printed, letter] of bases) {
    const lower = letter.toLowerCase();
    const upper = letter !== lower;
    const add = (mod: string, composed: string) => {
      // A lower-case base takes only lower-case modifiers; an upper-case base takes either.
      if (!upper && mod !== mod.toLowerCase()) return;
      const key = printed.charCodeAt(0) * 0x10000 + mod.charCodeAt(0);
      if (!map.has(key)) map.set(key, composed.normalize('NFC').charCodeAt(0));
    };
    if (lower === 'a' || lower === 'e' || lower === 'o') for (const [m, mark] of cases(VNI_CIRC)) add(m, letter + '\u0302' + mark);
    if (lower === 'a') for (const [m, mark] of cases(VNI_BREVE)) add(m, letter + '\u0306' + mark);
    for (const [m, mark] of cases(VNI_TONES)) add(m, letter + mark);
  }
  return map;
})();
const VNI_SINGLE_CODES = new Map<number, number>(Object.entries(VNI_SINGLE).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
const TCVN3_CODES = (() => {
  const t = new Uint16Array(0x100);
  for (let c = 0; c < 0x100; c++) t[c] = c;
  for (let i = 0; i < TCVN3_HIGH.length; i++) t[0xa0 + i] = TCVN3_HIGH.charCodeAt(i);
  return t;
})();
const UTF16 = new TextDecoder('utf-16le');

export interface Converted {
  text: string;
  /** For each output character index, the index in the input it came from (length text.length + 1). */
  origin: Int32Array;
}

/**
 * Converts a Windows-1252 reading of legacy bytes into Unicode, keeping an origin map. TCVN3's
 * combining tone marks (0xB0–0xB4) are left for the NFC step to compose.
 */
export function convertLegacy(input: string, encoding: LegacyEncoding): Converted {
  const out = new Uint16Array(input.length);
  const origin = new Int32Array(input.length + 1);
  let k = 0;
  if (encoding === 'tcvn3') {
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      out[k] = c < 0x100 ? TCVN3_CODES[c]! : c;
      origin[k++] = i;
    }
  } else {
    for (let i = 0; i < input.length; ) {
      const c = input.charCodeAt(i);
      const pair = i + 1 < input.length ? VNI_PAIRS.get(c * 0x10000 + input.charCodeAt(i + 1)) : undefined;
      if (pair !== undefined) {
        out[k] = pair;
        origin[k++] = i;
        i += 2;
        continue;
      }
      out[k] = VNI_SINGLE_CODES.get(c) ?? c;
      origin[k++] = i++;
    }
  }
  origin[k] = input.length;
  const joined = UTF16.decode(out.subarray(0, k));
  const text = encoding === 'tcvn3' ? restoreCapitals(joined) : joined;
  return { text, origin: origin.slice(0, k + 1) };
}

// .VnTimeH fonts draw every letter as a capital, so lines typed in them store lower-case
// codes: "CéNG HßA" decodes to "CộNG HòA", and a heading typed all in lower case decodes to
// "thoả thuận hợp tác". What was printed was capitals: restore them, line by line, where the
// line is a heading (ASCII letters all capitals, or no capital at all in a short line that does
// not continue a sentence). Same length, same offsets.
function isAllCapsAscii(line: string): boolean {
  const ascii = line.match(/[A-Za-z]/g) ?? [];
  return ascii.length >= 3 && ascii.filter((c) => c >= 'A' && c <= 'Z').length / ascii.length >= 0.8;
}

function restoreCapitals(s: string): string {
  const lines = s.split('\n');
  let prev = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      prev = '';
      continue;
    }
    const continues = prev.trim().length >= 50 && !/[.:;!?]\s*$/.test(prev) && /\p{Ll}/u.test(prev) && !isAllCapsAscii(prev);
    // Two-column lines ("TỈNH HÀ TĨNH      Độc lập - Tự do …") are judged column by column.
    lines[i] = line.replace(/[^\t]+?(?=\s{3,}|\t|$)/g, (cell) => (isHeadingCell(cell, continues) ? upperSameLength(cell) : cell));
    prev = line;
  }
  return lines.join('\n');
}

function isHeadingCell(cell: string, continues: boolean): boolean {
  const text = cell.trim();
  if (text.length < 2) return false;
  if (isAllCapsAscii(text)) return true;
  return !/\p{Lu}/u.test(text) && /\p{L}{2}/u.test(text) && text.length <= 90 && !continues && !/[.;,]\s*$/.test(text);
}

function upperSameLength(s: string): string {
  const up = s.toUpperCase();
  return up.length === s.length ? up : s;
}

/** Reads bytes as Windows-1252 (what an editor did to make the mojibake). */
export function readAsCp1252(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    s += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_80[b - 0x80]! : b);
  }
  return s;
}

export interface VietnameseScore {
  /** Share of word tokens that are Vietnamese syllables. */
  syllables: number;
  /** Share of letters that only Vietnamese uses. */
  vietnameseLetters: number;
  /** Share of characters that look like legacy-encoding debris. */
  debris: number;
  words: number;
}

// Characters that TCVN3/VNI leave behind when read as Windows-1252/Latin-1.
const DEBRIS = /[¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÆÏÑØÙÛÜÕ×ÞßæïñøùûüõþÐð÷]/g;

/** How Vietnamese a text looks: used to choose among candidate decodings. */
export function scoreVietnamese(text: string): VietnameseScore {
  // A few thousand characters decide an encoding as well as the whole text does.
  const sample = text.length > 3_000 ? text.slice(0, 3_000) : text;
  const words = sample.match(/[\p{L}\p{M}]+/gu) ?? [];
  let syllables = 0;
  let letters = 0;
  let vnLetters = 0;
  for (const w of words) {
    if (isVietnameseSyllable(w)) syllables++;
    for (const ch of w) {
      letters++;
      if (isVietnameseOnlyLetter(ch)) vnLetters++;
    }
  }
  const debris = (sample.match(DEBRIS) ?? []).length;
  return {
    syllables: words.length ? syllables / words.length : 0,
    vietnameseLetters: letters ? vnLetters / letters : 0,
    debris: sample.length ? debris / sample.length : 0,
    words: words.length,
  };
}

/** One number that grows with how Vietnamese a text reads. */
export function vietnameseness(s: VietnameseScore): number {
  return s.syllables + 2 * s.vietnameseLetters - 4 * s.debris;
}

export interface LegacyDetection {
  encoding: LegacyEncoding | null;
  score: number;
}

/**
 * Decides whether a Windows-1252-range string is TCVN3 or VNI text (raw or mojibake).
 * Returns null when the text reads better as it is.
 */
export function detectLegacy(text: string): LegacyDetection {
  const sample = text.length > 4_000 ? text.slice(0, 4_000) : text;
  // Only text confined to the Windows-1252 repertoire can be a reading of legacy bytes.
  if (!isCp1252Repertoire(sample)) return { encoding: null, score: 0 };
  const asIs = vietnameseness(scoreVietnamese(sample));
  let best: LegacyDetection = { encoding: null, score: asIs };
  for (const enc of ['tcvn3', 'vni'] as const) {
    const converted = convertLegacy(sample, enc).text;
    const score = vietnameseness(scoreVietnamese(converted));
    if (score > best.score + 0.15) best = { encoding: enc, score };
  }
  return best;
}

function isCp1252Repertoire(s: string): boolean {
  let outside = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff && cp1252Byte(s[i]!) < 0) {
      outside++;
      if (outside > s.length / 200 + 2) return false;
    }
  }
  return true;
}
