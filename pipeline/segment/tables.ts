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

/** Finds the tables of a text. */
export function detectTables(text: string): TableRegion[] {
  const all = splitLines(text);
  const tables: TableRegion[] = [];
  let i = 0;
  while (i < all.length) {
    const line = all[i]!;
    const kind = /^\s*\|.*\|\s*$/.test(line.text) ? 'pipe' : (line.text.match(/\t/g) ?? []).length >= 2 ? 'tab' : null;
    if (kind) {
      const rows: TableRow[] = [];
      let k = i;
      while (k < all.length) {
        const l = all[k]!;
        const same = kind === 'pipe' ? /^\s*\|.*\|\s*$/.test(l.text) : (l.text.match(/\t/g) ?? []).length >= 1 && l.text.trim() !== '';
        if (!same) break;
        if (!/^\s*\|?\s*:?-{2,}/.test(l.text)) rows.push({ start: l.start, end: l.end, cells: splitCells(l, kind === 'pipe' ? /\|/g : /\t+/g) });
        k++;
      }
      if (rows.length >= 2) tables.push({ kind, start: line.start, end: all[k - 1]!.end, rows });
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
