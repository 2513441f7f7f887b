// Outline labels of Vietnamese administrative texts: Phần/Chương/Mục/Điều, roman section
// numbers, 1. / 1.1. / a) / - / +, and the ranks that order them into a tree.

export type LabelKind =
  | 'phan'
  | 'chuong'
  | 'muc'
  | 'dieu'
  | 'article'
  | 'roman'
  | 'arabic'
  | 'letter'
  | 'ordinal'
  | 'dash'
  | 'plus';

export interface Label {
  kind: LabelKind;
  /** Normalized label: "II", "1", "1.2", "a", "Điều 3", "-". */
  value: string;
  /** Numeric path: [2] for II, [1, 2] for 1.2, [1] for a). */
  path: number[];
  /** Offsets relative to the string the label was read from. */
  start: number;
  end: number;
  /** Where the item's own text starts (after label punctuation and spaces). */
  bodyStart: number;
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

export function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!] ?? 0;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

const ORDINALS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

const PATTERNS: Array<{ kind: LabelKind; re: RegExp }> = [
  { kind: 'phan', re: /^(Phần\s+(?:thứ\s+\p{L}+|[IVXLC]+|\d+))\s*[.:\-–]?\s*/iu },
  { kind: 'chuong', re: /^(Chương\s+(?:[IVXLC]+|\d+))\s*[.:\-–]?\s*/iu },
  { kind: 'muc', re: /^(Mục\s+\d+)\s*[.:\-–]\s*/iu },
  { kind: 'dieu', re: /^(Điều\s+\d+)\s*[.:\-–]?\s*/u },
  { kind: 'article', re: /^(Article\s+\d+)\s*[.:\-–]?\s*/u },
  { kind: 'roman', re: /^([IVXLC]{1,6})(?:\s*[.)]|\/\s)\s*(?=\S)/u },
  { kind: 'arabic', re: /^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)]\s*|\/\s+|\s+(?=[\p{Lu}“"(]))(?=\S)/u },
  { kind: 'letter', re: /^([a-zđ])\s*[)]\s*(?=\S)|^([a-zđ])\.\s+(?=\p{Lu})/u },
  // "Thứ nhất, …" — not a weekday ("Thứ Sáu, 18/10/2024"), whose second word is capitalised.
  { kind: 'ordinal', re: /^([Tt]hứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))\s*[,:.]\s*(?!\d)/u },
  { kind: 'dash', re: /^([-–—•·*])\s+/u },
  { kind: 'plus', re: /^(\+)\s*/u },
];

/** Reads the outline label at `at` in `s`, if any. */
// Which patterns can match, by the first character of the line.
function candidates(first: string): typeof PATTERNS {
  if (first >= '0' && first <= '9') return ARABIC;
  switch (first) {
    case 'P': case 'p': return BY_KIND.phan;
    case 'C': return CHUONG_OR_ROMAN;
    case 'M': case 'm': return BY_KIND.muc;
    case 'Đ': return BY_KIND.dieu;
    case 'A': return BY_KIND.article;
    case 'I': case 'V': case 'X': case 'L': return BY_KIND.roman;
    case 'T': return BY_KIND.ordinal;
    case 't': return ORDINAL_OR_LETTER;
    case '+': return BY_KIND.plus;
    case '-': case '–': case '—': case '•': case '·': case '*': return BY_KIND.dash;
    default: return /[a-zđ]/.test(first) ? BY_KIND.letter : [];
  }
}

export function outlineLabelAt(s: string, at = 0): Label | null {
  const rest = at === 0 ? s : s.slice(at);
  for (const { kind, re } of candidates(rest.charAt(0))) {
    const m = re.exec(rest);
    if (!m) continue;
    const raw = (m[1] ?? m[2] ?? '').trim();
    const label = makeLabel(kind, raw);
    if (!label) continue;
    const labelEnd = rest.indexOf(raw) + raw.length;
    return { ...label, start: at, end: at + labelEnd, bodyStart: at + m[0].length };
  }
  return null;
}

const BY_KIND = Object.fromEntries(PATTERNS.map((p) => [p.kind, [p]])) as Record<LabelKind, typeof PATTERNS>;
const ARABIC = BY_KIND.arabic;
const CHUONG_OR_ROMAN = [...BY_KIND.chuong, ...BY_KIND.roman];
const ORDINAL_OR_LETTER = [...BY_KIND.ordinal, ...BY_KIND.letter];

function makeLabel(kind: LabelKind, raw: string): Omit<Label, 'start' | 'end' | 'bodyStart'> | null {
  switch (kind) {
    case 'roman': {
      const v = romanValue(raw);
      if (v < 1 || v > 40 || toRoman(v) !== raw) return null;
      return { kind, value: raw, path: [v] };
    }
    case 'arabic': {
      const path = raw.split('.').map(Number);
      if (path.some((n) => !Number.isFinite(n) || n < 0) || path[0] === 0) return null;
      return { kind, value: raw, path };
    }
    case 'letter': {
      const code = raw === 'đ' ? 5 : raw.charCodeAt(0) - 96 + (raw > 'd' ? 1 : 0);
      return { kind, value: raw, path: [code] };
    }
    case 'dieu':
    case 'article':
    case 'muc': {
      const n = Number(/\d+/.exec(raw)![0]);
      const value = kind === 'dieu' ? `Điều ${n}` : kind === 'article' ? `Article ${n}` : `Mục ${n}`;
      return { kind, value, path: [n] };
    }
    case 'chuong':
    case 'phan': {
      const tail = raw.split(/\s+/).slice(1).join(' ');
      const n = /^\d+$/.test(tail) ? Number(tail) : romanValue(tail.toUpperCase()) || ordinalValue(tail.replace(/^thứ\s+/i, ''));
      return { kind, value: raw.replace(/\s+/g, ' '), path: [n || 1] };
    }
    case 'ordinal':
      return { kind, value: raw.replace(/\s+/g, ' '), path: [ordinalValue(raw.replace(/^thứ\s+/i, ''))] };
    default:
      return { kind, value: raw, path: [] };
  }
}

function ordinalValue(word: string): number {
  const i = ORDINALS.indexOf(word.toLowerCase());
  return i >= 0 ? i + 1 : 0;
}

export function toRoman(n: number): string {
  const table: Array<[number, string]> = [
    [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of table) while (n >= v) {
    out += r;
    n -= v;
  }
  return out;
}

/**
 * Rank of a label in the usual ND30 hierarchy; a smaller rank is an outer level. Arabic
 * labels nest by their depth ("1" < "1.1" < "1.1.1").
 */
export function labelRank(l: Label): number {
  switch (l.kind) {
    case 'phan':
      return 0;
    case 'chuong':
      return 1;
    case 'muc':
      return 2;
    case 'dieu':
    case 'article':
      return 3;
    case 'roman':
      return 4;
    case 'ordinal':
      return 5;
    case 'arabic':
      return 5 + (l.path.length - 1) * 0.5;
    case 'letter':
      return 7.5;
    case 'dash':
      return 8;
    case 'plus':
      return 9;
  }
}

/**
 * In a flattened text, is `next` a plausible continuation of the numbering seen so far?
 * Accepts a first item, a child (1 → 1.1), a sibling (1.1 → 1.2) or a return to an outer
 * level (1.3 → 2, II after its arabic children).
 */
export function acceptsAsNext(seen: Label[], prev: Label | null, next: Label): boolean {
  if (next.kind === 'roman') {
    const lastRoman = [...seen].reverse().find((l) => l.kind === 'roman');
    return lastRoman ? next.path[0] === lastRoman.path[0]! + 1 : next.path[0] === 1;
  }
  if (next.kind === 'letter') {
    const lastLetter = prev?.kind === 'letter' ? prev : null;
    return lastLetter ? next.path[0] === lastLetter.path[0]! + 1 : next.path[0] === 1;
  }
  if (next.kind !== 'arabic') return false;
  const lastArabic = [...seen].reverse().find((l) => l.kind === 'arabic');
  if (!lastArabic || (prev?.kind === 'roman' && lastArabic.start < prev.start)) return next.path.length === 1 ? next.path[0] === 1 : next.path.every((n) => n === 1);
  const p = lastArabic.path;
  const q = next.path;
  if (q.length === p.length + 1 && q.slice(0, p.length).every((n, i) => n === p[i]) && q[q.length - 1] === 1) return true;
  if (q.length <= p.length) {
    const prefixOk = q.slice(0, -1).every((n, i) => n === p[i]);
    return prefixOk && q[q.length - 1] === p[q.length - 1]! + 1;
  }
  return false;
}
