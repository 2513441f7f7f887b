// quotas: explicit target counts — people to train or send, scholarships, techniques to
// transfer, kits and equipment to give, courses — as an integer quantity with its unit. A count
// is a target when its clause carries a target verb (đào tạo, cử, hỗ trợ, cấp, chuyển giao…)
// or a target year, and not a past achievement ("đã đào tạo"), a composition ("đoàn gồm 05
// người"), an ordinal, a duration or a number of copies. Tables of targets by row and year are
// read cell by cell.

import type { Quota } from '../../schemas/record.js';
import { parseNumber } from '../../pipeline/text/numbers.js';
import { fold } from '../../pipeline/text/vietnamese.js';
import { inStamp, mainTextRange, spanOf, type ExtractContext } from '../context.js';
import { itemLabelAt } from '../items/locate.js';
import { readTables } from '../tables.js';

// Counted nouns that make a target (folded). Longest first when matching.
const UNITS = [
  'suat hoc bong', 'hoc bong', 'suat', 'luot nguoi', 'luot', 'nguoi', 'can bo', 'nhan vien', 'vien chuc', 'bac si', 'duoc si',
  'dieu duong', 'y si', 'ho sinh', 'ky thuat vien', 'hoc vien', 'sinh vien', 'luu hoc sinh', 'hoc sinh', 'nghien cuu sinh',
  'giang vien', 'giao vien', 'chuyen gia', 'thuc tap sinh', 'tinh nguyen vien', 'y bac si', 'thay thuoc', 'lanh dao', 'nhan luc',
  'ky thuat', 'goi ky thuat', 'quy trinh', 'dich vu', 'bo ', 'may ', 'chiec', 'xe ', 'co so thuoc', 'lieu', 'giuong', 'tu thuoc',
  'ca phau thuat', 'ca ', 'lop', 'khoa dao tao', 'khoa tap huan', 'khoa hoc', 'khoa ', 'dot', 'buoi', 'de tai', 'hoi thao',
  'mo hinh', 'tram y te', 'phong kham', 'trang thiet bi', 'thiet bi', 'tai lieu', 'an pham', 'cong trinh', 'chuong trinh',
  'doan', 'hop phan', 'dich vu ky thuat', 'tan', 'dai bieu',
].sort((a, b) => b.length - a.length);

// Nouns that look countable but never make a target here.
const NOT_UNITS = /^(?:tan|dai bieu|doan)\b/;

// Checked against the lower-cased printed text: folding would confuse cử/cũ/căn cứ, có/cơ.
const B = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
const TARGET_VERBS = new RegExp(
  `${B}(?:đào tạo|tập huấn|bồi dưỡng|cử|tiếp nhận|hỗ trợ|cấp|trao|tặng|chuyển giao|cung cấp|trang bị|xây dựng|tổ chức|mở|tuyển|khám|phấn đấu|đạt|ít nhất|tối thiểu|tối đa|dự kiến|chỉ tiêu|mục tiêu|trao đổi|gửi|điều động|bố trí|phẫu thuật|điều trị|tiêm|tài trợ|viện trợ|mời|đón|hướng dẫn|nghiên cứu|thực hiện|triển khai|nhận|học bổng|xét tuyển|tiếp đón|thực tập|học|giảng dạy|biên soạn|xuất bản|in|lắp đặt|bàn giao|thành lập|hình thành)${E}`,
  'u',
);
const NOT_TARGET_BEFORE = new RegExp(`${B}(?:đã|lần thứ|thứ tự|kết quả|hưởng lợi|được hưởng|tổng số|trong số)${E}`, 'u');
// A count right after "có", "gồm", "với" describes what exists, not a target.
const DESCRIPTIVE_RIGHT_BEFORE = new RegExp(`${B}(?:có|gồm|gồm có|bao gồm|hiện có|với|của|trong|trên|tại|thuộc|cho phép)\\s+(?:khoảng\\s+|hơn\\s+|trên\\s+|gần\\s+)?$`, 'u');
const PREFIX = /(?:hơn|trên|khoảng|ít nhất|tối thiểu|tối đa|gần|chừng|dự kiến|mỗi năm|hằng năm|hàng năm)\s*$/u;
const STOP_WORDS = new Set([
  'cho', 'tai', 'cua', 'tu', 'den', 'trong', 'de', 'theo', 'thuoc', 've', 'sang', 'o', 'voi', 'nham', 'di', 'moi', 'hang', 'nam',
  'thang', 'duoc', 'va', 'tinh', 'huyen', 'thanh', 'gom', 'trong', 'nhu', 'la', 'co', 'se', 'da', 'dang', 'tham', 'tro', 'sau', 'truoc',
  'khi', 'nay', 'do', 'tren', 'duoi', 'bang', 'phuc', 'vu', 'nhung', 'cac', 'hoac', 'thoi', 'gian', 'lam', 'viec', 'tap', 'huan',
]);

export function extractQuotas(ctx: ExtractContext): Quota[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const out: Quota[] = [];
  const seen = new Set<string>();
  const push = (q: Quota) => {
    const key = `${q.quantity}|${headOf(q.unit)}|${q.year ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(q);
  };
  const bodyFrom = Math.max(from, seg.body.start);
  const bodyTo = Math.min(to, seg.body.end);
  const tableRanges = [...seg.tableUnits].map((i) => [seg.units[i]!.start, seg.units[i]!.end] as const);
  const inTable = (o: number) => tableRanges.some(([a, b]) => o >= a && o < b);
  const folded = seg.folded;
  const re = /(?<![\d.,/-])(\d{1,5}(?:[.,]\d{3})*)(?![\d/]|[.,]\d)\s*(?:\(\s*[a-z ]{2,30}\)\s*)?/g;
  re.lastIndex = bodyFrom;
  for (let m = re.exec(folded); m && m.index < bodyTo; m = re.exec(folded)) {
    const start = m.index;
    if (inTable(start) || inStamp(seg, start)) continue;
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 80);
    const unitHead = UNITS.find((u) => after.startsWith(u) || (u.endsWith(' ') && after === u.trim()));
    if (!unitHead || NOT_UNITS.test(unitHead)) continue;
    const quantity = parseNumber(m[1]!);
    if (quantity === null || quantity <= 0 || quantity > 100000) continue;
    const clause = clauseBefore(folded, start);
    const printed = clauseBefore(seg.text, start).toLocaleLowerCase('vi');
    if (NOT_TARGET_BEFORE.test(printed)) continue;
    if (DESCRIPTIVE_RIGHT_BEFORE.test(printed) && !PREFIX.test(printed)) continue;
    if (!TARGET_VERBS.test(printed) && !/nam (?:19|20)\d{2}|moi nam|hang nam/.test(clause)) continue;
    if (/(?:lan thu|thu|so|dieu|khoan|muc|phu luc|ngay|thang|nam|tuoi|khoa)\s*$/.test(clause)) continue;
    const unitStart = m.index + m[0].length;
    const unit = readUnit(seg.text, folded, unitStart);
    if (!unit) continue;
    push({
      quantity,
      unit: unit.text,
      year: yearOf(folded, start),
      item: itemLabelAt(ctx, start),
      raw: seg.text.slice(start, unit.end),
      source: [spanOf(seg, start, unit.end)],
    });
  }
  for (const q of tableQuotas(ctx)) push(q);
  return out;
}

function headOf(unit: string): string {
  return fold(unit).split(/\s+/).slice(0, 2).join(' ');
}

/** The clause before a number: back to the last sentence or clause boundary on its line. */
function clauseBefore(folded: string, at: number): string {
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
  let s = folded.slice(Math.max(lineStart, at - 160), at);
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf(';'), s.lastIndexOf('? '));
  if (cut >= 0) s = s.slice(cut + 1);
  return s;
}

function readUnit(text: string, folded: string, at: number): { text: string; end: number } | null {
  const re = /[\p{L}\p{M}]+/gu;
  re.lastIndex = at;
  let end = at;
  let words = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const gap = text.slice(end, m.index);
    if (words > 0 && /[^\s]/.test(gap)) break;
    if (words > 0 && /\n/.test(gap)) break;
    const f = folded.slice(m.index, m.index + m[0].length);
    if (words > 0 && STOP_WORDS.has(f)) break;
    if (words > 0 && /^\p{Lu}/u.test(m[0])) break;
    end = m.index + m[0].length;
    words++;
    if (words >= 8) break;
  }
  if (words === 0) return null;
  return { text: text.slice(at, end), end };
}

/** "Năm 2024: Đào tạo 3 kỹ thuật", "… trong năm 2025": the year a target is for. */
function yearOf(folded: string, at: number): number | null {
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = folded.indexOf('\n', at) < 0 ? folded.length : folded.indexOf('\n', at);
  const before = folded.slice(lineStart, at);
  const after = folded.slice(at, Math.min(lineEnd, at + 80));
  const clauseAfter = after.split(/[;.](?:\s|$)/)[0] ?? '';
  const b = [...before.matchAll(/(?:nam|trong nam|den nam)\s+((?:19|20)\d{2})(?!\s*[-–]\s*(?:19|20)?\d{2})/g)].pop();
  const lastBoundary = Math.max(before.lastIndexOf(';'), before.lastIndexOf('. '));
  if (b && b.index! > lastBoundary && !/den nam/.test(b[0])) return Number(b[1]);
  const a = /(?:trong nam|nam)\s+((?:19|20)\d{2})(?![\d-])/.exec(clauseAfter);
  if (a) return Number(a[1]);
  return null;
}

/** Targets in tables: counts per row and year or category, in tables that are not about money. */
function tableQuotas(ctx: ExtractContext): Quota[] {
  const out: Quota[] = [];
  for (const table of readTables(ctx)) {
    if (table.money) continue;
    const countCols = table.columns.filter(
      (c) => !c.isIndex && !c.isRatio && c.index !== table.labelColumn && table.rows.filter((r) => /^\s*\d{1,5}\s*$/.test(r.cells[c.index]?.text ?? '')).length >= Math.max(1, table.rows.length / 2),
    );
    for (const row of table.rows) {
      const label = table.labelColumn >= 0 ? row.cells[table.labelColumn]?.text.trim() ?? '' : '';
      for (const col of countCols) {
        const cell = row.cells[col.index];
        const n = cell ? /\d{1,5}/.exec(cell.text) : null;
        if (!cell || !n || !/^\s*\d{1,5}\s*$/.test(cell.text)) continue;
        const quantity = Number(n[0]);
        if (quantity <= 0) continue;
        const unit = /^so\s/.test(col.header) ? col.printed.replace(/^Số\s+/iu, '') : col.year !== null ? label : col.printed;
        if (!unit || /^(?:tổng|cộng)/iu.test(unit)) continue;
        const start = cell.start + n.index;
        out.push({
          quantity,
          unit,
          year: row.isTotal ? null : (col.year ?? row.year),
          item: itemLabelAt(ctx, cell.start),
          raw: `${label || col.printed}: ${cell.text.trim()}`,
          source: [spanOf(ctx.seg, start, start + n[0].length)],
        });
      }
    }
  }
  return out;
}
