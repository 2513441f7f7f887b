// Tables in text documents (markdown pipes or tab-separated columns): rows, cells with
// offsets, the column headers, the year each row or column is about, and — for money tables —
// the unit the figures are in ("Đơn vị tính: triệu đồng").

import { mainTextRange, type ExtractContext } from './context.js';

export interface Cell {
  text: string;
  start: number;
  end: number;
}

export interface Column {
  index: number;
  /** Folded header text. */
  header: string;
  /** Header as printed. */
  printed: string;
  /** The year the column is about ("Năm 2024", "Kế hoạch năm 2024"), if any. */
  year: number | null;
  isRatio: boolean;
  isIndex: boolean;
}

export interface Row {
  cells: Cell[];
  year: number | null;
  isTotal: boolean;
}

export interface Table {
  start: number;
  end: number;
  columns: Column[];
  rows: Row[];
  /** Column holding the row's name (first text column that is not an index). */
  labelColumn: number;
  /** A table of money amounts, and the multiplier of its figures (1e6 for "triệu đồng"). */
  money: boolean;
  scale: number;
  currency: string;
}

const UNIT_DECL = /(?:don vi tinh|dvt|don vi)\s*[:.]?\s*(1\.000 dong|nghin dong|ngan dong|trieu dong|ty dong|dong|usd|trieu usd|nghin usd|euro|eur)/;

function scaleOf(decl: string): { scale: number; currency: string } {
  const currency = /usd/.test(decl) ? 'USD' : /eur/.test(decl) ? 'EUR' : 'VND';
  if (/1\.000|nghin|ngan/.test(decl)) return { scale: 1e3, currency };
  if (/trieu/.test(decl)) return { scale: 1e6, currency };
  if (/ty/.test(decl)) return { scale: 1e9, currency };
  return { scale: 1, currency };
}

function splitRow(text: string, folded: string, start: number, end: number): Cell[] {
  const line = text.slice(start, end);
  const cells: Cell[] = [];
  const pipe = line.includes('|');
  const sep = pipe ? /\|/g : /\t+/g;
  let last = 0;
  const pieces: Array<[number, number]> = [];
  for (const m of line.matchAll(sep)) {
    pieces.push([last, m.index!]);
    last = m.index! + m[0].length;
  }
  pieces.push([last, line.length]);
  // Markdown rows start and end with a pipe: drop the empty outer pieces.
  if (pipe) {
    if (pieces.length && line.slice(pieces[0]![0], pieces[0]![1]).trim() === '') pieces.shift();
    if (pieces.length && line.slice(pieces[pieces.length - 1]![0], pieces[pieces.length - 1]![1]).trim() === '') pieces.pop();
  }
  for (const [a, b] of pieces) {
    let s = start + a;
    let e = start + b;
    while (s < e && /[\s*]/.test(text[s]!)) s++;
    while (e > s && /[\s*]/.test(text[e - 1]!)) e--;
    cells.push({ text: text.slice(s, e), start: s, end: e });
  }
  void folded;
  return cells;
}

/** Reads every table of the main text. */
export function readTables(ctx: ExtractContext): Table[] {
  const { seg } = ctx;
  const cached = tableCache.get(seg);
  if (cached) return cached;
  const [from, to] = mainTextRange(seg);
  const text = seg.text;
  const tables: Table[] = [];
  let lineStart = from;
  let current: { start: number; lines: Array<[number, number]> } | null = null;
  const flush = (endAt: number) => {
    if (current && current.lines.length >= 2) {
      const t = buildTable(ctx, current.start, endAt, current.lines);
      if (t) tables.push(t);
    }
    current = null;
  };
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    const isRow = /^\s*\|.*\|\s*$/.test(line) || (line.match(/\t/g) ?? []).length >= 2;
    if (isRow) {
      if (!current) current = { start: lineStart, lines: [] };
      if (!/^\s*\|?\s*:?-{2,}/.test(line)) current.lines.push([lineStart, lineEnd]);
    } else flush(lineStart);
    lineStart = lineEnd + 1;
  }
  flush(to);
  tableCache.set(seg, tables);
  return tables;
}

const tableCache = new WeakMap<object, Table[]>();

function buildTable(ctx: ExtractContext, start: number, end: number, lines: Array<[number, number]>): Table | null {
  const { seg } = ctx;
  const rows = lines.map(([a, b]) => splitRow(seg.text, seg.folded, a, b));
  const header = rows[0]!;
  const before = seg.folded.slice(Math.max(0, start - 200), start);
  const headerFolded = header.map((c) => seg.folded.slice(c.start, c.end).replace(/\s+/g, ' ').trim());
  const decl = UNIT_DECL.exec(before.split('\n').slice(-4).join('\n')) ?? headerFolded.map((h) => /\((1\.000 dong|nghin dong|trieu dong|ty dong|dong|usd)\)/.exec(h)).find(Boolean);
  const moneyHeader = headerFolded.some((h) => /kinh phi|thanh tien|so tien|du toan|ngan sach|chi phi|\(dong\)|trieu dong/.test(h));
  const money = Boolean(decl && /dong|usd|eur/.test(decl[1] ?? decl[0]!)) || moneyHeader;
  const { scale, currency } = decl ? scaleOf(decl[1] ?? decl[0]!) : { scale: 1, currency: 'VND' };
  const columns: Column[] = headerFolded.map((h, index) => ({
    index,
    header: h,
    printed: header[index]!.text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim(),
    year: /(?:19|20)\d{2}/.test(h) && !/[-–]\s*(?:19|20)\d{2}/.test(h) ? Number(/(?:19|20)\d{2}/.exec(h)![0]) : null,
    isRatio: /ty le|%|phan tram/.test(h),
    isIndex: /^(?:s?tt|so tt|stt)$/.test(h),
  }));
  const body = rows.slice(1).map((cells) => {
    const texts = cells.map((c) => seg.folded.slice(c.start, c.end).trim());
    const yearCell = texts.find((t, i) => /^(?:nam\s+)?(?:19|20)\d{2}$/.test(t) && !columns[i]?.isIndex);
    return {
      cells,
      year: yearCell ? Number(/(?:19|20)\d{2}/.exec(yearCell)![0]) : null,
      isTotal: texts.some((t) => /^(?:tong cong|tong so|tong|cong|total)\b/.test(t)),
    };
  });
  // Year columns hold years, not counts.
  for (const col of columns) {
    if (body.length && body.every((r) => /^(?:19|20)\d{2}$/.test((r.cells[col.index]?.text ?? '').trim()) || r.isTotal)) col.isIndex = true;
  }
  const labelColumn = columns.findIndex((c) => !c.isIndex && body.some((r) => /\p{L}{2}/u.test(r.cells[c.index]?.text ?? '')));
  return { start, end, columns, rows: body, labelColumn, money, scale, currency };
}
