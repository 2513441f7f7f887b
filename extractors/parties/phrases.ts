// Organisation phrases in running text: where a name like "Sở Y tế tỉnh Nghệ An" or
// "Chính quyền tỉnh Bô-ly-khăm-xay" starts and ends, and what qualifier follows it.

import { isCountryName, organStarterAt } from '../../pipeline/text/lexicon.js';

export interface Phrase {
  text: string;
  start: number;
  end: number;
  /** A qualifier printed right after the name: "(Lào)", ", nước CHDCND Lào". */
  qualifier: string;
}

// Territories open a name as well as organs do ("tỉnh Hà Tĩnh", "Thủ đô Viêng Chăn").
const TERRITORY = /^(?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã|ngành y tế)(?![\p{L}])/iu;

/** True if an organisation or territory name can start at text[i]. */
export function startsOrgan(text: string, i: number): boolean {
  return organStarterAt(text, i) !== null || TERRITORY.test(text.slice(i, i + 16));
}

function isTerritoryAt(text: string, i: number): boolean {
  return TERRITORY.test(text.slice(i, i + 16));
}

// Lower-case words that end a name (verbs, function words), as printed: folding would mix up
// "đã" and "đa" (đa khoa), "ký" and "kỹ", "từ" and "tư" (Đầu tư).
const STOP = new Set([
  'cùng', 'với', 'đã', 'đang', 'sẽ', 'thống', 'ký', 'tổ', 'về', 'trong', 'nhằm', 'giai', 'năm', 'tại', 'ngày', 'lĩnh', 'cho',
  'để', 'theo', 'được', 'là', 'thực', 'triển', 'tiến', 'tham', 'làm', 'phối', 'xây', 'gửi', 'báo', 'tiếp', 'đón', 'trao',
  'chia', 'hỗ', 'nâng', 'tăng', 'thỏa', 'thoả', 'ghi', 'kế', 'quyết', 'từ', 'đến', 'sau', 'trước', 'khi', 'nếu', 'có',
  'không', 'này', 'đó', 'mà', 'thì', 'hai', 'gồm', 'như', 'hợp', 'giữa', 'một', 'những', 'vì', 'bằng', 'trên', 'dưới',
  'cả', 'nhất', 'cam', 'ra', 'vào', 'lên', 'xuống', 'của', 'hiện', 'điều', 'ôn', 'đối', 'nhận', 'do', 'bố', 'cử',
  'phê', 'tổng', 'đánh', 'chủ', 'ở', 'qua', 'cũng', 'còn', 'vừa', 'đều', 'luôn', 'tới', 'sang',
]);
// Lower-case words that may sit inside a name. Folded.
const INNER = new Set([
  'y', 'te', 'nhan', 'dan', 'tinh', 'thanh', 'pho', 'huyen', 'quan', 'thi', 'xa', 'kiem', 'soat', 'benh', 'tat', 'da', 'khoa',
  'trung', 'uong', 'quoc', 'gia', 'giao', 'duc', 'dao', 'tao', 'noi', 'vu', 'ngoai', 'tai', 'chinh', 'cac', 'vung', 'khu', 'vuc',
  'the', 'thao', 'du', 'lich', 'van', 'hoa', 'hoc', 'cong', 'nghe', 'nong', 'nghiep', 'phat', 'trien', 'thon', 'lao', 'dong',
  'thuong', 'binh', 'hoi', 'doi', 'dau', 'tu', 'moi', 'truong', 'nguyen', 'quyen', 'vien', 'tam', 'tuyen',
  'tin', 'truyen', 'so', 'dung', 'nuoc', 'chu', 'nghia', 'cuc', 'ban', 'chi',
  'huu', 'nghi', 'san', 'nhi', 'mat', 'phoi', 'ung', 'buou', 'tim', 'mach', 'nhiet', 'rang', 'ham', 'dieu', 'duong',
  'thuat', 'duoc', 'sinh', 'dinh', 'suc', 'khoe', 'me', 'tre', 'em', 'cap', 'cuu', 'do', 'khang', 'sat', 'ngu', 'lam', 'thuy', 'san', 'tac'
]);
const MAX_WORDS = 14;

/**
 * A second organisation begins inside a run of capitalised words ("… Sở Y tế … Bộ Y tế …"):
 * an organ starter (not a territory word, which names continue with) followed by a
 * capitalised word. "Đông Nam Bộ đã …" is not one.
 */
function startsNewOrgan(text: string, i: number): boolean {
  const hit = organStarterAt(text, i);
  if (!hit || isTerritoryAt(text, i)) return false;
  return /^\s\p{Lu}/u.test(text.slice(i + hit.length, i + hit.length + 2));
}

/** Reads an organisation name starting at `start` (a word start). Returns null if too short. */
export function readPhrase(text: string, folded: string, start: number, limit = text.length): Phrase | null {
  const re = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.&'’-]*/gu;
  // The starter's own words ("tổ chức", "ủy ban nhân dân") are part of the name whatever their case.
  const starter = organStarterAt(text, start);
  re.lastIndex = start + (starter?.length ?? 0);
  let end = start + (starter?.length ?? 0);
  let words = starter ? text.slice(start, end).split(/\s+/).length : 0;
  let prevWord = starter?.key.split(' ').pop() ?? '';
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    const gap = text.slice(end, m.index);
    if (words > 0 && /[,;:!?()\n"“”[\]/|»>]|\.\s/.test(gap)) break;
    const w = m[0].replace(/\.$/, '');
    const f = folded.slice(m.index, m.index + w.length);
    const capital = /^\p{Lu}/u.test(w);
    if (words > 0 && /^\d/.test(w)) {
      // "Bệnh viện Nhân dân 115", "Bệnh viện 108": a number right after a name word.
      if (!/^\d{2,3}$/.test(w) || !/(?:vien|dan)$/.test(prevWord)) break;
    } else if (words > 0 && !capital) {
      if (f === 'va') {
        // "Sở Giáo dục và Đào tạo": "và" inside a name is followed by a capitalised word that
        // does not start another organisation.
        const next = /^\s+(\S+)/u.exec(text.slice(m.index + w.length, m.index + w.length + 40));
        const nextStart = next ? m.index + w.length + next[0].length - next[1]!.length : -1;
        if (!next || !/^\p{Lu}/u.test(next[1]!) || startsOrgan(text, nextStart)) break;
      } else if (isCountryName(`${prevWord} ${f}`) && !isCountryName(prevWord)) {
        // "Bộ Y tế Cu ba": a country spelled in two syllables.
      } else if (STOP.has(w.toLowerCase()) || !INNER.has(f)) break;
    }
    if (words >= 2 && capital && startsNewOrgan(text, m.index)) break;
    end = m.index + w.length;
    words++;
    prevWord = f;
    if (words >= MAX_WORDS) break;
  }
  if (words < 2) return null;
  let phraseEnd = end;
  let text0 = text.slice(start, phraseEnd);
  // Do not end on a lower-case connector.
  while (/\s(?:và|các|của|tỉnh|thành phố|thủ đô)$/u.test(text0)) {
    text0 = text0.replace(/\s\S+$/u, '');
    phraseEnd = start + text0.length;
  }
  const after = text.slice(phraseEnd, phraseEnd + 80);
  const q = /^\s*(?:\(([^)]{2,60})\)|,\s*((?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)[^,;.()\n]{2,60}?)(?=\s+(?:và|với|cùng|đã|sẽ|thống nhất|ký)\s|[,;.()\n]|$))/u.exec(after);
  return { text: text0, start, end: phraseEnd, qualifier: q ? (q[1] ?? q[2] ?? '') : '' };
}

/** Cleans a party name: no trailing qualifiers, no "(sau đây gọi là …)". */
export function cleanPartyName(s: string): string {
  return s
    .replace(/\s*\((?:sau đây|gọi tắt|viết tắt)[^)]*\)/giu, '')
    .replace(/\s*\((?:Lào|Campuchia|Cam-pu-chia|Cuba|Việt Nam|CHDCND Lào|Vương quốc Campuchia)\)\s*$/iu, '')
    .replace(/,\s*(?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)\s+[^,;]*$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/[,;:\s]+$/, '')
    .trim();
}
