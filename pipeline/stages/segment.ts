// Segment stage: finds the regions of a Nghị định 30/2020 document (header organs, quốc hiệu,
// số/ký hiệu, place–date line, tên loại + trích yếu, căn cứ, body outline, signature blocks,
// Nơi nhận), the incoming-mail stamp of a receiving office, news items (headline, article,
// site furniture after it) and the language of each part of a bilingual text. Every region is
// a span of the normalized text.

import { DOC_KINDS, organStartAt, type DocType } from '../text/lexicon.js';
import { foldKeepOffsets, isUpperText } from '../text/vietnamese.js';
import { findClosing, type Closing } from '../segment/closing.js';
import { buildOutline, type Section } from '../segment/outline.js';
import { buildUnits, maskMarkup, type Lang, type Span, type Unit } from '../segment/units.js';
import { detectTables, type TableRegion } from '../segment/tables.js';

export type { Unit, Span, Section, Lang };
export type { SignatureBlock } from '../segment/closing.js';

export interface DocKindUnit {
  unit: Unit;
  type: DocType;
  /** Length of the tên loại inside the unit ("KẾ HOẠCH" in "KẾ HOẠCH HỢP TÁC …"). */
  kindLength: number;
}

export interface Segmented {
  text: string;
  /** The text with markdown markers blanked (same offsets). */
  masked: string;
  /** Folded masked text (same offsets). */
  folded: string;
  units: Unit[];
  /** Tables, and the unit indexes that are rows of one. */
  tables: TableRegion[];
  tableUnits: Set<number>;
  /** Units of the main (Vietnamese) part, and of a parallel English part if any. */
  mainRange: [number, number];
  englishRange: [number, number] | null;
  header: {
    end: number; // unit index where the header ends (exclusive)
    organs: Unit[];
    quocHieu: Unit | null;
    tieuNgu: Unit | null;
    /** Every quốc hiệu line (a two-country header has one per side). */
    nationalLines: Unit[];
    number: Unit | null;
    stamp: Unit[];
    dateLine: Unit | null;
  };
  title: { kind: DocKindUnit | null; summary: Unit[]; vv: Unit[] };
  /** QĐ/NQ: the line naming the authority that decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"). */
  authorityLine: Unit | null;
  canCu: Unit[];
  body: { start: number; end: number; outline: Section[] };
  closing: Closing;
  news: { headline: Unit | null; articleEnd: number } | null;
}

/** The start of a quốc hiệu whose end wrapped onto the next line, and that end. */
const QUOC_HIEU_START = /^(?:nuoc\s+)?cong\s*h[o0]a\s*x[a@]\s*h[o0]i(?:\s|$)/;
/** A piece of a quốc hiệu wrapped in a narrow column ("NƯỚC CỘNG" / "HOÀ XÃ HỘI" / "CHỦ NGHĨA"). */
const QUOC_HIEU_WORDS = /^(?:(?:nuoc|cong|hoa|xa|hoi|chu|nghia|viet|nam|dan|nhan|lao)(?:\s+|$))+$/;
const QUOC_HIEU_END = /^(?:(?:xa\s+hoi\s+)?chu\s+nghia\s+)?(?:viet\s+)?nam$/;
const QUOC_HIEU = /cong\s*h[o0]a\s*x[a@]\s*h[o0]i\s*chu\s*ngh[il]a\s*v[il][e3]t\s*nam|cong hoa dan chu nhan dan lao|vuong quoc cam ?pu ?chia|kingdom of cambodia|lao people.s democratic republic|socialist republic of viet ?nam|republica de cuba|republic of cuba/;
const TIEU_NGU = /doc\s*lap\s*[-–—]?\s*tu\s*do\s*[-–—]?\s*hanh\s*phuc|hoa binh\s*[-–—]?\s*doc lap|dan toc\s*[-–—]?\s*ton giao|independence\s*[-–—]\s*freedom|peace\s*[-–—]\s*independence|nation\s*[-–—]\s*religion|patria o muerte/;
export const NUMBER_LINE = /^(?:so|s6|s0)\s*[:;.]\s*|^so\s+(?=[0-9ol]{1,6}\s*\/)|^number\s*:\s*|^no\.\s*(?=\d)/;
const DATE_LINE = /ng[a-z]{1,2}y\s*[0-9ol]{1,2}\s*(?:th[a-z]{2,3}g?|\/)\s*[0-9ol]{1,2}\s*(?:n[a-z]{1,2}m|\/)\s*[0-9ol]{4}|ng[a-z]{1,2}y\s*[0-9ol]{1,2}\s*[/.-]\s*[0-9ol]{1,2}\s*[/.-]\s*[0-9ol]{4}/;
const STAMP_FIELD = /^(?:ngay|ngày)\s*[:;]|^(?:chuyen|chuyển|chuyên)\s*[:;]?|^luu ho so|^(?:cong van )?den\b|^den\s*$|^so den/;
const BODY_START = /^(?:can cu|xet de nghi|theo de nghi|thuc hien|trien khai|kinh gui|hom nay|chung toi|hai ben|ben a|the parties|we,|whereas|pursuant)/;
const RULE_LINE = /^[-_=*–—.·]{3,}$/;
const NEWS_JUNK =
  /^(?:tin lien quan|cung chuyen muc|cac tin khac|tin khac|xem them|bai viet lien quan|tin cung chuyen muc|doc them|tags?\s*:|tu khoa\s*:?|chia se|binh luan|y kien ban doc|adblock|tin moi|tin doc nhieu|tin noi bat|bai lien quan|in bai viet|gui bai viet|dang ky nhan tin|ban dang xem|quay lai)/;
const AUTHORITY_LINE = /^(?:chu tich|pho chu tich|giam doc|bo truong|thu truong|hieu truong|vien truong|cuc truong|vu truong|tong giam doc|truong ban|uy ban nhan dan|hoi dong nhan dan|ban thuong vu|thu tuong)\b/;

/** Runs the segmenter on normalized text. */
export function segment(text: string): Segmented {
  const masked = maskMarkup(text);
  const folded = foldKeepOffsets(masked);
  const units = buildUnits(text, masked, folded);
  const tables = detectTables(text);
  const tableUnits = findTableUnits(units, tables);
  const [mainRange, englishRange] = languageRanges(units);
  const [from, to] = mainRange;

  const header = findHeader(units, from, to);
  const title = findTitle(units, header.end, to, header);
  let cursor = Math.max(header.end, lastIndex(units, [title.kind?.unit, ...title.summary, ...title.vv]) + 1);
  // A QĐ names its deciding authority after the trích yếu.
  let authorityLine: Unit | null = null;
  if (title.kind && (title.kind.type === 'quyet_dinh' || title.kind.type === 'nghi_quyet')) {
    for (let i = cursor; i < Math.min(to, cursor + 4); i++) {
      const u = units[i]!;
      if (/^(?:can cu|xet|dieu\s+\d|quyet dinh\s*:)/.test(u.fold)) break;
      // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …": a position with the organ it heads.
      if (u.upper && AUTHORITY_LINE.test(u.fold) && u.text.split(/\s+/).length >= 4) {
        authorityLine = u;
        cursor = i + 1;
        break;
      }
    }
  }
  const canCu: Unit[] = [];
  let bodyStartIdx = cursor;
  for (let i = cursor; i < to; i++) {
    const u = units[i]!;
    if (/^(?:can cu|xet de nghi|theo de nghi|xet to trinh)/.test(u.fold) || (canCu.length > 0 && /^[-–+]\s/.test(u.text) && i === indexOf(units, canCu[canCu.length - 1]!) + 1)) {
      canCu.push(u);
      bodyStartIdx = i + 1;
      continue;
    }
    // "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" separates the preamble from the operative part.
    if (/^(?:quyet dinh|quyet nghi|thong nhat|dong y)\s*:\s*$/.test(u.fold.trim())) {
      bodyStartIdx = i + 1;
      break;
    }
    if (canCu.length > 0 || i > cursor + 2) break;
  }
  const closing = findClosing(units, bodyStartIdx, to);
  const bodyEndIdx = closing.start;
  const bodyEndOffset = bodyEndIdx < units.length ? units[bodyEndIdx]!.start : text.length;
  const bodyStartOffset = bodyStartIdx < units.length ? units[bodyStartIdx]!.start : text.length;

  const isAdministrative = Boolean(header.quocHieu || header.number || title.kind || header.dateLine || title.vv.length);
  const news = isAdministrative ? null : findNews(units, from, to);
  const articleEndIdx = news ? news.articleEnd : bodyEndIdx;
  const outlineFrom = news?.headline ? indexOf(units, news.headline) + 1 : bodyStartIdx;
  const outlineEnd = news ? (articleEndIdx < units.length ? units[articleEndIdx]!.start : text.length) : bodyEndOffset;
  const viChars = units.reduce((n, u) => n + (u.lang === 'vi' ? u.text.length : 0), 0);
  const enChars = units.reduce((n, u) => n + (u.lang === 'en' ? u.text.length : 0), 0);
  const outline = buildOutline(units, outlineFrom, news ? articleEndIdx : bodyEndIdx, outlineEnd, tableUnits, viChars > enChars);

  return {
    text,
    masked,
    folded,
    units,
    tables,
    tableUnits,
    mainRange,
    englishRange,
    header,
    title,
    authorityLine,
    canCu,
    body: { start: news ? (units[outlineFrom]?.start ?? text.length) : bodyStartOffset, end: news ? outlineEnd : bodyEndOffset, outline },
    closing: news ? { start: articleEndIdx, signatures: closing.signatures.filter(() => false), recipients: [], noiNhan: null } : closing,
    news,
  };
}

function lastIndex(units: Unit[], picks: Array<Unit | undefined>): number {
  let best = -1;
  for (const p of picks) if (p) best = Math.max(best, indexOf(units, p));
  return best;
}

export function indexOf(units: Unit[], u: Unit): number {
  // Units are sorted by start offset: binary search.
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = units[mid]!;
    if (m.start === u.start) return mid;
    if (m.start < u.start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Units that lie in a table row. */
function findTableUnits(units: Unit[], tables: TableRegion[]): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (tables.some((t) => u.start >= t.start && u.start < t.end)) set.add(i);
  }
  return set;
}

/**
 * A bilingual MOU holds a Vietnamese text and an English one, one after the other. The main
 * range is the Vietnamese part; the English range, if long enough, is returned separately.
 */
function languageRanges(units: Unit[]): [[number, number], [number, number] | null] {
  const all: [number, number] = [0, units.length];
  const enChars = units.filter((u) => u.lang === 'en').reduce((n, u) => n + u.text.length, 0);
  const total = units.reduce((n, u) => n + u.text.length, 0);
  if (enChars < 600 || enChars / total < 0.2) return [all, null];
  // Find the longest run dominated by English and the one dominated by Vietnamese.
  const runs: Array<{ lang: Lang; from: number; to: number; chars: number }> = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    const lang = u.lang === 'other' ? 'vi' : u.lang;
    const last = runs[runs.length - 1];
    if (last && last.lang === lang) {
      last.to = i + 1;
      last.chars += u.text.length;
    } else if (last && u.text.length < 25) {
      last.to = i + 1;
    } else runs.push({ lang, from: i, to: i + 1, chars: u.text.length });
  }
  // Merge short interruptions.
  const merged: typeof runs = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && (last.lang === r.lang || r.chars < 120)) {
      last.to = r.to;
      if (last.lang === r.lang) last.chars += r.chars;
    } else merged.push({ ...r });
  }
  // Paragraph-by-paragraph bilingual text: no part to cut out; English units stay marked.
  if (merged.length > 4) return [all, null];
  const vi = merged.filter((r) => r.lang === 'vi').sort((a, b) => b.chars - a.chars)[0];
  const en = merged.filter((r) => r.lang === 'en').sort((a, b) => b.chars - a.chars)[0];
  if (!vi || !en) return [all, null];
  // The Vietnamese part starts at the top when all that comes before it is Vietnamese or a few
  // English lines (a bilingual header and title read back from a scan: "KIEN GIANG PROVINCIAL
  // GENERAL HOSPITAL", "between … and …").
  let from = vi.from;
  const before = merged.filter((r) => r.to <= vi.from);
  if (vi.from < en.from && before.every((r) => r.lang === 'vi' || r.to - r.from <= 3)) from = 0;
  return [[from, vi.to], [en.from, en.to]];
}

function findHeader(units: Unit[], from: number, to: number): Segmented['header'] {
  const header: Segmented['header'] = { end: from, organs: [], quocHieu: null, tieuNgu: null, nationalLines: [], number: null, stamp: [], dateLine: null };
  const limit = Math.min(to, from + 40);
  let lastHeaderIdx = from - 1;
  for (let i = from; i < limit; i++) {
    const u = units[i]!;
    const f = u.fold;
    // A quốc hiệu wrapped in a narrow column: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM".
    const last = header.nationalLines[header.nationalLines.length - 1];
    const fragment = u.upper && QUOC_HIEU_WORDS.test(f.trim());
    if (last && !QUOC_HIEU.test(last.fold) && ((u.upper && QUOC_HIEU_END.test(f.trim())) || (fragment && !/^(?:nuoc|cong)\b/.test(f.trim())))) {
      lastHeaderIdx = i;
      continue;
    }
    if (QUOC_HIEU.test(f) || QUOC_HIEU_START.test(f.trimStart()) || (fragment && /^(?:nuoc\s+)?cong\b/.test(f.trim()))) {
      header.quocHieu ??= u;
      header.nationalLines.push(u);
      lastHeaderIdx = i;
      continue;
    }
    if (TIEU_NGU.test(f)) {
      header.tieuNgu ??= u;
      lastHeaderIdx = i;
      continue;
    }
    // "CÔNG VĂN ĐẾN" heads a receiving office's stamp.
    if (/^(?:cong van den|van ban den|den)\s*$/.test(f.trim())) {
      const prev = i > from ? units[i - 1]! : null;
      if (prev && header.organs.includes(prev) && prev.line >= u.line - 2 && (header.quocHieu || header.tieuNgu)) {
        header.organs = header.organs.filter((o) => o !== prev);
        header.stamp.push(prev);
      }
      header.stamp.push(u);
      lastHeaderIdx = i;
      continue;
    }
    if (NUMBER_LINE.test(f.trimStart())) {
      if (isStamp(units, i)) {
        const stampEnd = stampExtent(units, i, limit);
        const prev = i > from ? units[i - 1]! : null;
        // The receiving office's name sits right above its stamp, after the quốc hiệu block.
        const organ =
          prev && prev.upper && header.organs.includes(prev) && (header.quocHieu || header.dateLine) && u.line - prev.line <= 2 && indexOf(units, prev) > indexOf(units, header.quocHieu ?? header.dateLine!)
            ? [prev]
            : [];
        header.stamp.push(...organ, ...units.slice(i, stampEnd));
        if (organ.length) header.organs = header.organs.filter((o) => o !== organ[0]);
        lastHeaderIdx = Math.max(lastHeaderIdx, stampEnd - 1);
        i = stampEnd - 1;
        continue;
      }
      if (!header.number) {
        header.number = u;
        lastHeaderIdx = i;
        // The place–date line may share the line (a cell) or the unit.
        if (!header.dateLine && DATE_LINE.test(f)) header.dateLine = u;
        continue;
      }
    }
    if (!header.dateLine && isDateLine(u)) {
      header.dateLine = u;
      lastHeaderIdx = i;
      continue;
    }
    if (isDocKind(u)) break;
    // An organ line opens with an organ's name; a line that does not continues the one above
    // ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG").
    if (u.upper && u.text.length < 120 && !RULE_LINE.test(u.text) && (organStartAt(u.text) || header.organs.length > 0)) {
      header.organs.push(u);
      lastHeaderIdx = i;
      continue;
    }
    if (RULE_LINE.test(u.text.replace(/\s+/g, ''))) continue;
    if (/^(?:v\/v|v\/\s*v)\b/.test(f)) continue;
    if (/^kinh gui/.test(f)) break;
    // Ordinary text ends the header unless more header landmarks follow closely.
    if (!u.upper && u.text.length > 60) break;
  }
  header.end = lastHeaderIdx + 1;
  // Organ lines come before the quốc hiệu column or beside it; drop organ candidates that
  // follow the date line and are not near the top (they are titles of other things).
  return header;
}

/** The place–date line: short, or "<place>, ngày …" at its start. */
function isDateLine(u: Unit): boolean {
  const m = DATE_LINE.exec(u.fold);
  if (!m || /^(?:can cu|thuc hien|trien khai)/.test(u.fold)) return false;
  // "<Place>, ngày …" — or a date alone; not a sentence that starts with a date ("Ngày 5/3, …").
  if (/^[^,\d]{2,50},\s*ng[a-z]{1,2}y\s/.test(u.fold)) return true;
  const rest = u.fold.slice(m.index + m[0].length).trim();
  return u.text.length < 90 && rest.length <= 2;
}

/** A receiving office's stamp: "Số: 7790 / Ngày: 09/4/2024 / Chuyển: / Lưu hồ sơ số:". */
function isStamp(units: Unit[], i: number): boolean {
  const u = units[i]!;
  const f = u.fold.trimStart();
  const value = f.replace(NUMBER_LINE, '');
  const hasSymbol = /\//.test(value) && /[a-z]/.test(value.split('/').slice(1).join('/'));
  let fields = 0;
  for (let k = i + 1; k < Math.min(units.length, i + 5); k++) if (STAMP_FIELD.test(units[k]!.fold.trimStart())) fields++;
  for (let k = Math.max(0, i - 2); k < i; k++) if (/^(?:cong van )?den\b|^den\s*$/.test(units[k]!.fold.trim())) fields++;
  if (/ngay\s*[:;]/.test(value)) fields++;
  return (fields >= 1 && !hasSymbol) || fields >= 2;
}

function stampExtent(units: Unit[], i: number, limit: number): number {
  let k = i + 1;
  while (k < limit && (STAMP_FIELD.test(units[k]!.fold.trimStart()) || /^(?:luu|chuyen)/.test(units[k]!.fold)) && units[k]!.text.length < 60) k++;
  return k;
}

export function docKindOf(u: Unit): DocKindUnit | null {
  const f = u.fold.replace(/^\s+/, '');
  for (const { kind, type } of DOC_KINDS) {
    if (f.startsWith(kind) && (f.length === kind.length || /[^a-z]/.test(f[kind.length]!))) {
      return { unit: u, type, kindLength: kind.length + (u.fold.length - f.length) };
    }
  }
  return null;
}

/** A tên loại line: in capitals, or capitals followed by the trích yếu on the same line
 * ("KẾ HOẠCH Triển khai thỏa thuận …"). */
function isDocKind(u: Unit): boolean {
  const kind = docKindOf(u);
  if (!kind || u.text.length >= 300) return false;
  if (u.upper) return true;
  const head = u.text.slice(0, kind.kindLength);
  return isUpperText(head) && /^\s+\p{Lu}[\p{Ll}\p{M}]/u.test(u.text.slice(kind.kindLength));
}

function findTitle(units: Unit[], from: number, to: number, header: Segmented['header']): Segmented['title'] {
  const title: Segmented['title'] = { kind: null, summary: [], vv: [] };
  // Công văn: "V/v …" under the number, before "Kính gửi".
  for (let i = Math.max(0, from - 8); i < Math.min(to, from + 6); i++) {
    const u = units[i]!;
    if (/^(?:v\/\s*v|v\.v|ve viec)\s*[:.]?\s*\S/.test(u.fold) && (header.number || i < 25)) {
      title.vv.push(u);
      for (let k = i + 1; k < Math.min(to, i + 4); k++) {
        const n = units[k]!;
        if (n.blankBefore || /^(?:kinh gui|can cu|cong hoa|doc lap|so\s*:)/.test(n.fold) || DATE_LINE.test(n.fold) || n.upper) break;
        if (n.col < u.col - 2 && n.cells === 1 && n.col === 0 && u.col > 0) break;
        title.vv.push(n);
      }
      break;
    }
  }
  const limit = Math.min(to, from + 30);
  for (let i = from; i < limit; i++) {
    const u = units[i]!;
    if (!isDocKind(u)) continue;
    const kind = docKindOf(u)!;
    title.kind = kind;
    // Trích yếu: the lines that follow, until a blank line after at least one, or a body start.
    let blanks = 0;
    for (let k = i + 1; k < Math.min(to, i + 8); k++) {
      const n = units[k]!;
      if (n.blankBefore && title.summary.length > 0) break;
      if (n.blankBefore) blanks++;
      if (blanks > 1) break;
      if (RULE_LINE.test(n.text.replace(/\s+/g, ''))) break;
      // "Triển khai …", "Thực hiện …" open a trích yếu as often as a body: only after the first line.
      if (/^(?:can cu|kinh gui|xet de nghi|theo de nghi)/.test(n.fold) || (title.summary.length > 0 && BODY_START.test(n.fold)) || /^(?:quyet dinh|quyet nghi)\s*:/.test(n.fold)) break;
      if (n.upper && AUTHORITY_LINE.test(n.fold) && (kind.type === 'quyet_dinh' || kind.type === 'nghi_quyet')) break;
      if (/^(?:[IVX]+\.|\d+\.|dieu\s+\d|chuong\s)/i.test(n.text)) break;
      if (n.text.length > 300) break;
      title.summary.push(n);
    }
    break;
  }
  return title;
}

/** News: a headline, the article, and the site's furniture after it (related links, tags …). */
function findNews(units: Unit[], from: number, to: number): { headline: Unit | null; articleEnd: number } {
  let headline: Unit | null = null;
  let i = from;
  // Skip breadcrumbs and timestamps at the top.
  while (i < to && isPageChrome(units[i]!)) i++;
  const first = units[i];
  if (first && first.text.length >= 15 && first.text.length <= 250 && !/[.:;]$/.test(first.text) && !/^cu the\b|^\d/.test(first.fold)) {
    headline = first;
  }
  let articleEnd = to;
  for (let k = i + 1; k < to; k++) {
    if (NEWS_JUNK.test(units[k]!.fold.trim())) {
      articleEnd = k;
      break;
    }
    // A flattened page ends its article with the same furniture inline.
    const inline = / (?:adblock test|xem them\.\.\.|tin lien quan)/.exec(units[k]!.fold);
    if (inline && units[k]!.text.length > 200) articleEnd = k + 1;
  }
  return { headline, articleEnd };
}

function isPageChrome(u: Unit): boolean {
  const f = u.fold.trim();
  return (
    /^(?:trang chu|home)\b/.test(f) ||
    /^(?:thu \w+|chu nhat)\s*,?\s*\d{1,2}\/\d{1,2}\/\d{4}/.test(f) ||
    /^\d{1,2}[:h]\d{2}\s*(?:\(gmt[^)]*\))?\s*[|,-]?\s*\d{1,2}\/\d{1,2}\/\d{4}\s*$/.test(f) ||
    /^\d{1,2}\/\d{1,2}\/\d{4}\s*[|,-]?\s*\d{1,2}[:h]\d{2}/.test(f) ||
    (f.length < 40 && />|»/.test(u.text))
  );
}
