// Tables as data: the column headers, the year each row or column is about, and — for money
// tables — the unit the figures are in ("Đơn vị tính: triệu đồng").

import { columnOf, type TableCell } from '../pipeline/segment/tables.js';
import { mainTextRange, type ExtractContext } from './context.js';

export type Cell = TableCell;

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
  /** Cells by column index (a column may be empty). */
  cells: Array<Cell | undefined>;
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

const cache = new WeakMap<object, Table[]>();

/** Every table of the main text, read as data. */
export function readTables(ctx: ExtractContext): Table[] {
  const { seg } = ctx;
  const cached = cache.get(seg);
  if (cached) return cached;
  const [from, to] = mainTextRange(seg);
  const tables: Table[] = [];
  for (const region of seg.tables) {
    if (region.start < from || region.start >= to || region.rows.length < 2) continue;
    const header = region.rows[0]!.cells;
    const fold = (c: Cell) => seg.folded.slice(c.start, c.end).replace(/\s+/g, ' ').trim();
    const headerFolded = header.map(fold);
    const before = seg.folded.slice(Math.max(0, region.start - 240), region.start);
    const decl = UNIT_DECL.exec(before.split('\n').slice(-4).join('\n')) ?? headerFolded.map((h) => /\((1\.000 dong|nghin dong|trieu dong|ty dong|dong|usd)\)/.exec(h)).find(Boolean);
    const moneyHeader = headerFolded.some((h) => /kinh phi|thanh tien|so tien|du toan|ngan sach|chi phi|\(dong\)|trieu dong/.test(h));
    const money = Boolean(decl && /dong|usd|eur/.test(decl[1] ?? decl[0]!)) || moneyHeader;
    const { scale, currency } = decl ? scaleOf(decl[1] ?? decl[0]!) : { scale: 1, currency: 'VND' };
    const columns: Column[] = headerFolded.map((h, index) => ({
      index,
      header: h,
      printed: seg.text.slice(header[index]!.start, header[index]!.end).replace(/\*\*/g, '').replace(/\s+/g, ' ').trim(),
      year: /(?:19|20)\d{2}/.test(h) && !/[-–]\s*(?:19|20)\d{2}/.test(h) ? Number(/(?:19|20)\d{2}/.exec(h)![0]) : null,
      isRatio: /ty le|%|phan tram/.test(h),
      isIndex: /^(?:s?tt|so tt|stt)$/.test(h),
    }));
    const rows: Row[] = region.rows.slice(1).map((r) => {
      const cells: Array<Cell | undefined> = [];
      r.cells.forEach((c, i) => {
        const k = columnOf(header, c, region.kind, i);
        if (cells[k] === undefined) cells[k] = c;
      });
      const texts = cells.map((c) => (c ? fold(c) : ''));
      const yearCell = texts.find((t, i) => /^(?:nam\s+)?(?:19|20)\d{2}$/.test(t) && !columns[i]?.isIndex);
      return {
        cells,
        year: yearCell ? Number(/(?:19|20)\d{2}/.exec(yearCell)![0]) : null,
        isTotal: texts.some((t) => /^(?:tong cong|tong so|tong|cong|total)\b/.test(t)),
      };
    });
    // Year columns hold years, not counts.
    for (const col of columns) {
      if (rows.length && rows.every((r) => /^(?:19|20)\d{2}$/.test((r.cells[col.index]?.text ?? '').trim()) || r.isTotal)) col.isIndex = true;
    }
    const labelColumn = columns.findIndex((c) => !c.isIndex && rows.some((r) => /\p{L}{2}/u.test(r.cells[c.index]?.text ?? '')));
    tables.push({ start: region.start, end: region.end, columns, rows, labelColumn, money, scale, currency });
  }
  cache.set(seg, tables);
  return tables;
}
