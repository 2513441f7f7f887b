// Personal names in running text (news): Vietnamese names open with a family name; foreign
// names follow "ông", "bà", "Ngài" or an academic title.

import { countryOfPlace } from './lexicon.js';

/** Common Vietnamese family names (lower case). */
const FAMILY_NAMES = new Set(
  ('nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đào đoàn vương trịnh trương lâm phùng mai tô hà ' +
    'tạ lương lưu cao đinh triệu quách chu thái tăng lò lù hứa kiều khổng tôn giáp đàm châu từ nông vi bế quan mạc thân ' +
    'cù diệp đồng lã doãn khúc lục ninh âu bạch biện cấn chế đường giang hầu kha khuất kim lại lạc lỗ mã nghiêm ngọ nhữ ' +
    'quản sầm tiêu tống trà trình ứng vạn vy thạch mông hoàng')
    .split(' '),
);

export function isFamilyName(word: string): boolean {
  return FAMILY_NAMES.has(word.toLowerCase());
}

export interface PersonMention {
  name: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu;

/**
 * Vietnamese names in `text`: a family name followed by one to three capitalised syllables
 * ("Lê Minh Khôi", "Trương Công Hiển").
 */
export function vietnameseNames(text: string): PersonMention[] {
  const out: PersonMention[] = [];
  const words = [...text.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/^\p{Lu}/u.test(w[0]) || !isFamilyName(w[0])) continue;
    let k = i + 1;
    while (k < words.length && k - i <= 3 && /^\p{Lu}[\p{Ll}\p{M}]/u.test(words[k]![0]) && /^\s+$/.test(text.slice(words[k - 1]!.index! + words[k - 1]![0].length, words[k]!.index!))) k++;
    if (k - i < 2) continue;
    const start = w.index!;
    const last = words[k - 1]!;
    // "Thái Bình", "Hà Tĩnh": a province, not a person.
    if (countryOfPlace(text.slice(start, last.index! + last[0].length))) {
      i = k - 1;
      continue;
    }
    out.push({ name: text.slice(start, last.index! + last[0].length), start, end: last.index! + last[0].length });
    i = k - 1;
  }
  return out;
}

/** Names introduced by a courtesy or academic title: "ông Yoandy Pérez Santana", "GS.TS Khamphay Sivilay". */
export function introducedNames(text: string): PersonMention[] {
  const out: PersonMention[] = [];
  const re = /(?<![\p{L}])(?:ông|bà|Ông|Bà|Ngài|ngài|đồng chí|Đồng chí|Mr\.|Mrs\.|Ms\.|Dr\.|(?:GS|PGS|TS|ThS|BS)\.?(?:\s?TS\.?)?)\s+((?:\p{Lu}[\p{Ll}\p{M}'’-]*\.?\s?){2,5})/gu;
  for (const m of text.matchAll(re)) {
    const name = m[1]!.trim().replace(/[.,]$/, '');
    const start = m.index! + m[0].indexOf(m[1]!);
    out.push({ name, start, end: start + name.length });
  }
  return out;
}
