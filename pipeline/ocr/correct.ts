// Vietnamese post-correction of OCR words, where the document's structure says what a word
// must be: letters read inside document numbers and dates (O/0, l/1, I/1), section numerals
// at the start of a line (II. read as 11. or Il.), and "thắng"/"thàng" in a date line. Each
// rule is kept only if it lowered CER on the scan corpus (see README, "OCR").

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OcrWord } from './engine.js';
import { normalizeTonePlacement } from '../text/vietnamese.js';

/** The form syllables are counted under: NFC, lower case, classic tone placement. */
export function syllableKey(s: string): string {
  return normalizeTonePlacement(s.normalize('NFC').toLowerCase());
}

interface Lexicon {
  syllables: Set<string>;
  unigrams: Map<string, number>;
  bigrams: Map<string, number>;
}

let lexicon: Lexicon | null | undefined;

/** Syllable statistics built by scripts/build-ocr-lexicon.mjs (read from the source tree, or next to dist). */
function loadLexicon(): Lexicon | null {
  if (lexicon !== undefined) return lexicon;
  for (const rel of ['./lexicon.json', '../../../pipeline/ocr/lexicon.json']) {
    try {
      const raw = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { unigrams: Record<string, number>; bigrams: Record<string, number> };
      lexicon = { syllables: dictionarySyllables(), unigrams: new Map(Object.entries(raw.unigrams)), bigrams: new Map(Object.entries(raw.bigrams)) };
      return lexicon;
    } catch {
      // try the next place
    }
  }
  lexicon = null;
  return lexicon;
}

/** The syllables of the dictionary-vi word list (hunspell .dic, one per line after the count). */
function dictionarySyllables(): Set<string> {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('dictionary-vi'));
    const lines = readFileSync(join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
    return new Set(lines.map((l) => l.split('/')[0]!.trim()).filter((w) => /^\p{L}+$/u.test(w)).map(syllableKey));
  } catch {
    return new Set();
  }
}

const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/u;

/** The same syllable with each other tone (hỏi ↔ sắc ↔ ngã ↔ nặng ↔ huyền ↔ none); case kept. */
function toneVariants(word: string): string[] {
  const d = word.normalize('NFD');
  const m = TONE_RE.exec(d);
  if (!m) return [];
  return TONES.filter((t) => t !== m[0]).map((t) => (d.slice(0, m.index) + t + d.slice(m.index + 1)).normalize('NFC'));
}

function isSyllable(lex: Lexicon, key: string): boolean {
  return (lex.unigrams.get(key) ?? 0) > 0 || lex.syllables.has(key);
}

/** How often the corpus has a syllable after prev and before next. */
function pairCounts(lex: Lexicon, prev: string | null, key: string, next: string | null): [number, number] {
  return [prev ? lex.bigrams.get(`${prev} ${key}`) ?? 0 : 0, next ? lex.bigrams.get(`${key} ${next}`) ?? 0 : 0];
}

/** How well a syllable fits between its neighbours (log scale). */
function fit(lex: Lexicon, prev: string | null, key: string, next: string | null): number {
  const [b1, b2] = pairCounts(lex, prev, key, next);
  const u = lex.unigrams.get(key) ?? 0;
  const known = isSyllable(lex, key);
  return Math.log(b1 + 0.05) + Math.log(b2 + 0.05) + 0.3 * Math.log(u + 1) + (known ? 0 : -6);
}

/** A tone reading is changed only when the other reading fits its neighbours this much better (e^4 ≈ 55×). */
const TONE_MARGIN = 4;

/** The syllables before and after word i on its line, as lexicon keys (null across punctuation or a line break). */
function context(words: OcrWord[], i: number, lead: string, trail: string): { prev: string | null; next: string | null } {
  const neighbour = (j: number) => {
    const w = words[j];
    if (!w || w.line !== words[i]!.line || w.block !== words[i]!.block || w.paragraph !== words[i]!.paragraph) return null;
    const n = /^[^\p{L}]*(\p{L}+)[^\p{L}]*$/u.exec(w.text);
    return n ? syllableKey(n[1]!) : null;
  };
  // Punctuation between words breaks the pair.
  const prev = lead === '' && /\p{L}$/u.test(words[i - 1]?.text ?? '') ? neighbour(i - 1) : null;
  const next = trail === '' ? neighbour(i + 1) : null;
  return { prev, next };
}

const WORD = /^([^\p{L}]*)(\p{L}+)([^\p{L}]*)$/u;

function fixTone(lex: Lexicon, words: OcrWord[], i: number, text: string): string {
  const m = WORD.exec(text);
  if (!m) return text;
  const core = m[2]!;
  // A tilde is the tone mark OCR least often makes up: on the seed and corpus scans a ngã reading
  // that is a syllable (Dũng, cũng, dữ) was changed rightly 4 times in 19, so it is kept; one
  // that is none ("Phõ") is still corrected.
  if (core.normalize('NFD').includes('\u0303') && isSyllable(lex, syllableKey(core))) return text;
  const variants = toneVariants(core);
  if (variants.length === 0) return text;
  const { prev, next } = context(words, i, m[1]!, m[3]!);
  if (!prev && !next) return text;
  const own = fit(lex, prev, syllableKey(core), next);
  let best = core;
  let bestScore = own;
  for (const v of variants) {
    const s = fit(lex, prev, syllableKey(v), next);
    if (s > bestScore) {
      bestScore = s;
      best = v;
    }
  }
  return best !== core && bestScore - own >= TONE_MARGIN ? m[1] + best + m[3] : text;
}

/** Letters OCR reads for others where the letter read makes no syllable: capital Y as V ("Sở V tế"). */
const LETTER_SLIPS: Record<string, string> = { V: 'Y', v: 'y' };

/**
 * "Sở V tế" → "Sở Y tế" (the word is the letter alone): a lone V is no Vietnamese syllable, but it is also a roman numeral
 * ("Chương V của Luật"), so Y is taken only where the corpus has seen it paired with a
 * neighbour (y tế, y khoa, ngành y) at least twice.
 */
function fixLetter(lex: Lexicon, words: OcrWord[], i: number, letter: string): string {
  const alt = LETTER_SLIPS[letter]!;
  const { prev, next } = context(words, i, '', '');
  return Math.max(...pairCounts(lex, prev, syllableKey(alt), next)) >= 2 ? alt : letter;
}

const DIGITISH: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', i: '1', S: '5', B: '8', Z: '2' };

/** "2O22", "l0/2022", "12/KH-UBND" stays: letters are changed only between digits in a number. */
function fixNumber(token: string): string {
  // A token that is mostly digits and separators (dates, numbers like 123/2024).
  const core = token.replace(/[.,;:)(]+$/u, '');
  if (!/^[0-9OolIDQSBZ|i/.\-]+$/u.test(core)) return token;
  const digits = (core.match(/[0-9]/g) ?? []).length;
  if (digits < 2 || digits < core.replace(/[/.\-]/g, '').length * 0.6) return token;
  return token.replace(/[OolIDQSBZ|i]/gu, (c, i: number) => {
    const before = token[i - 1];
    const after = token[i + 1];
    return (before && /[0-9/.\-]/.test(before)) || (after && /[0-9]/.test(after)) ? DIGITISH[c]! : c;
  });
}

/** The number of "125/KH-UBND" read as "l25/KH-UBND" or "I25/KH-UBND". */
function fixDocumentNumber(token: string): string {
  return token.replace(/^[0-9OolI|]{1,6}(?=\/[\p{Lu}\d])/u, (part) => (/\d/.test(part) ? part.replace(/[OolI|]/g, (c) => DIGITISH[c]!) : part));
}

const ROMAN_SLIPS: Record<string, string> = { 'Il.': 'II.', 'lI.': 'II.', 'll.': 'II.', 'HI.': 'III.', 'IIl.': 'III.', 'IlI.': 'III.', 'lV.': 'IV.', 'Vl.': 'VI.', 'VIl.': 'VII.' };

/** Corrects recognized words in place of their text; boxes and confidences are kept. */
export function correctWords(words: OcrWord[], tones = true): OcrWord[] {
  const out: OcrWord[] = [];
  const lex = tones ? loadLexicon() : null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = words[i - 1];
    const next = words[i + 1];
    const lineStart = !prev || prev.line !== w.line || prev.paragraph !== w.paragraph || prev.block !== w.block;
    let text = w.text;
    if (lineStart && ROMAN_SLIPS[text]) text = ROMAN_SLIPS[text]!;
    // "II NỘI DUNG TRIỂN KHAI": the heading's period was lost.
    else if (lineStart && /^(?:I{1,3}|IV|VI{0,3}|IX|X)$/.test(text) && next && next.line === w.line && /^\p{Lu}[\p{Lu}\p{M}]+[,:]?$/u.test(next.text)) text += '.';
    else text = fixDocumentNumber(fixNumber(text));
    // "ngày 10 thắng 10 năm 2022": between a day number and a month number it is "tháng".
    if (/^th[aáàắằ]ng$/iu.test(text) && text.toLowerCase() !== 'tháng' && prev && /^\d{1,2}$/.test(prev.text) && next && /^\d{1,2}$/.test(next.text)) {
      text = text[0] === 'T' ? 'Tháng' : 'tháng';
    }
    // "Lưu: VT, TCCB.": Nghị định 30 puts the văn thư (VT) first in the copies kept; OCR reads
    // "VT," as "VỊ", "VI", "VJ" or "VIL," (the comma under the T taken for a dot below).
    if (prev && prev.line === w.line && /^Lưu:$/u.test(prev.text) && /^V[ỊIJLlT1|]{1,2}[,.]?$/u.test(text) && !/^VT[,.]?$/u.test(text)) {
      text = !next || next.line !== w.line ? `VT${text.endsWith(',') ? ',' : '.'}` : 'VT,';
    }
    else if (lex) text = LETTER_SLIPS[text] !== undefined ? fixLetter(lex, words, i, text) : fixTone(lex, words, i, text);
    out.push(text === w.text ? w : { ...w, text });
  }
  return out;
}
