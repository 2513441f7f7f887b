// Names of organs (cơ quan, tổ chức): splitting a header into organ names, writing out
// abbreviations, ordinary case for all-capitals names, and the territory an organ belongs to.

import { countryOfPlace, expandAbbreviations, organStarterAt } from './lexicon.js';
import { capitalise, isUpperText } from './vietnamese.js';

export interface OrganPiece {
  /** Printed text (may span several header lines, joined by single spaces). */
  raw: string;
  start: number;
  end: number;
  /** The starter word ("so", "uy ban nhan dan") in folded form, or '' when none. */
  starter: string;
  /** Joined to the next organ by a dash at the end of its line ("SỞ Y TẾ TP HCM –"). */
  joined: boolean;
}

// Starters that open a new organ in the middle of a header line ("UBND TỈNH X SỞ Y TẾ"). Words
// like "khoa" or "ban" are left out: they occur inside names ("BỆNH VIỆN ĐA KHOA").
const MID_LINE = new Set(['uy ban nhan dan', 'ubnd', 'hoi dong nhan dan', 'hdnd', 'so', 'bo', 'chinh quyen', 'truong dai hoc', 'benh vien', 'trung tam', 'van phong', 'cuc', 'tong cuc', 'hoc vien', 'dai hoc', 'chi cuc']);

/** Organ starters at word starts of a header line: [offset, folded key] pairs. */
function starterPositions(line: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let i = 0;
  while (i < line.length) {
    if (i === 0 || /[\s(–-]/.test(line[i - 1]!)) {
      const hit = organStarterAt(line, i);
      if (hit && (i === 0 || MID_LINE.has(hit.key) || /[–-]\s*$/.test(line.slice(0, i)))) {
        out.push([i, hit.key]);
        i += hit.length;
        continue;
      }
      if (hit) {
        i += hit.length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/**
 * Splits header lines into organ names. Each line is [text, start offset]; a line that does
 * not open with a starter continues the organ above it ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG").
 */
export function splitOrgans(lines: Array<{ text: string; start: number }>): OrganPiece[] {
  const pieces: OrganPiece[] = [];
  for (const line of lines) {
    const starts = starterPositions(line.text);
    const cuts = starts.map(([o]) => o);
    if (cuts.length === 0 || cuts[0]! > 0) {
      // Continuation of the previous organ (or a name without starter).
      const endCut = cuts[0] ?? line.text.length;
      const part = line.text.slice(0, endCut).trim();
      const prev = pieces[pieces.length - 1];
      if (prev && !prev.joined) {
        prev.raw = `${prev.raw} ${part}`.trim();
        prev.end = line.start + endCut;
      } else if (part) {
        pieces.push({ raw: part, start: line.start, end: line.start + endCut, starter: '', joined: false });
      }
    }
    for (let k = 0; k < starts.length; k++) {
      const [o, starter] = starts[k]!;
      const e = k + 1 < starts.length ? starts[k + 1]![0] : line.text.length;
      const part = line.text.slice(o, e).trim();
      pieces.push({ raw: part, start: line.start + o, end: line.start + o + part.length, starter, joined: false });
    }
    const last = pieces[pieces.length - 1];
    if (last && /\s*[–-]\s*$/.test(last.raw)) {
      last.raw = last.raw.replace(/\s*[–-]\s*$/, '');
      last.joined = true;
    }
  }
  return pieces.filter((p) => p.raw.length > 1);
}

/** A printed organ name as a value: ordinary case, abbreviations written out, single spaces. */
const organNameCache = new Map<string, string>();

export function organName(raw: string): string {
  const cached = organNameCache.get(raw);
  if (cached !== undefined) return cached;
  let s = raw.replace(/\s+/g, ' ').replace(/[,;:]+$/, '').trim();
  if (isUpperText(s)) s = ordinaryCase(s);
  s = expandAbbreviations(s);
  if (organNameCache.size > 10_000) organNameCache.clear();
  organNameCache.set(raw, s);
  return s;
}

// Words after which a proper name follows: every word is capitalised up to a separator.
const TERRITORY_HEADS = ['tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', 'xã', 'phường', 'thị trấn', 'thủ đô', 'vương quốc', 'trường đại học', 'đại học', 'học viện', 'trường cao đẳng'];
// Organ types after which only the next word is capitalised ("Sở Y tế", "Bệnh viện Đa khoa").
const ORGAN_HEADS = ['sở', 'bộ', 'cục', 'vụ', 'tổng cục', 'trung tâm', 'bệnh viện', 'viện', 'chi cục', 'văn phòng', 'ban', 'chính quyền', 'phó', 'tổng', 'trường'];
const TERRITORY_WORDS = new Set(['tỉnh', 'thành', 'huyện', 'quận', 'thị', 'xã', 'phường', 'thủ']);
const KEEP_UPPER = /^(?:UBND|HĐND|TP\.?|TPHCM|HCM|CDC|KOICA|WHO|UNICEF|JICA|SYT|BYT|CHDCND|CHXHCN|VN|[IVX]+)$/u;

/**
 * Ordinary case for an all-capitals organ name or heading: "SỞ Y TẾ TỈNH KON TUM" → "Sở Y tế
 * tỉnh Kon Tum", "BỆNH VIỆN ĐA KHOA TỈNH KIÊN GIANG" → "Bệnh viện Đa khoa tỉnh Kiên Giang",
 * "TRƯỜNG ĐẠI HỌC Y DƯỢC CẦN THƠ" → "Trường Đại học Y Dược Cần Thơ".
 */
export function ordinaryCase(s: string): string {
  const parts = s.split(/(\s+)/);
  const words = parts.filter((p, i) => i % 2 === 0);
  const lower = words.map((w) => w.toLowerCase());
  const out: string[] = [];
  let proper = false;
  let capNext = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lw = lower[i]!;
    let cased: string;
    // "Sở Giáo dục và Đào tạo": the word after "và" in a department's name.
    const afterAnd = i > 1 && lower[i - 1] === 'và' && /^(?:sở|bộ|ban|cục|vụ)$/.test(lower[0]!);
    if (KEEP_UPPER.test(w)) cased = w;
    else if (i === 0 || proper || (capNext && !TERRITORY_WORDS.has(lw)) || afterAnd || isPlaceAt(lower, i)) cased = capitalise(lw);
    else cased = lw;
    out.push(cased);
    capNext = false;
    const one = lw;
    const two = i > 0 ? `${lower[i - 1]} ${lw}` : lw;
    const three = i > 1 ? `${lower[i - 2]} ${two}` : two;
    if (/[–,;(]$|^[–-]$/.test(w)) proper = false;
    if (TERRITORY_HEADS.includes(one) || TERRITORY_HEADS.includes(two) || TERRITORY_HEADS.includes(three)) proper = true;
    else if (!proper && (ORGAN_HEADS.includes(one) || ORGAN_HEADS.includes(two)) && !/^(?:ủy|uỷ) ban$/.test(two)) capNext = true;
  }
  // "Thành phố Hồ Chí Minh" is the city's full name.
  return parts.map((p, i) => (i % 2 === 0 ? out[i / 2]! : p)).join('').replace(/(?<!\p{L})thành phố(?= Hồ Chí Minh)/u, 'Thành phố');
}

/** A known place starts at word i ("Huế" in "Bệnh viện Trung ương Huế"). */
function isPlaceAt(lower: string[], i: number): boolean {
  for (let n = 3; n >= 1; n--) {
    for (let s = Math.max(0, i - n + 1); s <= i && s + n <= lower.length; s++) {
      if (countryOfPlace(lower.slice(s, s + n).join(' '))) return true;
    }
  }
  return false;
}

const TERRITORY = /(?:^|\s)((?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã)\s+.+)$/iu;

/** The territory named at the end of an organ name ("… tỉnh Bắc Giang" → "tỉnh Bắc Giang"), or null. */
export function territoryOf(name: string): string | null {
  const m = TERRITORY.exec(name);
  if (!m) return null;
  return m[1]!.replace(/\s*[–-].*$/, '').trim();
}

/**
 * Level of an organ in the ND30 header hierarchy: 0 for people's committees, provincial
 * administrations, ministries and the Government; 1 for departments, general departments,
 * universities' member schools; 2 for hospitals, centres, offices and branches under those.
 */
export function organLevel(starter: string, folded: string): number {
  if (['uy ban nhan dan', 'ubnd', 'hoi dong nhan dan', 'hdnd', 'chinh quyen', 'bo', 'chinh phu', 'tinh uy', 'thanh uy'].includes(starter)) return 0;
  if (starter === 'dai hoc' && !/^dai hoc\s+(?:y|duoc)/.test(folded)) return 0;
  if (['so', 'tong cuc', 'cuc', 'vu', 'truong dai hoc', 'hoc vien', 'dai hoc', 'van phong', 'ban', 'ministry', 'university', 'department', 'government', 'committee'].includes(starter)) return 1;
  return 2;
}

/** Organ kinds that name their territory after the people's committee above them. */
export function isProvincialDepartment(starter: string): boolean {
  return ['so', 'ban', 'chi cuc', 'trung tam', 'van phong', 'benh vien', 'thanh tra'].includes(starter);
}

// Header lines in English or Spanish restate the Vietnamese organ names of a bilingual header.
const FOREIGN_WORDS = /(?<![\p{L}])(?:of|the|and|de|la|del|provincial|general|referral|hospital|university|universidad|ministerio|salud|pública|república|ministry|department|people's|committee)(?![\p{L}])/iu;

export function isForeignLine(text: string): boolean {
  return FOREIGN_WORDS.test(text) && !/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơưăđ]/iu.test(text);
}

