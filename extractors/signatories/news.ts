// Signatories of a news item: the people the article says signed ("Thứ trưởng … Lê Minh Khôi và
// Quốc vụ khanh … Hem Sothea đã ký Bản ghi nhớ", "Thay mặt hai bên, bà X và bà Y đã ký",
// "Hai Hiệu trưởng ký kết …"). Attendees and witnesses of a signing ceremony are not signers.

import type { Signatory } from '../../schemas/record.js';
import { introducedNames, vietnameseNames, type PersonMention } from '../../pipeline/text/persons.js';
import { isPosition, POSITIONS } from '../../pipeline/text/lexicon.js';
import { fold, foldKeepOffsets } from '../../pipeline/text/vietnamese.js';
import { mainTextRange, spanOf, squash, type ExtractContext } from '../context.js';

// "ký" as the main verb: not "lễ ký kết", "đăng ký", "chữ ký", "buổi ký".
const SIGN_VERB = /(?<![\p{L}])(?<!(?:lễ|buổi|dự|chữ|đăng|việc|Lễ|Buổi|Dự|Việc)\s)(?:ký kết|ký|trao văn kiện|trao đổi văn kiện)(?![\p{L}])/gu;

export function newsSignatories(ctx: ExtractContext): Signatory[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const text = seg.text.slice(from, to);
  const known = [...introducedNames(text), ...vietnameseNames(text)];
  const out: Signatory[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(SIGN_VERB)) {
    const clauseStart = Math.max(text.lastIndexOf('.', m.index! - 1), text.lastIndexOf('\n', m.index! - 1), text.lastIndexOf(';', m.index! - 1), text.lastIndexOf(':', m.index! - 1)) + 1;
    let clause = text.slice(clauseStart, m.index!);
    // Witnesses: "dưới sự chứng kiến của …" is not the subject.
    const witness = /(?:dưới sự|với sự)?\s*chứng kiến/u.exec(clause);
    if (witness) clause = clause.slice(0, witness.index);
    if (/(?:sẽ|dự kiến|chuẩn bị)\s*(?:\S+\s*){0,2}$/u.test(clause)) continue;
    let persons = personsIn(clause, known);
    if (persons.length === 0) {
      // "Hai Hiệu trưởng ký kết …": the two people with that title named elsewhere.
      const byTitle = /(?:hai|2)\s+((?:\p{L}+\s){0,2}\p{L}+)\s*$/iu.exec(clause);
      if (byTitle && isPosition(fold(byTitle[1]!))) {
        const t = fold(byTitle[1]!);
        persons = known.filter((p) => fold(titleAfter(text, p) ?? '').startsWith(t)).map((p) => ({ ...p, start: p.start - clauseStart, end: p.end - clauseStart }));
        persons = persons.map((p) => ({ ...p, start: p.start + clauseStart, end: p.end + clauseStart }));
        for (const p of persons) add(p, titleAfter(text, p));
        continue;
      }
    }
    for (const p of persons) {
      const abs = { ...p, start: p.start + clauseStart, end: p.end + clauseStart };
      add(abs, titleBefore(clause, p) ?? titleAfter(text, abs));
    }
  }
  return out;

  function add(p: PersonMention, title: string | null) {
    const key = fold(p.name).replace(/[^a-z]/g, '');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name: p.name, title, authority: null, organization: null, source: [spanOf(ctx.seg, from + p.start, from + p.end)] });
  }
}

/** People named in a clause: known names found in it, plus Vietnamese names. Offsets relative to the clause. */
function personsIn(clause: string, known: PersonMention[]): PersonMention[] {
  const found: PersonMention[] = [...vietnameseNames(clause)];
  for (const k of known) {
    const i = clause.indexOf(k.name);
    if (i >= 0 && !found.some((f) => i < f.end && i + k.name.length > f.start)) found.push({ name: k.name, start: i, end: i + k.name.length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "Thứ trưởng Bộ Y tế Việt Nam Lê Minh Khôi": the position printed right before the name. */
function titleBefore(clause: string, p: PersonMention): string | null {
  const before = clause.slice(0, p.start);
  const seg = before.split(/,|\s(?:và|cùng|với)\s|thay mặt[^,]*,?/u).pop() ?? '';
  const f = foldKeepOffsets(seg.toLowerCase());
  const pos = POSITIONS.map((x) => f.indexOf(x)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (pos === undefined) return null;
  return squash(seg.slice(pos)).replace(/^(?:ông|bà|đồng chí)\s+/iu, '') || null;
}

/** "bà Lò Thị Hương, Giám đốc Sở Y tế tỉnh Điện Biên": the position after the name. */
function titleAfter(text: string, p: PersonMention): string | null {
  const m = /^\s*[,(–-]\s*([^,;.()]{3,80})/u.exec(text.slice(p.end, p.end + 100));
  if (!m) return null;
  const t = m[1]!.split(/\s(?:và|cùng|đã|làm)\s/u)[0]!.trim();
  return isPosition(fold(t).replace(/[^a-z ]/g, ' ')) || POSITIONS.some((x) => fold(t).startsWith(x)) ? t : null;
}
