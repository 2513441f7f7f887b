// Text repair with offset maps: Unicode NFC, and the line damage that PDF export, OCR and
// copy-paste leave (hard wraps inside paragraphs, words hyphen-broken at line ends, page
// numbers between pages, stray control characters). Printed spelling is never changed here.

import { TextBuilder, type Origin } from './offsets.js';
import { splitLines, type TextLine as Line } from './lines.js';
import { isUpperText, isVietnameseSyllable } from './vietnamese.js';

export interface Repaired {
  text: string;
  origin: Origin;
  /** What was changed, for the record's messages. */
  changes: { joinedLines: number; dehyphenated: number; droppedPageMarks: number };
}

/** NFC with an origin map (composed characters point at the first code unit of their cluster). */
export function toNfc(s: string): { text: string; origin: Origin } {
  const b = new TextBuilder();
  if (s.normalize('NFC') === s) {
    b.copy(s, 0, s.length);
    return b.finish(s.length);
  }
  let i = 0;
  const clusterRe = /\P{M}\p{M}+|\p{M}+/gu;
  for (const m of s.matchAll(clusterRe)) {
    const start = m.index!;
    b.copy(s, i, start);
    const nfc = m[0].normalize('NFC');
    if (nfc === m[0]) b.copy(s, start, start + m[0].length);
    else b.replace(nfc, start, start + m[0].length);
    i = start + m[0].length;
  }
  b.copy(s, i, s.length);
  return b.finish(s.length);
}

const PAGE_MARK = /^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|trang\s+\d{1,3}(?:\s*(?:\/|trên)\s*\d{1,3})?|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|\d{1,3}\s*\/\s*\d{1,3})\s*$/i;
const LONE_NUMBER = /^\s*\d{1,3}\s*$/;
// A line that starts a new unit and must never be glued to the line before it.
const STARTS_UNIT =
  /^\s*(?:[-–+•*·]|[IVXLC]+[.)]\s|\d+(?:\.\d+)*[.)]?\s|[a-zđ][).]\s|điều\s+\d|chương\s|phần\s|mục\s+\d|căn cứ|nơi nhận|kính gửi|\||#|\*\*)/i;
const NUMBER_GOES_ON = /^\s*(?!\d+(?:\.\d+)*[.)]\s)\d[\d.,]*\s+[a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/u;
/** An amount in thousands ("1.050.000 USD"): never a list label, whatever follows it. */
const GROUPED_AMOUNT = /^\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?(?:\s|$)/;
const AMOUNT_LINE = /^\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?\s*(?:USD|VNĐ|VND|EUR|đồng)?\s*[.;]?\s*$/iu;
const LOWER_START = /^\s*[a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/;

/**
 * Repairs line structure. Lines are joined only where the evidence is strong: the first line
 * is a body line that does not end a sentence, and the next one continues it in lower case (or,
 * in a hard-wrapped document, does not start a new unit).
 */
export function repairLines(input: string): Repaired {
  const s = input.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
  // Keep offsets 1:1 with `input` so far: CRLF became " \n" (same length); the space is trimmed below.
  const lines = splitLines(s);
  const wrapWidth = hardWrapWidth(lines);
  const changes = { joinedLines: 0, dehyphenated: 0, droppedPageMarks: 0 };
  const b = new TextBuilder();
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    // Page marks are short lines: skip the patterns for anything longer.
    if (lines[i]!.text.trim().length > 24) continue;
    if (PAGE_MARK.test(lines[i]!.text) && !/^\s*\d{1,3}\s*\/\s*\d{1,3}\s*$/.test(lines[i]!.text) || isPageNumberBetween(lines, i)) {
      drop.add(i);
      changes.droppedPageMarks++;
    } else if (/^\s*\d{1,3}\s*\/\s*\d{1,3}\s*$/.test(lines[i]!.text) && isBetweenPages(lines, i)) {
      drop.add(i);
      changes.droppedPageMarks++;
    }
  }
  let i = 0;
  while (i < lines.length) {
    if (drop.has(i)) {
      i++;
      continue;
    }
    const line = lines[i]!;
    const [cStart, cEnd] = contentBounds(s, line);
    // The next line that is not blank or a dropped page mark decides whether to join.
    let blanks = 0;
    let droppedMark = false;
    let k = i + 1;
    while (k < lines.length && (lines[k]!.text.trim() === '' || drop.has(k))) {
      if (drop.has(k)) droppedMark = true;
      else blanks++;
      k++;
    }
    const next = lines[k];
    // Blank lines around a removed page mark are the page break, not a paragraph break.
    const join = next ? joinKind(s.slice(cStart, cEnd), next.text, droppedMark ? Math.min(blanks, 1) : blanks, wrapWidth) : 'none';
    if (join === 'none' || !next) {
      emitClean(b, s, cStart, cEnd);
      if (line.end < s.length) b.replace('\n', line.end, line.end + 1);
      i++;
      continue;
    }
    const [nStart] = contentBounds(s, { ...next, start: next.start + (next.text.length - next.text.trimStart().length) });
    if (join === 'dehyphen') {
      emitClean(b, s, cStart, cEnd - 1);
      b.replace('', cEnd - 1, nStart);
      changes.dehyphenated++;
    } else {
      emitClean(b, s, cStart, cEnd);
      b.replace(' ', cEnd, nStart);
    }
    changes.joinedLines++;
    // Continue with the rest of `next` as the current line.
    lines[k] = { start: nStart, end: next.end, text: s.slice(nStart, next.end) };
    i = k;
  }
  const out = b.finish(input.length);
  return { ...out, changes };
}

function contentBounds(s: string, line: Line): [number, number] {
  const a = line.start;
  let e = line.end;
  while (e > a && /[ \t\u00a0]/.test(s[e - 1]!)) e--;
  return [a, e];
}

// Copies a line, mapping NBSP to space and dropping zero-width characters and soft hyphens.
function emitClean(b: TextBuilder, s: string, start: number, end: number): void {
  let run = start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xa0 || c === 0x202f) {
      b.copy(s, run, i);
      b.replace(' ', i, i + 1);
      run = i + 1;
    } else if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff || c === 0x00ad || c === 0x0c) {
      b.copy(s, run, i);
      if (c === 0x0c) b.replace('\f', i, i + 1); // form feed separates pages: keep it
      run = i + 1;
    }
  }
  b.copy(s, run, end);
}

type JoinKind = 'none' | 'space' | 'dehyphen';

function joinKind(current: string, next: string, blanks: number, wrapWidth: number | null): JoinKind {
  const cur = current.trimEnd();
  if (!cur || !next.trim()) return 'none';
  // "Kinh phí dự kiến:" / "1.050.000 USD.": an amount alone on the line after a colon is its value.
  if (blanks === 0 && cur.endsWith(':') && cur.length >= 45 && AMOUNT_LINE.test(next)) return 'space';
  // Most lines end a sentence: decide that first, before the costlier tests.
  const last = cur.charCodeAt(cur.length - 1);
  if (last === 0x2e || last === 0x3a || last === 0x3b || last === 0x21 || last === 0x3f || last === 0x2026) return 'none';
  if (/\f/.test(cur) || /\f/.test(next)) return 'none';
  if (isUpperText(cur) && cur.length < 90) return 'none';
  // A two-column line (header or signature columns flattened with wide gaps) is not prose.
  if (/\S(?: {4,}|\t)\S/.test(cur)) return 'none';
  if (/[.:;!?…]["”’)]*$/.test(cur)) return 'none';
  // A figure wrapped to the start of the next line ("… (tổng cộng" / "60 suất học bổng …"): a
  // number without a label's period, then a word in lower case, or an amount in thousands
  // ("… với tổng kinh phí" / "1.050.000 USD."), goes on with the sentence.
  if (blanks === 0 && cur.length >= 45 && /[\p{L}\d,(]$/u.test(cur) && (NUMBER_GOES_ON.test(next) || GROUPED_AMOUNT.test(next))) return 'space';
  if (STARTS_UNIT.test(next)) return 'none';
  // A word broken at the line end: "chuyển giao kỹ thu-" + "ật …".
  const hy = /(\p{L}+)-$/u.exec(cur);
  if (hy && blanks === 0 && LOWER_START.test(next)) {
    const nextWord = /^\s*(\p{L}+)/u.exec(next)?.[1] ?? '';
    const joined = hy[1]! + nextWord;
    if (isVietnameseSyllable(joined) || (/^[a-z]+$/i.test(joined) && !isVietnameseSyllable(nextWord))) return 'dehyphen';
    return 'none';
  }
  const lower = LOWER_START.test(next);
  const longBody = cur.length >= 45 && !isUpperText(cur);
  if (blanks === 0) {
    if (lower && longBody) return 'space';
    if (wrapWidth && cur.length >= wrapWidth * 0.72 && !isUpperText(next) && /[\p{L}\d,]$/u.test(cur)) {
      // A line that ends where the next line's first word would still have fitted was ended on
      // purpose (a title over its first paragraph), not wrapped.
      const firstWord = /^\s*(\S+)/u.exec(next)?.[1] ?? '';
      if (!lower && cur.length + 1 + firstWord.length <= wrapWidth * 0.88) return 'none';
      return 'space';
    }
    return 'none';
  }
  // Across one blank line only a clear mid-sentence split is joined ("cầm tay chỉ" / "việc cho …").
  if (blanks === 1 && lower && longBody && /[\p{L}\d,]$/u.test(cur)) return 'space';
  return 'none';
}

/** If most long lines end near one width, the text was hard-wrapped at that width. */
function hardWrapWidth(lines: Line[]): number | null {
  // Prose lines only: a line of parts set apart by runs of spaces (a header, a table) is not wrapped.
  const lens = lines.filter((l) => !/\S(?: {4,}|\t)\S/.test(l.text)).map((l) => l.text.trim().length).filter((n) => n >= 30);
  if (lens.length < 12) return null;
  const sorted = [...lens].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
  if (p90 > 110) return null;
  const near = lens.filter((n) => n >= p90 * 0.8 && n <= p90 * 1.05).length;
  return near / lens.length > 0.45 ? p90 : null;
}

function isPageNumberBetween(lines: Line[], i: number): boolean {
  if (!LONE_NUMBER.test(lines[i]!.text)) return false;
  let p = i - 1;
  while (p >= 0 && lines[p]!.text.trim() === '') p--;
  let n = i + 1;
  while (n < lines.length && lines[n]!.text.trim() === '') n++;
  if (p < 0 || n >= lines.length) return false;
  const prev = lines[p]!.text.trimEnd();
  const next = lines[n]!.text;
  // A bare number between a sentence that has not ended and its continuation is a page number.
  return prev.length >= 30 && !/[.:;!?]$/.test(prev) && !STARTS_UNIT.test(next) && !/^\s*\d/.test(next);
}

function isBetweenPages(lines: Line[], i: number): boolean {
  return i > 0 && i < lines.length - 1;
}
