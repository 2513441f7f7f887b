// Organisation phrases in running text: where a name like "Sở Y tế tỉnh Nghệ An" or
// "Chính quyền tỉnh Bô-ly-khăm-xay" starts and ends, and the coordinations that name the two
// sides of an agreement ("giữa X và Y", "X và Y đã ký", "với Y", "BÊN A: …").

import { ORGAN_STARTERS } from '../../pipeline/text/lexicon.js';

export interface Phrase {
  text: string;
  start: number;
  end: number;
  /** A qualifier printed right after the name: "(Lào)", ", nước CHDCND Lào". */
  qualifier: string;
}

const TERRITORY_STARTERS = ['tinh ', 'thanh pho ', 'thu do ', 'huyen ', 'quan ', 'thi xa ', 'nganh y te ', 'chinh quyen ', 'nuoc '];
const STARTERS = [...ORGAN_STARTERS.filter((s) => s.endsWith(' ') || s.length > 4), ...TERRITORY_STARTERS];

/** True if an organisation name can start at folded[i]. */
export function startsOrgan(folded: string, i: number): boolean {
  const rest = folded.slice(i, i + 40);
  return STARTERS.some((s) => rest.startsWith(s));
}

// Lower-case words that end a name (verbs, function words). Folded.
const STOP = new Set([
  'cung', 'voi', 'da', 'dang', 'se', 'thong', 'ky', 'to', 've', 'trong', 'nham', 'giai', 'nam', 'tai', 'ngay', 'linh', 'cho',
  'de', 'theo', 'duoc', 'la', 'thuc', 'trien', 'tien', 'tham', 'lam', 'phoi', 'xay', 'gui', 'bao', 'tiep', 'don', 'trao',
  'chia', 'ho', 'nang', 'tang', 'thoa', 'ghi', 'ban', 'ke', 'quyet', 'tu', 'den', 'sau', 'truoc', 'khi', 'neu', 'co', 'khong',
  'nay', 'do', 'ma', 'thi', 'hai', 'gom', 'nhu', 'hop', 'giua', 'mot', 'so', 'cac', 'nhung', 've', 'vi', 'bang', 'tren', 'duoi',
  'ca', 'nhat', 'cam', 'dai', 'ra', 'vao', 'len', 'xuong', 'cua', 'hien', 'tao', 'dieu', 'phat', 'on', 'doi', 'nhan',
]);
// Lower-case words that may sit inside a name.
const INNER = new Set([
  'y', 'te', 'nhan', 'dan', 'tinh', 'thanh', 'pho', 'huyen', 'quan', 'thi', 'xa', 'kiem', 'soat', 'benh', 'tat', 'da', 'khoa',
  'trung', 'uong', 'quoc', 'gia', 'giao', 'duc', 'dao', 'tao', 'noi', 'vu', 'ngoai', 'tai', 'chinh', 'cac', 'vung', 'khu', 'vuc',
  'the', 'thao', 'du', 'lich', 'van', 'hoa', 'hoc', 'cong', 'nghe', 'nong', 'nghiep', 'phat', 'trien', 'thon', 'lao', 'dong',
  'thuong', 'binh', 'xa', 'hoi', 'doi', 'va', 'dau', 'tu', 'moi', 'truong', 'tai', 'nguyen', 'quyen', 'vien', 'tam', 'tuyen',
  'pho', 'thong', 'tin', 'truyen', 'so', 'xay', 'dung', 'nuoc', 'cong', 'dan', 'chu', 'nghia', 'cuc', 'vu', 'ban', 'chi',
  'dao', 'huu', 'nghi', 'san', 'nhi', 'mat', 'phoi', 'ung', 'buou', 'tim', 'mach', 'nhiet', 'doi', 'lao', 'rang', 'ham', 'dieu', 'duong',
  'ky', 'thuat', 'duoc', 'sinh', 'dinh', 'duong', 'suc', 'khoe', 'sinh', 'san', 'me', 'tre', 'em', 'cap', 'cuu',
]);
const MAX_WORDS = 14;

/**
 * A second organisation begins inside a run of capitalised words ("… Sở Y tế … Bộ Y tế …"):
 * an organ starter (not a territory word, which names continue with) followed by a
 * capitalised word. "Đông Nam Bộ đã …" is not one.
 */
function startsNewOrgan(text: string, folded: string, i: number): boolean {
  const rest = folded.slice(i, i + 40);
  const hit = ORGAN_STARTERS.find((s) => s.endsWith(' ') && rest.startsWith(s) && !TERRITORY_STARTERS.includes(s));
  if (!hit) return false;
  return /^\p{Lu}/u.test(text.slice(i + hit.length, i + hit.length + 2));
}

/** Reads an organisation name starting at `start` (a word start). Returns null if too short. */
export function readPhrase(text: string, folded: string, start: number, limit = text.length): Phrase | null {
  const re = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.&'’-]*/gu;
  re.lastIndex = start;
  let end = start;
  let words = 0;
  let lastCapital = true;
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) {
    const gap = text.slice(end, m.index);
    if (words > 0 && /[,;:.!?()\n"“”[\]]/.test(gap.replace(/\.$/, ''))) break;
    if (words > 0 && /\n/.test(gap)) break;
    const w = m[0];
    const f = folded.slice(m.index, m.index + w.length).replace(/[.]+$/, '');
    const capital = /^\p{Lu}/u.test(w) || /^\d/.test(w);
    if (words > 0 && !capital) {
      if (f === 'va') {
        // "Sở Giáo dục và Đào tạo": "và" inside a name is followed by a capitalised word that
        // does not start another organisation.
        const next = /\s+(\S+)/u.exec(text.slice(m.index + w.length, m.index + w.length + 40));
        const nextStart = next ? m.index + w.length + next.index + next[0].length - next[1]!.length : -1;
        if (!next || !/^\p{Lu}/u.test(next[1]!) || startsOrgan(folded, nextStart)) break;
      } else if (STOP.has(f) && !(INNER.has(f) && lastCapital === false && words < 3)) break;
      else if (!INNER.has(f) && f.length > 0) break;
    }
    if (words >= 2 && capital && startsNewOrgan(text, folded, m.index)) break;
    end = m.index + w.length;
    words++;
    lastCapital = capital;
    if (words >= MAX_WORDS) break;
  }
  if (words < 2) return null;
  let phraseEnd = end;
  let text0 = text.slice(start, phraseEnd);
  // Do not end on a lower-case connector.
  while (/\s(?:và|các|của|tỉnh|thành phố)$/u.test(text0)) {
    text0 = text0.replace(/\s\S+$/u, '');
    phraseEnd = start + text0.length;
  }
  const after = text.slice(phraseEnd, phraseEnd + 80);
  const q = /^\s*(?:\(([^)]{2,60})\)|,\s*((?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)[^,;.()\n]{2,60}))/u.exec(after);
  return { text: text0, start, end: phraseEnd, qualifier: q ? (q[1] ?? q[2] ?? '') : '' };
}

/** Cleans a party name: no trailing qualifiers, no "(sau đây gọi là …)". */
export function cleanPartyName(s: string): string {
  return s
    .replace(/\s*\((?:sau đây|gọi tắt|viết tắt)[^)]*\)/giu, '')
    .replace(/\s*\((?:Lào|Campuchia|Cam-pu-chia|Cuba|Việt Nam|CHDCND Lào|Vương quốc Campuchia)\)\s*$/iu, '')
    .replace(/,?\s*(?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)\s+[^,;]*$/u, '')
    .replace(/\s+/g, ' ')
    .replace(/[,;:\s]+$/, '')
    .trim();
}
