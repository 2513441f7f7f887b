// references: every other document cited with a số/ký hiệu ("Kế hoạch số 481/KH-UBND ngày
// 25/8/2022", "Nghị định 60/2021/NĐ-CP", "Chỉ thị số 25-CT/TW"), each listed once, in order of
// first mention, with the date printed next to it. Bare numbers ("Nghị quyết 39") are not
// references: without a ký hiệu they do not identify a document.

import type { Reference } from '../../schemas/record.js';
import { docNumberRegex, normalizeDocNumber } from '../../pipeline/text/docnumber.js';
import { findDates } from '../../pipeline/text/dates.js';
import { inStamp, mainTextRange, spanOf, type ExtractContext } from '../context.js';

const KINDS =
  /(Luật|Bộ luật|Nghị định|Nghị quyết|Quyết định|Thông tư liên tịch|Thông tư|Chỉ thị|Kế hoạch|Công văn|Văn bản|Thông báo|Kết luận|Hướng dẫn|Tờ trình|Báo cáo|Biên bản|Thỏa thuận|Thoả thuận|Chương trình|Đề án|Công điện|Pháp lệnh|Hiến pháp|Quy định|Hợp đồng|Văn kiện)(?:\s+[^\d\n]{0,60}?)?\s+(?:số\s*:?\s*)?$/iu;

export function extractReferences(ctx: ExtractContext): Reference[] {
  const { seg } = ctx;
  const own = ctx.fields.documentNumber?.value;
  const ownUnit = seg.header.number;
  const [from, to] = mainTextRange(seg);
  const text = seg.text.slice(from, to);
  const out: Reference[] = [];
  const seen = new Map<string, Reference>();
  for (const m of text.matchAll(docNumberRegex())) {
    const start = from + m.index!;
    const end = start + m[0].length;
    if (inStamp(seg, start)) continue;
    if (ownUnit && start >= ownUnit.start && start < ownUnit.end) continue;
    const number = normalizeDocNumber(m[0]);
    if (!/[A-ZĐ]/.test(number.split('/').slice(1).join('/'))) continue;
    if (own && number === own) continue;
    const key = number.toUpperCase().replace(/Đ/g, 'D');
    const date = dateAfter(ctx, end);
    const existing = seen.get(key);
    if (existing) {
      if (!existing.date && date) existing.date = date.iso;
      existing.source.push(spanOf(seg, start, end));
      continue;
    }
    const before = seg.text.slice(Math.max(from, start - 80), start);
    const kind = KINDS.exec(before)?.[1] ?? null;
    const ref: Reference = {
      number,
      date: date?.iso ?? null,
      kind: kind ? kind[0]!.toUpperCase() + kind.slice(1).toLowerCase() : null,
      raw: seg.text.slice(start, date ? date.end : end),
      source: [spanOf(seg, start, end)],
    };
    seen.set(key, ref);
    out.push(ref);
  }
  return out;
}

// "481/KH-UBND ngày 25/8/2022", "…, ngày 25 tháng 8 năm 2022", "(25/8/2022)".
function dateAfter(ctx: ExtractContext, end: number): { iso: string; end: number } | null {
  const { seg } = ctx;
  const window = seg.text.slice(end, end + 60);
  const folded = seg.folded.slice(end, end + 60);
  const lead = /^\s*[,(]?\s*(?:ngay|ban hanh ngay|ky ngay|ngay ban hanh)?\s*/.exec(folded);
  if (!lead || (!/ngay/.test(lead[0]) && !/^\s*\(/.test(folded))) return null;
  const d = findDates(window, folded)[0];
  if (!d || d.start > lead[0].length + 2) return null;
  return { iso: d.iso, end: end + d.end };
}
