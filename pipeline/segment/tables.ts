// Tables in text documents: markdown pipes, tab-separated columns, or columns aligned with
// runs of spaces (what Word and PDF exports leave). Each row is split into cells that remember
// their character column, so a right-aligned figure finds the header above it.

import { splitLines, type TextLine } from '../text/lines.js';

export interface TableCell {
  text: string;
  start: number;
  end: number;
  /** Column of the cell's first and last character in its line. */
  colStart: number;
  colEnd: number;
}

export interface TableRow {
  start: number;
  end: number;
  cells: TableCell[];
}

export interface TableRegion {
  kind: 'pipe' | 'tab' | 'space';
  start: number;
  end: number;
  rows: TableRow[];
}

function splitCells(line: TextLine, sep: RegExp): TableCell[] {
  const cells: TableCell[] = [];
  let last = 0;
  const pieces: Array<[number, number]> = [];
  sep.lastIndex = 0;
  for (let m = sep.exec(line.text); m; m = sep.exec(line.text)) {
    pieces.push([last, m.index]);
    last = m.index + m[0].length;
  }
  pieces.push([last, line.text.length]);
  for (const [a0, b0] of pieces) {
    let a = a0;
    let b = b0;
    while (a < b && /[\s*]/.test(line.text[a]!)) a++;
    while (b > a && /[\s*]/.test(line.text[b - 1]!)) b--;
    if (a >= b) {
      if (sep.source === '\\|') cells.push({ text: '', start: line.start + a0, end: line.start + a0, colStart: a0, colEnd: a0 });
      continue;
    }
    cells.push({ text: line.text.slice(a, b), start: line.start + a, end: line.start + b, colStart: a, colEnd: b });
  }
  // Markdown rows start and end with a pipe: drop the empty outer pieces.
  if (sep.source === '\\|') {
    if (cells.length && cells[0]!.text === '' && /^\s*\|/.test(line.text)) cells.shift();
    if (cells.length && cells[cells.length - 1]!.text === '' && /\|\s*$/.test(line.text)) cells.pop();
  }
  return cells;
}

const NUMERIC = /^\*{0,2}\d[\d.,]*\*{0,2}$/;

const PIPE_ROW = /^\s*\|.*\|\s*$/;
/** "|---|:--:|", or what OCR leaves of it: pipes with next to nothing between them. */
const isRule = (t: string) =>
  /^\s*\|?\s*:?-{2,}/.test(t) ||
  // "I-I-~|--I--|": dashes with pipes read as I, l or ~.
  (/\|/.test(t) && /^[\s|Il1\-~_:=+.]+$/.test(t) && (t.match(/[-~_=]/g) ?? []).length >= 2) ||
  // "Ji   |   |   |": pipes with next to nothing between them, all cells but one empty.
  ((t.match(/\|/g) ?? []).length >= 2 && !/\d/.test(t) && (t.match(/\p{L}/gu) ?? []).length <= 3 && t.split('|').filter((c) => c.trim()).length <= 1);

/** Two pipes or more, the last at the end of the line. */
const endsRow = (t: string) => (t.match(/\|/g) ?? []).length >= 2 && /\|\s*$/.test(t);

/**
 * The rows of a markdown pipe table from line `i`, as typed or as OCR gives it back: rows set
 * apart by blank lines (each row its own paragraph), a long row wrapped over two or three lines
 * ("| 3 | Đào tạo … cấp thuốc" then "| 1.350.000.000 | Sở Y tế |"), the rule under the header
 * read as a line of stray pipes.
 */
function pipeRows(all: TextLine[], i: number): { rows: TableRow[]; next: number } {
  const rows: TableRow[] = [];
  let k = i;
  while (k < all.length) {
    let l = all[k]!;
    if (l.text.trim() === '') {
      // A blank line inside the table, when the next line goes on with it.
      let n = k + 1;
      while (n < all.length && all[n]!.text.trim() === '') n++;
      if (n < all.length && (/^\s*\|/.test(all[n]!.text) || endsRow(all[n]!.text) || isRule(all[n]!.text)) && rows.length) {
        k = n;
        continue;
      }
      break;
    }
    if (isRule(l.text) && rows.length) {
      k++;
      continue;
    }
    // OCR may lose a row's first pipe ("1112024 | Hồi sức … | 04 |"): inside a table, a line
    // with two pipes that ends with one is still a row.
    const lostLead = rows.length > 0 && !/^\s*\|/.test(l.text) && endsRow(l.text);
    if (!lostLead && !/^\s*\|/.test(l.text)) break;
    // A row wrapped over the next lines (up to three), joined with its line breaks as spaces
    // so that cell offsets stay those of the text.
    let end = k;
    while (!/\|\s*$/.test(l.text) && end + 1 < all.length && end - k < 2 && all[end + 1]!.text.trim() !== '' && /\|/.test(all[end + 1]!.text)) {
      end++;
      const n = all[end]!;
      l = { start: l.start, end: n.end, text: `${l.text}${' '.repeat(n.start - l.end)}${n.text}` };
    }
    if (!lostLead && !PIPE_ROW.test(l.text)) break;
    if (!isRule(l.text)) {
      const cells = splitCells(l, /\|/g);
      // The lost pipe ran the first two cells together: the first column is left empty.
      if (lostLead && cells.length < rows[0]!.cells.length) cells.unshift({ text: '', start: l.start, end: l.start, colStart: 0, colEnd: 0 });
      rows.push({ start: l.start, end: l.end, cells });
    }
    k = end + 1;
  }
  return { rows, next: k };
}

/** Finds the tables of a text. */
export function detectTables(text: string): TableRegion[] {
  const all = splitLines(text);
  const tables: TableRegion[] = [];
  let i = 0;
  while (i < all.length) {
    const line = all[i]!;
    if (PIPE_ROW.test(line.text)) {
      const { rows, next } = pipeRows(all, i);
      if (rows.length >= 2) tables.push({ kind: 'pipe', start: line.start, end: rows[rows.length - 1]!.end, rows });
      i = Math.max(next, i + 1);
      continue;
    }
    if ((line.text.match(/\t/g) ?? []).length >= 2) {
      const rows: TableRow[] = [];
      let k = i;
      while (k < all.length && (all[k]!.text.match(/\t/g) ?? []).length >= 1 && all[k]!.text.trim() !== '') {
        if (!/^\s*:?-{2,}/.test(all[k]!.text)) rows.push({ start: all[k]!.start, end: all[k]!.end, cells: splitCells(all[k]!, /\t+/g) });
        k++;
      }
      if (rows.length >= 2) tables.push({ kind: 'tab', start: line.start, end: all[k - 1]!.end, rows });
      i = Math.max(k, i + 1);
      continue;
    }
    // Space-aligned: a header row and rows whose cells sit in columns, some of them figures.
    const cells = splitCells(line, / {3,}/g);
    if (cells.length >= 2 && !cells.some((c) => NUMERIC.test(c.text))) {
      const rows: TableRow[] = [{ start: line.start, end: line.end, cells }];
      let k = i + 1;
      let numericRows = 0;
      while (k < all.length) {
        const l = all[k]!;
        const c = splitCells(l, / {3,}/g);
        const leadingGap = /^ {3,}\S/.test(l.text);
        if (l.text.trim() === '' || (c.length < 2 && !leadingGap)) break;
        if (c.some((x) => NUMERIC.test(x.text))) numericRows++;
        rows.push({ start: l.start, end: l.end, cells: c });
        k++;
      }
      if (rows.length >= 3 && numericRows >= 2) {
        tables.push({ kind: 'space', start: line.start, end: all[k - 1]!.end, rows });
        i = k;
        continue;
      }
    }
    i++;
  }
  return tables;
}

/**
 * The header column a cell falls under: the one its characters overlap most (right-aligned
 * figures overlap the end of their header), or the nearest.
 */
export function columnOf(header: TableCell[], cell: TableCell, kind: TableRegion['kind'], index: number): number {
  if (kind !== 'space') return index;
  let best = 0;
  let bestScore = -Infinity;
  header.forEach((h, k) => {
    const nextStart = header[k + 1]?.colStart ?? Infinity;
    const lo = Math.max(h.colStart, cell.colStart);
    const hi = Math.min(Math.max(h.colEnd, nextStart - 1), cell.colEnd);
    const overlap = hi - lo;
    const score = overlap > 0 ? overlap : -Math.min(Math.abs(cell.colStart - h.colStart), Math.abs(cell.colEnd - h.colEnd));
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  });
  return best;
}
