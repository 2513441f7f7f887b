// issuedDate and issuedPlace: the place–date line of the header ("Bắc Giang, ngày 10 tháng 10
// năm 2022"); for an agreement without one, the signing clause ("Làm tại Hà Nội ngày …",
// "Done at … on …"); for news, a publication date printed at the top.

import type { DateField, TextField } from '../../schemas/record.js';
import { findDates, type DateMention } from '../../pipeline/text/dates.js';
import { spanOf, mainTextRange, type ExtractContext } from '../context.js';
import type { Unit } from '../../pipeline/stages/segment.js';

export interface IssuedAt {
  date: DateField | null;
  place: TextField | null;
}

const SIGNING_CLAUSE = /(?:lam|ky|ky ket)\s+tai\s+|done\s+(?:in|at)\s+|signed\s+(?:in|at)\s+|hom nay,?\s+ngay|ngay\s+ky\b|co hieu luc (?:ke )?tu ngay ky|\bngay\b[^.\n]{0,40}\b(?:tai|o)\b/g;

export function extractIssued(ctx: ExtractContext): IssuedAt {
  const { seg } = ctx;
  const line = seg.header.dateLine;
  if (line) {
    const found = fromDateLine(ctx, line);
    if (found.date) return found;
  }
  const docType = ctx.fields.docType;
  if (docType === 'tin_tuc') return { date: null, place: null };
  if (docType === 'thoa_thuan' || docType === 'ban_ghi_nho' || docType === 'hop_dong' || docType === 'bien_ban' || !line) {
    return fromSigningClause(ctx);
  }
  return { date: null, place: null };
}

function fromDateLine(ctx: ExtractContext, u: Unit): IssuedAt {
  const { seg } = ctx;
  const dates = findDates(u.text, u.fold);
  const d = dates.find((x) => /ng/.test(u.fold.slice(Math.max(0, x.start - 6), x.start + 4))) ?? dates[dates.length - 1];
  if (!d) return { date: null, place: null };
  const date = dateField(ctx, d, u.start);
  // The place is what precedes ", ngày" in the same line, after any "Số: …" that shares it.
  const before = u.text.slice(0, d.start).replace(/\s*ngày\s*$/iu, '');
  const place = placeBefore(before);
  let placeField: TextField | null = null;
  if (place) {
    const start = u.start + place.offset;
    placeField = { value: place.value, raw: place.raw, source: [spanOf(seg, start, start + place.raw.length)], confidence: 0.9 };
  }
  return { date, place: placeField };
}

function dateField(ctx: ExtractContext, d: DateMention, base: number): DateField {
  const field: DateField = { value: d.iso, raw: d.raw, source: [spanOf(ctx.seg, base + d.start, base + d.end)], confidence: 0.95 };
  if (d.iso > ctx.today) {
    ctx.messages.push({ ruleId: 'date-in-future', severity: 'warning', message: `issued date ${d.iso} is after today (${ctx.today}); check the year`, source: field.source });
  }
  return field;
}

const PLACE_PREFIX = /^(?:.*?\b(?:làm|ký|ký kết)\s+tại\s+|tại\s+|done\s+(?:in|at)\s+|signed\s+(?:in|at)\s+)/i;

/** The bare place name at the end of `s` ("Bắc Giang, " → Bắc Giang; "tỉnh Bắc Giang" → Bắc Giang). */
export function placeBefore(s: string): { value: string; raw: string; offset: number } | null {
  let cut = s.replace(/[,\s]+$/, '');
  // Drop a "Số: …" cell that shares the line, and sign-clause words.
  const afterNumber = /^.*?\/\s*[A-ZĐ0-9][A-ZĐa-z0-9&.-]*\s+/u.exec(cut);
  let offset = 0;
  if (afterNumber && /^\s*s/i.test(cut)) {
    offset = afterNumber[0].length;
    cut = cut.slice(offset);
  }
  const pre = PLACE_PREFIX.exec(cut);
  if (pre) {
    offset += pre[0].length;
    cut = cut.slice(pre[0].length);
  }
  const lead = cut.length - cut.trimStart().length;
  offset += lead;
  cut = cut.trim();
  if (!cut || cut.length > 60 || /\d/.test(cut)) return null;
  // Keep only the trailing capitalised words (the place), with "thành phố"/"TP." as printed.
  const words = cut.split(/\s+/);
  let k = words.length;
  while (k > 0 && /^(?:\p{Lu}|TP\.|thành|phố|Thủ)/u.test(words[k - 1]!)) k--;
  const kept = words.slice(k).join(' ');
  if (!kept) return null;
  offset += cut.lastIndexOf(kept);
  const raw = kept;
  let value = raw.replace(/^(?:tỉnh|Tỉnh|huyện|Huyện|xã|Xã|thủ đô|Thủ đô)\s+/u, '');
  if (/^(?:thành phố|Thành phố|TP\.?)\s+/u.test(value) && !/Hồ Chí Minh/u.test(value)) value = value.replace(/^(?:thành phố|Thành phố|TP\.?)\s+/u, '');
  return { value, raw, offset };
}

function fromSigningClause(ctx: ExtractContext): IssuedAt {
  const { seg } = ctx;
  const [start, end] = mainTextRange(seg);
  // Search the closing part first, then the whole text.
  const closingStart = seg.closing.start < seg.units.length ? Math.max(start, seg.units[Math.max(0, seg.closing.start - 6)]!.start) : start;
  for (const [a, b] of [[closingStart, end], [start, end]] as const) {
    const folded = seg.folded.slice(a, b);
    for (const m of folded.matchAll(SIGNING_CLAUSE)) {
      const window = seg.text.slice(a + m.index!, a + m.index! + 160);
      const wf = folded.slice(m.index!, m.index! + 160);
      const d = findDates(window, wf)[0];
      if (!d) continue;
      const date = dateField(ctx, d, a + m.index!);
      // Place: "tại Hà Nội" before or after the date.
      const placeMatch = /tại\s+((?:\p{Lu}[\p{L}\p{M}-]*\s?){1,4})/u.exec(window) ?? /(?:in|at)\s+((?:\p{Lu}[\p{L}-]*\s?){1,3})/u.exec(window);
      let place: TextField | null = null;
      if (placeMatch) {
        const raw = placeMatch[1]!.trim().replace(/[,.]$/, '');
        const p = placeBefore(raw + ',');
        if (p) {
          const ps = a + m.index! + placeMatch.index + placeMatch[0].indexOf(placeMatch[1]!) + p.offset;
          place = { value: p.value, raw: p.raw, source: [spanOf(seg, ps, ps + p.raw.length)], confidence: 0.7 };
        }
      }
      return { date: { ...date, confidence: 0.75 }, place };
    }
  }
  return { date: null, place: null };
}
