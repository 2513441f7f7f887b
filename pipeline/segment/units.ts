// Units: the lines (or cells of a two-column line, or pieces of a flattened line) that the
// segmenter classifies. A unit is a span of the document text; its `text` is read from a
// masked copy in which markdown markers are blanked, so offsets never shift.

import { foldKeepOffsets, isUpperText } from '../text/vietnamese.js';
import { outlineLabelAt, acceptsAsNext, type Label } from './labels.js';

export interface Span {
  start: number;
  end: number;
}

export type Lang = 'vi' | 'en' | 'other';

export interface Unit extends Span {
  /** Physical line number (0-based). */
  line: number;
  /** Page number (1-based), counted by form feeds. */
  page: number;
  /** Display column of the first character in its physical line (tabs to 8). */
  col: number;
  /** Index of this cell in its line and how many cells the line has. */
  cell: number;
  cells: number;
  /** Masked, trimmed text of the unit (same offsets as the document from `start`). */
  text: string;
  /** Folded text (lower case, no diacritics), same length as `text`. */
  fold: string;
  blankBefore: boolean;
  upper: boolean;
  lang: Lang;
  /** Cut out of a long flattened line. */
  virtual: boolean;
}

/** Blanks markdown markup with spaces of the same length (bold, headings, table pipes, images). */
export function maskMarkup(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  let t = text;
  if (t.includes('![')) t = t.replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, blank);
  if (t.includes('*') || t.includes('_')) t = maskEmphasis(t.replace(/\*\*|__/g, blank));
  if (t.includes('<')) t = t.replace(/<br\s*\/?>/gi, blank);
  if (t.includes('#')) t = t.replace(/^[ \t]*#{1,6}[ \t]/gm, blank);
  if (t.includes('>')) t = t.replace(/^[ \t]*>[ \t]?/gm, blank);
  if (t.includes('|')) {
    t = t.replace(/\|/g, ' ');
    t = t.replace(/^[ \t]*:?-{3,}:?(?:[ \t]+:?-{3,}:?)*[ \t]*$/gm, blank);
  }
  return t;
}

// Single * or _ around a word ("*Hà Nội, ngày …*") are emphasis; inside a word they are text.
function maskEmphasis(t: string): string {
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let out: string[] | null = null;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c !== '*' && c !== '_') continue;
    const before = t[i - 1];
    const after = t[i + 1];
    const opens = !isWord(before) && before !== '*' && after !== undefined && !/\s/.test(after);
    const closes = before !== undefined && !/\s/.test(before) && !isWord(after) && after !== '*';
    if (opens || closes) (out ??= [...t])[i] = ' ';
  }
  return out ? out.join('') : t;
}

const CELL_GAP = /\t+| {4,}/g;

interface RawCell {
  start: number;
  end: number;
}

// Copied PDF text keeps only two spaces between the Nơi nhận column and the signature column.
const NARROW_GAP = /\t+| {2,}/g;
const RECIPIENT_LINE = /^\s*(?:nơi nhận\s*:|[-–+•]\s)/iu;

function cellsOf(masked: string, start: number, end: number): RawCell[] {
  const out: RawCell[] = [];
  const line = masked.slice(start, end);
  let last = 0;
  const gap = RECIPIENT_LINE.test(line) && /\S {2,}(?:KT\.|TM\.|TL\.|Q\.|\p{Lu}{2,}|\p{Lu}\p{Ll}+ \p{Lu})/u.test(line) ? NARROW_GAP : CELL_GAP;
  gap.lastIndex = 0;
  for (let m = gap.exec(line); m; m = gap.exec(line)) {
    const left = line.slice(last, m.index);
    // "Số:      123/KH" is one field with a wide gap, not two columns.
    if (left.trim() && (gap === NARROW_GAP || !/[:：]\s*$/.test(left))) {
      out.push({ start: start + last, end: start + m.index });
      last = m.index + m[0].length;
    }
  }
  out.push({ start: start + last, end });
  return out.filter((c) => masked.slice(c.start, c.end).trim() !== '');
}

function displayCol(line: string, upTo: number): number {
  let col = 0;
  for (let i = 0; i < upTo; i++) col = line[i] === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  return col;
}

const VIETNAMESE_MARKED = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const EN_WORDS = /\b(?:the|of|and|to|in|for|on|with|between|shall|this|that|by|be|will|parties|party|agreement|memorandum|understanding|cooperation|health|ministry|university|article|hereinafter|signed|done)\b/gi;

/** Cheap test: does the document hold any English at all? If not, every unit is Vietnamese. */
export function mayHoldEnglish(text: string): boolean {
  const m = text.match(/\b(?:the|of|and|shall|between)\b/gi);
  return (m?.length ?? 0) >= 3;
}

function unitLang(text: string): Lang {
  const words = text.match(/\p{L}+/gu);
  if (!words || words.length === 0) return 'other';
  let vi = 0;
  for (const w of words) if (VIETNAMESE_MARKED.test(w)) vi++;
  const en = (text.match(EN_WORDS) ?? []).length;
  if (vi / words.length >= 0.15) return 'vi';
  if (en >= 1 && en / words.length >= 0.12 && vi / words.length < 0.08) return 'en';
  if (vi > 0) return 'vi';
  return 'other';
}

// Where a flattened line can be cut: ND30 landmarks that start a new region.
// Landmarks of a flattened administrative text. The quốc hiệu and tiêu ngữ are matched on
// folded text (tone marks vary); the others by their printed case, since "đại diện" or "bên a"
// in lower case are ordinary words of a sentence.
const LANDMARKS_FOLDED = /cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc/g;
const LANDMARKS_PRINTED =
  /(?<![\p{L}\p{N}])(?:(?:BẢN |BIÊN BẢN )?(?:KẾ HOẠCH|QUYẾT ĐỊNH|THỎA THUẬN|THOẢ THUẬN|GHI NHỚ|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|HỢP ĐỒNG|NGHỊ QUYẾT)(?![\p{L}])|Số\s*:|Căn cứ(?![\p{L}])|CĂN CỨ(?![\p{L}])|Nơi nhận\s*:|NƠI NHẬN\s*:|Điều\s+\d+\s*[.:]|Kính gửi\s*:|V\/v(?![\p{L}])|BÊN [AB]\s*[:(]|ĐẠI DIỆN(?![\p{L}]))/gu;
// Authority lines of a signature block (case matters: "KT. GIÁM ĐỐC").
const AUTHORITY_CUT = /(?<![\p{L}\p{N}])(?:KT|TM|TL|Q|T\/M|K\/T)\.?\s*(?=\p{Lu}{2})/gu;

/**
 * Pieces of a flattened line (line breaks lost): cuts before outline labels that continue a
 * valid numbering sequence, and before ND30 landmarks. Returns offsets relative to the line.
 */
export interface NumberingState {
  seen: Label[];
  prev: Label | null;
}

export function flattenedCuts(line: string, numbering: NumberingState = { seen: [], prev: null }): number[] {
  const cuts = new Set<number>();
  // Landmarks.
  const folded = foldKeepOffsets(line);
  for (const m of folded.matchAll(LANDMARKS_FOLDED)) if (m.index! > 0) cuts.add(m.index!);
  for (const m of line.matchAll(LANDMARKS_PRINTED)) if (m.index! > 0) cuts.add(m.index!);
  for (const m of line.matchAll(AUTHORITY_CUT)) if (m.index! > 0) cuts.add(m.index!);
  // A place–date line starts with the place: cut before the capitalised words preceding ", ngày".
  for (let at = line.indexOf(', ngày'); at > 0; at = line.indexOf(', ngày', at + 1)) {
    if (!/^,\s*ngày\s+(?:\d|…|\.)/u.test(line.slice(at, at + 12))) continue;
    const place = /(?<![\p{L}\p{N}])(?:(?:TP\.|\p{Lu}[\p{Ll}\p{M}]+)\s){0,4}\p{Lu}[\p{Ll}\p{M}]+$/u.exec(line.slice(Math.max(0, at - 60), at));
    if (place) {
      const cut = Math.max(0, at - 60) + place.index;
      if (cut > 0) cuts.add(cut);
    }
  }
  // End of an all-capitals run followed by a capitalised ordinary word: "THỎA THUẬN HỢP TÁC Về việc …".
  // (Forward matches only: lookbehinds of unbounded length would make this quadratic.)
  for (const m of line.matchAll(/(?<![\p{L}\p{N}])((?:[\p{Lu}\d][\p{Lu}\p{M}\d.,\-–]*\s+)+[\p{Lu}\p{M}]{2,}[.,]?\s+)(?=\p{Lu}[\p{Ll}\p{M}]+\s+[\p{Ll}\p{M}])/gu)) {
    const cut = m.index! + m[0].length;
    if (cut > 0) cuts.add(cut);
  }
  // Before an all-capitals run that follows ordinary text: "… như nhau./. ĐẠI DIỆN …".
  for (const m of line.matchAll(/([\p{Ll}\p{M}\d.;:)”"]\s+)(?:\p{Lu}[\p{Lu}\p{M}]+\.?\s+){2,}\p{Lu}[\p{Lu}\p{M}]+/gu)) {
    cuts.add(m.index! + m[1]!.length);
  }
  // Outline labels, kept only when they continue a numbering sequence; an article ("Điều 2.")
  // starts a new sequence of its own points.
  // The numbering state runs on from the previous flattened line of the document: OCR and
  // line repair break a flattened text into paragraphs in the middle of its numbering.
  let { prev, seen } = numbering;
  const articles = [...line.matchAll(/(?<![\p{L}])(?:Điều|Article)\s+\d+\s*[.:]/gu)].map((m) => m.index!);
  let nextArticle = 0;
  for (const m of line.matchAll(/(?<=^|[\s:;.!?”")])(?<!(?:Điều|Article|Chương|Mục|khoản|ngày|tháng|năm|Khoản)\s)(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|[a-zđ]\))\s+(?=[\p{Lu}“"])/gu)) {
    while (nextArticle < articles.length && articles[nextArticle]! < m.index!) {
      nextArticle++;
      seen = seen.filter((l) => l.kind === 'roman');
      prev = null;
    }
    const label = outlineLabelAt(line, m.index!);
    if (!label) continue;
    if (acceptsAsNext(seen, prev, label)) {
      cuts.add(m.index!);
      seen.push(label);
      prev = label;
    }
  }
  numbering.prev = prev;
  numbering.seen = seen;
  // Signature blocks run together: cut around sign notes, after "ĐẠI DIỆN BÊN A", and before
  // the position that ends an organ's name ("… SỞ Y TẾ TỈNH HÀ GIANG | GIÁM ĐỐC").
  for (const m of line.matchAll(/\((?:Đã ký|đã ký|Ký|ký|Signed|signed)[^)]{0,30}\)\s*/gu)) {
    cuts.add(m.index!);
    cuts.add(m.index! + m[0].length);
  }
  for (const m of line.matchAll(/ĐẠI DIỆN BÊN [AB]\s(?=\p{Lu}{2})/gu)) cuts.add(m.index! + m[0].length);
  for (const m of line.matchAll(/(\p{Lu}{2,}\s)(?:PHÓ |TỔNG |QUYỀN )?(?:GIÁM ĐỐC|CHỦ TỊCH|HIỆU TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|VIỆN TRƯỞNG|CỤC TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)(?![\p{L}])/gu)) {
    if (/(?:PHÓ|TỔNG|QUYỀN|KT\.|TM\.|TL\.|Q\.)\s$/u.test(line.slice(Math.max(0, m.index! - 6), m.index! + m[1]!.length))) continue;
    cuts.add(m.index! + m[1]!.length);
  }
  // Web pages: a breadcrumb ("Trang chủ » Tin tức » Hợp tác quốc tế Tiêu đề …") ends where the
  // last crumb's lower-case words give way to a capitalised one; a timestamp line
  // ("21/05/2019 | 10:32 | Lượt xem: 1.284") stands apart.
  const crumb = /^(?:[^»>\n]{1,40}\s[»>]\s){1,5}/u.exec(line);
  if (crumb) {
    const tail = line.slice(crumb[0].length, crumb[0].length + 80);
    const next = /^\S+(?:\s+[\p{Ll}\p{M}][\p{L}\p{M}]*){0,4}\s+(?=\p{Lu})/u.exec(tail);
    cuts.add(crumb[0].length + (next ? next[0].length : 0));
  }
  // (the line is masked: table pipes are spaces here)
  for (const m of line.matchAll(/\d{1,2}\/\d{1,2}\/\d{4}\s+\d{1,2}:\d{2}(?:\s+Lượt xem:\s*[\d.]+)?\s*/gu)) {
    cuts.add(m.index!);
    cuts.add(m.index! + m[0].length);
  }
  // The signer's name follows the position: "… PHÓ GIÁM ĐỐC Lù Văn Sính".
  for (const m of line.matchAll(/(?:GIÁM ĐỐC|CHỦ TỊCH|HIỆU TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG|VIỆN TRƯỞNG|CỤC TRƯỞNG|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)\s+(?=\p{Lu}[\p{Ll}\p{M}]+\s+\p{Lu}[\p{Ll}\p{M}])/gu)) {
    cuts.add(m.index! + m[0].length);
  }
  // A closing "./." ends the body.
  for (const m of line.matchAll(/\.\/\.\s*/g)) cuts.add(m.index! + m[0].length);
  return [...cuts].filter((c) => c > 0 && c < line.length).sort((a, b) => a - b);
}

// A line is read as flattened (line breaks lost) when it is very long, or long in a document
// whose lines are long on average; ordinary paragraphs are left whole.
/**
 * Where the quốc hiệu or the tiêu ngữ starts inside a header line that runs it into the organ
 * beside it with one space, as OCR gives a header whose columns sit close together ("UBND TỈNH
 * NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc"). Only after
 * text in capitals: in a sentence the same words are the country's name.
 */
export function mottoCuts(cell: string): number[] {
  const cuts: number[] = [];
  for (const m of cell.matchAll(/(?<=\s)(?:CỘNG H[OÒ][AÀ] XÃ HỘI|(?:NƯỚC )?CỘNG H[OÒ][AÀ] DÂN CHỦ|Độc lập\s*[-–]\s*Tự do|Hoà bình\s*[-–]\s*Độc lập|Hòa bình\s*[-–]\s*Độc lập)/gu)) {
    const before = cell.slice(0, m.index!).trim();
    if (before && isUpperText(before) && /\p{Lu}{2}/u.test(before) && !/(?:NƯỚC|VÀ|CỦA|GIỮA)$/u.test(before)) cuts.push(m.index!);
  }
  return cuts;
}

const FLATTENED_ALWAYS = 1500;
const FLATTENED_MIN = 300;
const FLATTENED_MEAN = 200;

function meanLineLength(text: string): number {
  let lines = 0;
  let chars = 0;
  for (const l of text.split('\n')) {
    const n = l.trim().length;
    if (n) {
      lines++;
      chars += n;
    }
  }
  return lines ? chars / lines : 0;
}

/** Splits the document into units. */
export function buildUnits(text: string, masked: string, foldedMasked = foldKeepOffsets(masked)): Unit[] {
  const units: Unit[] = [];
  const bilingual = mayHoldEnglish(masked);
  const flatDoc = meanLineLength(masked) >= FLATTENED_MEAN;
  const numbering: NumberingState = { seen: [], prev: null };
  let row = 0; // virtual line number: a markdown row with <br> breaks spans several
  let page = 1;
  let pos = 0;
  let blank = false;
  const make = (s0: number, e0: number, line: number, col: number, cell: number, cells: number, virtual: boolean, blankBefore: boolean) => {
    let s = s0;
    let e = e0;
    while (s < e && /\s/.test(masked[s]!)) s++;
    while (e > s && /\s/.test(masked[e - 1]!)) e--;
    if (s >= e) return;
    const t = masked.slice(s, e);
    units.push({
      start: s, end: e, line, page, col, cell, cells, text: t, fold: foldedMasked.slice(s, e),
      blankBefore, upper: isUpperText(t), lang: bilingual ? unitLang(t) : 'vi', virtual,
    });
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let lineStart = pos;
    // Form feeds separate pages; a line may begin with one or more.
    while (lineStart < nl && text[lineStart] === '\f') {
      page++;
      lineStart++;
    }
    const lineText = masked.slice(lineStart, nl);
    if (lineText.trim() === '') {
      blank = true;
    } else if (/<br\s*\/?>/i.test(text.slice(lineStart, nl))) {
      // A markdown table row whose cells hold several lines ("SỞ Y TẾ<br>GIÁM ĐỐC"): each cell
      // is a column, each <br> a new line.
      const raw = text.slice(lineStart, nl);
      const cellRanges: Array<[number, number]> = [];
      let last = 0;
      for (const m of raw.matchAll(/\|/g)) {
        cellRanges.push([last, m.index!]);
        last = m.index! + 1;
      }
      cellRanges.push([last, raw.length]);
      const live = cellRanges.filter(([a, b]) => masked.slice(lineStart + a, lineStart + b).trim());
      let height = 1;
      live.forEach(([a, b], ci) => {
        let k = 0;
        let pa = a;
        const cellText = raw.slice(a, b);
        for (const m of [...cellText.matchAll(/<br\s*\/?>/gi), null]) {
          const pb = m ? a + m.index! : b;
          if (masked.slice(lineStart + pa, lineStart + pb).trim()) {
            make(lineStart + pa, lineStart + pb, row + k, ci * 40, ci, live.length, false, k === 0 ? blank : false);
            k++;
          }
          if (m) pa = a + m.index! + m[0].length;
        }
        height = Math.max(height, k);
      });
      row += height - 1;
      blank = false;
    } else {
      const rawCells = cellsOf(masked, lineStart, nl);
      const pieces: RawCell[] = [];
      let virtual = false;
      for (const c of rawCells) {
        const len = c.end - c.start;
        if (len >= FLATTENED_ALWAYS || (len >= FLATTENED_MIN && flatDoc)) {
          const slice = masked.slice(c.start, c.end);
          const cuts = flattenedCuts(slice, numbering);
          if (cuts.length) virtual = true;
          let a = 0;
          for (const cut of [...cuts, slice.length]) {
            pieces.push({ start: c.start + a, end: c.start + cut });
            a = cut;
          }
        } else {
          let a = c.start;
          for (const cut of mottoCuts(masked.slice(c.start, c.end))) {
            pieces.push({ start: a, end: c.start + cut });
            a = c.start + cut;
          }
          pieces.push({ start: a, end: c.end });
        }
      }
      const liveCells = pieces.filter((p) => masked.slice(p.start, p.end).trim());
      liveCells.forEach((c, idx) => {
        let s = c.start;
        while (s < c.end && /\s/.test(masked[s]!)) s++;
        make(c.start, c.end, row, displayCol(masked.slice(lineStart, nl), s - lineStart), virtual ? 0 : idx, virtual ? 1 : liveCells.length, virtual, idx === 0 ? blank : false);
      });
      blank = false;
    }
    row++;
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  // A <br> row gives each sub-line as many cells as it really has.
  const perLine = new Map<number, number>();
  for (const u of units) perLine.set(u.line, (perLine.get(u.line) ?? 0) + 1);
  for (const u of units) if (!u.virtual) u.cells = perLine.get(u.line)!;
  if (bilingual) smoothLanguages(units);
  return units;
}

// Short units (names, numbers, a heading) take the language of their neighbours.
function smoothLanguages(units: Unit[]): void {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.lang !== 'other' && (u.text.length > 40 || u.lang === 'vi')) continue;
    const prev = findLang(units, i, -1);
    const next = findLang(units, i, +1);
    if (u.lang === 'other') u.lang = prev ?? next ?? 'vi';
    else if (u.lang === 'en' && prev === 'vi' && next === 'vi') u.lang = 'vi';
  }
}

function findLang(units: Unit[], i: number, dir: number): Lang | null {
  for (let k = i + dir; k >= 0 && k < units.length && Math.abs(k - i) < 6; k += dir) {
    const l = units[k]!.lang;
    if (l !== 'other' && units[k]!.text.length > 30) return l;
  }
  return null;
}
