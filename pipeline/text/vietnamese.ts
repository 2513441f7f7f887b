// Vietnamese letters, folding and tone placement: the shared vocabulary every stage
// uses to compare text. Values keep their printed form; these functions are for matching.

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS = /[\u0300-\u036f]/g;

/** Lower-case, strip every diacritic, đ → d. "Thỏa thuận" → "thoa thuan". */
export function fold(s: string): string {
  // The table fold handles precomposed letters; loose combining marks are dropped after it.
  const f = foldKeepOffsets(s);
  return /[\u0300-\u036f]/.test(f) ? f.normalize('NFD').replace(ALL_MARKS, '') : f;
}

/** Folds and keeps only letters/digits separated by single spaces: the form used to compare names. */
export function foldWords(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

// New-style placement puts the tone on the second vowel of an open oa/oe/uy ("hoà", "thuỷ");
// the classic one on the first ("hòa", "thủy"). Both are printed; we compare under the classic one.
const NEW_STYLE = /(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}])/gu;

/** Moves tone marks to the classic placement (hoà → hòa, thuỷ → thủy, khoẻ → khỏe). NFC in, NFC out. */
export function normalizeTonePlacement(s: string): string {
  const d = s.normalize('NFD');
  if (!/[oOuU][aAeEyY][\u0300\u0301\u0303\u0309\u0323]/.test(d)) return s;
  return d.replace(NEW_STYLE, (m, v1: string, v2: string, tone: string) => {
    // "uy" keeps the tone on y when u carries its own mark (ưy does not occur) – only plain u/o move.
    return `${v1}${tone}${v2}`;
  }).normalize('NFC');
}

/** Removes tone marks but keeps vowel quality (â ă ê ô ơ ư đ): "Thường" → "Thương". */
export function stripTones(s: string): string {
  return s.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

/** Comparison key that ignores case and tone placement but keeps diacritics. */
export function matchKey(s: string): string {
  return normalizeTonePlacement(s.normalize('NFC')).toLowerCase();
}

// Characters that only Vietnamese uses among Latin scripts (lower case; NFC).
const VIETNAMESE_ONLY = 'ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơưăđĩũ';
const VIETNAMESE_ONLY_SET = new Set([...VIETNAMESE_ONLY, ...VIETNAMESE_ONLY.toUpperCase()]);

export function isVietnameseOnlyLetter(ch: string): boolean {
  return VIETNAMESE_ONLY_SET.has(ch);
}

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
// Vowel nuclei with their glides, tones removed (vowel quality kept).
const NUCLEUS =
  '(?:uyê|uya|ươi|ươu|uôi|oai|oay|oeo|uây|yêu|iêu|oă|oa|oe|uâ|uê|uơ|uy|ươ|uô|iê|yê|ia|ua|ưa|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|oo|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)';
const CODA = '(?:ch|ng|nh|c|m|n|p|t)?';
const SYLLABLE_RE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);

/** True if `word` (one syllable, any case, any tone) is phonotactically a Vietnamese syllable. */
const syllableCache = new Map<string, boolean>();

export function isVietnameseSyllable(word: string): boolean {
  const cached = syllableCache.get(word);
  if (cached !== undefined) return cached;
  const w = stripTones(word.toLowerCase());
  const ok = w.length > 0 && w.length <= 8 && SYLLABLE_RE.test(w);
  if (syllableCache.size > 50_000) syllableCache.clear();
  syllableCache.set(word, ok);
  return ok;
}

// Case of each BMP code unit below U+2000: 1 lower-case letter, 2 upper-case letter, 0 other.
const CASE_TABLE = (() => {
  const t = new Uint8Array(0x2000);
  for (let c = 0; c < t.length; c++) {
    const ch = String.fromCharCode(c);
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo !== up) t[c] = ch === up ? 2 : 1;
  }
  return t;
})();

/** True if at least two letters and more than 85% of the letters are capitals. */
export function isUpperText(s: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = c < 0x2000 ? CASE_TABLE[c]! : s[i]!.toLowerCase() !== s[i]!.toUpperCase() ? (s[i] === s[i]!.toUpperCase() ? 2 : 1) : 0;
    if (k) {
      letters++;
      if (k === 2) upper++;
    }
  }
  return letters >= 2 && upper / letters > 0.85;
}

/** Capitalises the first letter of a word. */
export function capitalise(w: string): string {
  const i = w.search(/\p{L}/u);
  if (i < 0) return w;
  return w.slice(0, i) + w.charAt(i).toUpperCase() + w.slice(i + 1);
}

// Length-preserving fold: one UTF-16 unit in, one out. Regexes written for folded ASCII
// then give offsets that are valid in the original text.
const FOLD_TABLE = (() => {
  const t = new Uint16Array(0x2000);
  for (let c = 0; c < t.length; c++) {
    const ch = String.fromCharCode(c);
    let f = ch.normalize('NFD').replace(ALL_MARKS, '');
    if (f === 'đ' || f === 'Đ') f = 'd';
    f = f.toLowerCase();
    t[c] = f.length === 1 ? f.charCodeAt(0) : ch.toLowerCase().length === 1 ? ch.toLowerCase().charCodeAt(0) : c;
  }
  return t;
})();

const UTF16 = new TextDecoder('utf-16le');

/** fold() that keeps the length and every offset: "Số: 12/KH-SYT" → "so: 12/kh-syt". */
export function foldKeepOffsets(s: string): string {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 0x2000 ? FOLD_TABLE[c]! : c;
  }
  return UTF16.decode(out);
}
