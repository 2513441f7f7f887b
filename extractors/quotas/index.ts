// quotas: explicit target counts — people to train or send, scholarships, techniques to
// transfer, kits and equipment to give, courses — as an integer quantity with its unit. A count
// is a target when its clause carries a target verb (đào tạo, cử, hỗ trợ, cấp, chuyển giao…)
// or a target year, and not a past achievement ("đã đào tạo"), a composition ("đoàn gồm 05
// người"), an ordinal, a duration or a number of copies. Tables of targets by row and year are
// read cell by cell.

import type { Quota } from '../../schemas/record.js';
import { parseNumber } from '../../pipeline/text/numbers.js';
import { fold } from '../../pipeline/text/vietnamese.js';
import { inStamp, itemLabelAt, mainTextRange, spanOf, type ExtractContext } from '../context.js';
import { readTables } from '../tables.js';

// Nouns after a number that never make a target: measures, time, places, money, documents,
// copies, members of a delegation or committee. Anything else counted in a target clause is a
// quota ("15.000 cây giống", "12 đơn nguyên", "01 hệ thống hội chẩn"). Printed, lower case.
const NOT_UNITS = new Set([
  'năm', 'tháng', 'ngày', 'tuần', 'giờ', 'phút', 'giây', 'lần', 'km', 'm', 'cm', 'mm', 'ha', 'kg', 'g', 'tấn', 'tạ', 'lít', 'm2', 'm3',
  'tuổi', 'tỉnh', 'huyện', 'xã', 'quận', 'phường', 'thị', 'thành', 'bản', 'trang', 'điều', 'khoản', 'chương', 'mục', 'phụ',
  'đồng', 'triệu', 'tỷ', 'tỉ', 'nghìn', 'ngàn', 'trăm', 'usd', 'đô', 'euro', 'yên', 'kíp', 'độ', 'phần', 'bệnh', 'cơ', 'đơn',
  'sở', 'ban', 'ngành', 'địa', 'nước', 'quốc', 'dân', 'lĩnh', 'nội', 'nhiệm', 'chỉ', 'mục', 'giai', 'kỳ', 'quý', 'học',
  'tiết', 'thành', 'đại', 'đoàn', 'đồng', 'ý', 'văn', 'quyết', 'kế', 'hợp', 'bước', 'nhóm', 'cấp', 'tầng', 'khoa', 'bên',
  'lượt', 'số', 'trường', 'vòng', 'cửa', 'tuyến', 'vùng', 'lần', 'thứ', 'hạng', 'điểm', 'tiêu', 'loại', 'mặt', 'chiều',
  'đường', 'phố', 'ngõ', 'hẻm', 'ấp', 'thôn', 'bản',
]);
// Nouns in NOT_UNITS that do make targets when followed by these words ("lượt người", "học viên", "đơn nguyên").
const UNIT_EXCEPTIONS = /^(?:lượt (?:người|bệnh nhân|khám|cán bộ)|học (?:viên|sinh|bổng)|đơn nguyên|bệnh nhân|cơ số|đoàn viên|bản đồ|khoa học|kỹ thuật|trường hợp|đồng hồ|điều dưỡng|điều phối viên|cơ sở dữ liệu|đội|bộ)/u;
// A unit is a noun: these words after a number belong to the sentence, not to a count.
const FUNCTION_WORDS = new Set([
  'và', 'là', 'đến', 'như', 'tại', 'để', 'với', 'của', 'cho', 'từ', 'trong', 'khi', 'nếu', 'thì', 'mà', 'cần', 'phải', 'giảm',
  'tăng', 'được', 'đã', 'sẽ', 'đang', 'có', 'không', 'này', 'đó', 'các', 'những', 'một', 'hoặc', 'hay', 'nhằm', 'về', 'theo',
  'trên', 'dưới', 'sau', 'trước', 'đến', 'tới', 'qua', 'bằng', 'gồm', 'ở', 'vào', 'ra', 'còn', 'đều', 'cũng', 'chỉ', 'rồi',
  'khoảng', 'hết', 'lên', 'xuống', 'nữa', 'thêm', 'đạt', 'trở', 'chuyển', 'dự', 'kiến', 'thực', 'triển', 'bàn', 'đưa', 'nhé',
  'originals', 'in', 'of', 'and', 'the', 'to', 'for',
]);

// Checked against the lower-cased printed text: folding would confuse cử/cũ/căn cứ, có/cơ.
const B = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
const TARGET_VERBS = new RegExp(
  `${B}(?:đào tạo|tập huấn|bồi dưỡng|cử|tiếp nhận|hỗ trợ|cấp|trao|tặng|chuyển giao|cung cấp|trang bị|xây dựng|tổ chức|mở|tuyển|tuyển sinh|khám|phấn đấu|đạt|ít nhất|tối thiểu|tối đa|dự kiến|chỉ tiêu|mục tiêu|trao đổi|gửi|điều động|bố trí|phẫu thuật|điều trị|tiêm|tài trợ|viện trợ|mời|đón|hướng dẫn|nghiên cứu|thực hiện|triển khai|nhận|học bổng|xét tuyển|tiếp đón|thực tập|học|giảng dạy|biên soạn|xuất bản|in|lắp đặt|bàn giao|thành lập|hình thành|thiết lập|dành|chuẩn bị|tham gia|trang cấp|phân bổ|tổng số|tổng cộng|tổng|gồm|bao gồm|trong đó)${E}`,
  'u',
);
// Achievements and facts, not targets: "đã đào tạo", "đang đào tạo", "hưởng lợi".
const NOT_TARGET_BEFORE = new RegExp(`${B}(?:đã(?! (?:thống nhất|ký|đồng ý|nhất trí|phê duyệt|được phê duyệt))|đang|lần thứ|thứ tự|kết quả|hưởng lợi|được hưởng|trong số|đạt được)${E}`, 'u');
// Sections that report results rather than set targets.
const RESULTS_SECTION = /^(?:ket qua|tinh hinh thuc hien|danh gia|thuc trang|nhung ket qua)/;
// A count right after "có", "gồm", "với" describes what exists, not a target.
const DESCRIPTIVE_RIGHT_BEFORE = new RegExp(`${B}(?:có|hiện có|với|của|trong|trên|tại|thuộc|cho phép|sau|trước|khoảng cách)\\s+(?:khoảng\\s+|hơn\\s+|trên\\s+|gần\\s+)?$`, 'u');
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
  // rowKey keeps two table rows with the same count apart.
  const push = (q: Quota, rowKey = '') => {
    const key = `${q.quantity}|${headOf(q.unit)}|${q.year ?? ''}|${rowKey}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(q);
  };
  const bodyFrom = Math.max(from, seg.body.start);
  const bodyTo = Math.min(to, seg.body.end);
  const tableRanges = [...seg.tableUnits].map((i) => [seg.units[i]!.start, seg.units[i]!.end] as const);
  const inTable = (o: number) => tableRanges.some(([a, b]) => o >= a && o < b);
  const folded = seg.folded;
  const re = /(?<![\d.,/:-])(\d{1,5}(?:[.,]\d{3})*)(?![\d/:]|[.,]\d)\s*(?:\(\s*[\p{L} ]{2,30}\)\s*)?/gu;
  const text = seg.text;
  let lastUnitEnd = -1;
  re.lastIndex = bodyFrom;
  for (let m = re.exec(text); m && m.index < bodyTo; m = re.exec(text)) {
    const start = m.index;
    if (inTable(start) || inStamp(seg, start) || inResultsSection(ctx, start)) continue;
    const quantity = parseNumber(m[1]!);
    if (quantity === null || quantity <= 0 || quantity > 100000) continue;
    const unitStart = m.index + m[0].length;
    const unit = readUnit(text, folded, unitStart);
    if (!unit) continue;
    const first = unit.text.split(/\s+/)[0]!.toLowerCase();
    if (FUNCTION_WORDS.has(first)) continue;
    if (NOT_UNITS.has(first) && !UNIT_EXCEPTIONS.test(unit.text.toLowerCase())) continue;
    // A bare year ("2024 và …") is not a count.
    if (/^(?:19|20)\d{2}$/.test(m[1]!)) continue;
    const clause = clauseBefore(folded, start);
    const printed = clauseBefore(text, start).toLowerCase();
    if (NOT_TARGET_BEFORE.test(sentenceBefore(text, start).toLowerCase())) continue;
    if (DESCRIPTIVE_RIGHT_BEFORE.test(printed) && !PREFIX.test(printed)) continue;
    if (!TARGET_VERBS.test(printed) && !/(?:moi|hang|hàng) nam|nam (?:19|20)\d{2}/.test(clause)) continue;
    // Ordinals, article numbers, dates and addresses: "lần thứ 3", "Điều 5", "số 179 đường …".
    if (/(?<![\p{L}])(?:lần thứ|thứ|(?<!tổng )số|điều|khoản|mục|phụ lục|ngày|tháng|tuổi|đường|phố)\s*$/u.test(printed)) continue;
    // "Bệnh viện Nhân Dân 115": a three-digit number (no leading zero) inside a proper name.
    if (/^[1-9]\d{2}$/.test(m[1]!) && /\p{Lu}[\p{Ll}\p{M}]*\s+\p{Lu}[\p{Ll}\p{M}]*\s+$/u.test(text.slice(Math.max(0, start - 40), start))) continue;
    // "01 máy điện tim 6 kênh": a number that specifies the unit just read is not another count.
    if (lastUnitEnd >= 0 && /^\s?$/.test(text.slice(lastUnitEnd, start))) continue;
    lastUnitEnd = unit.end;
    push({
      quantity,
      unit: unit.text,
      year: yearOf(folded, start),
      item: itemLabelAt(ctx, start),
      raw: text.slice(start, unit.end),
      source: [spanOf(seg, start, unit.end)],
    });
  }
  for (const { quota, rowKey } of tableQuotas(ctx)) push(quota, rowKey);
  return out;
}

/** The sentence before a number (back to the last full stop, colon or line start). */
function sentenceBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const s = text.slice(Math.max(lineStart, at - 300), at);
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf(': '), s.lastIndexOf('? '));
  return cut >= 0 ? s.slice(cut + 1) : s;
}

function inResultsSection(ctx: ExtractContext, offset: number): boolean {
  const { seg } = ctx;
  let list = seg.body.outline;
  for (;;) {
    const s = list.find((x) => offset >= x.start && offset < x.end);
    if (!s) return false;
    const heading = seg.folded.slice(s.headingStart, s.headingEnd).trim();
    if (RESULTS_SECTION.test(heading) && !/muc tieu|nhiem vu|ke hoach|phuong huong|chi tieu/.test(heading)) return true;
    list = s.children;
  }
}

// Two mentions of one target share the words of their unit ("15 nhân viên y tế" twice);
// "01 chuyên gia châm cứu" and "01 chuyên gia nhãn khoa" are two targets.
function headOf(unit: string): string {
  return fold(unit).split(/\s+/).slice(0, 6).join(' ');
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
    if (words === 0 && gap.trim() !== '') return null;
    if (words === 0 && !/^\p{Ll}/u.test(m[0])) return null;
    if (words > 0 && /[^\s]/.test(gap)) break;
    if (words > 0 && /\n/.test(gap)) break;
    const f = folded.slice(m.index, m.index + m[0].length);
    if (words > 0 && STOP_WORDS.has(f)) break;
    // Capitalised words end the unit, except a specialty's name ("bác sĩ chuyên khoa Ngoại").
    if (words > 0 && /^\p{Lu}/u.test(m[0]) && !/(?:khoa|nganh|mon)$/.test(folded.slice(at, end))) break;
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
function tableQuotas(ctx: ExtractContext): Array<{ quota: Quota; rowKey: string }> {
  const out: Array<{ quota: Quota; rowKey: string }> = [];
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
        const quota: Quota = {
          quantity,
          unit,
          year: row.isTotal ? null : (col.year ?? row.year),
          item: itemLabelAt(ctx, cell.start),
          raw: `${label || col.printed}: ${cell.text.trim()}`,
          source: [spanOf(ctx.seg, start, start + n[0].length)],
        };
        out.push({ quota, rowKey: row.isTotal ? '' : label });
      }
    }
  }
  return out;
}
