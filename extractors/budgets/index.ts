// budgets: money amounts as integers in the unit of their currency — totals and parts as
// separate entries, the same amount restated listed once, the VND equivalent of a foreign
// amount not listed again, per-person rates left out. Where the amount is also written in words
// ("Bằng chữ: …"), the words are parsed and checked against the figure.

import type { Budget } from '../../schemas/record.js';
import { findAmountInWords, findMoney } from '../../pipeline/text/money.js';
import { parseNumber } from '../../pipeline/text/numbers.js';
import { inStamp, itemLabelAt, mainTextRange, spanOf, type ExtractContext } from '../context.js';
import { readTables } from '../tables.js';

const RATE_AFTER = /^\s*\/\s*(?:người|học viên|lượt|ngày|tháng|suất|buổi|lớp|ca|giường|đêm|km|m2|kg|người\/ngày)/iu;
const EQUIVALENT_BEFORE = /(?:tương đương|tương ứng|quy đổi|khoảng|xấp xỉ|approximately|equivalent to|~|≈)\s*(?:với\s*)?(?:khoảng\s*)?$/iu;

export function extractBudgets(ctx: ExtractContext): Budget[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const start = Math.max(from, Math.min(seg.body.start, seg.units[seg.header.end]?.start ?? from));
  const out: Budget[] = [];
  const seen = new Set<string>();
  const push = (b: Budget) => {
    const key = `${b.amount}|${b.currency}|${b.year ?? ''}`;
    const anyYear = `${b.amount}|${b.currency}|`;
    if (seen.has(key) || (b.year === null && [...seen].some((k) => k.startsWith(anyYear)))) return;
    seen.add(key);
    out.push(b);
  };
  const tables = readTables(ctx);
  const inTable = (o: number) => tables.some((t) => o >= t.start && o < t.end);
  const englishFrom = seg.englishRange ? seg.units[seg.englishRange[0]]?.start ?? Infinity : Infinity;
  const englishTo = seg.englishRange ? (seg.units[seg.englishRange[1]]?.start ?? seg.text.length) : -1;
  const text = seg.text.slice(start, to);
  let previous: { amount: number; currency: string; end: number } | null = null;
  for (const m of findMoney(text)) {
    const s = start + m.start;
    const e = start + m.end;
    if (inStamp(seg, s) || inTable(s)) continue;
    if (s >= englishFrom && s < englishTo) continue; // the English part restates the Vietnamese one
    if (RATE_AFTER.test(seg.text.slice(e, e + 20))) continue;
    const before = seg.text.slice(Math.max(start, s - 40), s);
    // "1,2 triệu USD (tương đương khoảng 28 tỷ đồng)": the same money in another currency.
    if (previous && previous.currency !== m.currency && s - previous.end < 60 && EQUIVALENT_BEFORE.test(before.replace(/[(,]\s*$/, '').trimEnd())) {
      previous = { amount: m.amount, currency: m.currency, end: e };
      continue;
    }
    if (EQUIVALENT_BEFORE.test(before.replace(/\(\s*$/, '').trimEnd()) && /\(\s*(?:tương đương|khoảng|approximately)?[^()]*$/iu.test(before) && previous && s - previous.end < 60) {
      continue;
    }
    previous = { amount: m.amount, currency: m.currency, end: e };
    const words = findAmountInWords(seg.text, e);
    const wordsAgree = words ? (words.value === null ? null : words.value === m.amount) : null;
    if (words && wordsAgree === false) {
      ctx.messages.push({
        ruleId: 'amount-words-mismatch',
        severity: 'warning',
        message: `amount ${m.raw.trim()} (${m.amount.toLocaleString('en-US')}) is written in words as "${words.text}" (${words.value?.toLocaleString('en-US')})`,
        source: [spanOf(seg, s, e), spanOf(seg, words.start, words.end)],
      });
    }
    push({
      amount: m.amount,
      currency: m.currency,
      raw: m.raw.trim(),
      inWords: words?.text ?? null,
      wordsAgree,
      year: yearNear(seg.folded, s),
      item: itemLabelAt(ctx, s),
      source: [spanOf(seg, s, e)],
    });
  }
  for (const b of tableBudgets(ctx)) push(b);
  return out;
}

/** "năm 2024: 1.750.000.000 đồng" — the year an amount is for, within its clause. */
function yearNear(folded: string, at: number): number | null {
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
  const before = folded.slice(Math.max(lineStart, at - 50), at);
  const clause = before.split(/[;.]\s/).pop() ?? '';
  const m = [...clause.matchAll(/nam\s+((?:19|20)\d{2})(?!\s*[-–])/g)].pop();
  return m && !/(?:giai doan|den)\s*(?:nam\s*)?(?:19|20)\d{2}\s*$/.test(clause) ? Number(m[1]) : null;
}

function tableBudgets(ctx: ExtractContext): Budget[] {
  const out: Budget[] = [];
  for (const table of readTables(ctx)) {
    if (!table.money) continue;
    const amountCols = table.columns.filter((c) => !c.isIndex && !c.isRatio && c.index !== table.labelColumn && !/don vi|chu tri|ghi chu|co quan|noi dung|thoi gian/.test(c.header));
    for (const row of table.rows) {
      for (const col of amountCols) {
        const cell = row.cells[col.index];
        if (!cell) continue;
        const m = /\d[\d.,]*/.exec(cell.text);
        if (!m || cell.text.replace(/[\d.,\s*]/g, '').length > 0) continue;
        const n = parseNumber(m[0], table.scale > 1);
        if (n === null || n <= 0) continue;
        const amount = Math.round(n * table.scale);
        if (amount < 1000 && table.currency === 'VND') continue;
        const start = cell.start + m.index;
        out.push({
          amount,
          currency: table.currency,
          raw: cell.text.trim(),
          inWords: null,
          wordsAgree: null,
          year: row.isTotal ? null : (col.year ?? row.year),
          item: itemLabelAt(ctx, start),
          source: [spanOf(ctx.seg, start, start + m[0].length)],
        });
      }
    }
  }
  return out;
}
