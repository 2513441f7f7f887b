// period: the years the document's programme or agreement covers — "giai đoạn 2024 - 2025",
// "từ năm 2024 đến năm 2030", "Thời gian thực hiện: 2023-2025", a one-year plan "năm 2021".
// The document's own span wins over the span of an agreement it cites: the title first, then
// an explicit implementation time, then a span stated next to the agreement being signed.
// Horizons ("đến năm 2030", "tầm nhìn đến năm 2045") are not periods.

import type { Period } from '../../schemas/record.js';
import { inStamp, mainTextRange, spanOf, type ExtractContext } from '../context.js';

interface Candidate {
  from: number;
  to: number;
  start: number;
  end: number;
  score: number;
}

const Y = '((?:19|20)\\d{2})';
const SPAN_RES: RegExp[] = [
  new RegExp(`(?<![a-z])giai doan\\s*(?:tu\\s*)?(?:nam\\s*)?${Y}\\s*(?:[-–—]|den)\\s*(?:nam\\s*)?${Y}`, 'g'),
  new RegExp(`(?<![a-z])tu\\s*(?:nam\\s*)?${Y}\\s*(?:den|[-–—])\\s*(?:het\\s*)?(?:nam\\s*)?${Y}`, 'g'),
  new RegExp(`thoi (?:gian|han)[^\\n]{0,40}?(?:tu\\s*)?(?:nam\\s*)?${Y}\\s*(?:[-–—]|den)\\s*(?:nam\\s*)?${Y}`, 'g'),
  new RegExp(`(?<![\\d/.-])${Y}\\s*[-–—]\\s*${Y}(?![\\d/])`, 'g'),
  new RegExp(`tu ngay\\s*\\d{1,2}[/.-]\\d{1,2}[/.-]${Y}\\s*(?:den|[-–—])\\s*(?:het\\s*)?ngay\\s*\\d{1,2}[/.-]\\d{1,2}[/.-]${Y}`, 'g'),
];

export function extractPeriod(ctx: ExtractContext): Period | null {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const candidates: Candidate[] = [];
  const titleUnits = [seg.title.kind?.unit, ...seg.title.summary, ...seg.title.vv, seg.news?.headline].filter(Boolean);
  const inTitle = (o: number) => titleUnits.some((u) => u && o >= u.start && o < u.end);
  const canCu = (o: number) => seg.canCu.some((u) => o >= u.start && o < u.end);
  for (const re of SPAN_RES) {
    for (const m of seg.folded.slice(from, to).matchAll(re)) {
      const start = from + m.index!;
      const end = start + m[0].length;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (!(b >= a && b - a <= 30) || inStamp(seg, start)) continue;
      // "từ ngày 10/7/2023 đến ngày 14/7/2023" is a trip, not a period of years.
      if (/tu ngay/.test(m[0]) && spanDays(m[0]) < 180) continue;
      if (candidates.some((c) => start < c.end && end > c.start)) continue;
      candidates.push({ from: a, to: b, start, end, score: scoreOf(ctx, start, end, m[0], inTitle(start), canCu(start)) });
    }
  }
  // A one-year plan: "KẾ HOẠCH … năm 2024" in the title.
  for (const u of titleUnits) {
    if (!u) continue;
    const m = /(?<!den |toi |tam nhin )nam\s+((?:19|20)\d{2})(?![\d/-])/.exec(u.fold);
    if (m && !candidates.some((c) => inTitle(c.start)) && ['ke_hoach', 'bao_cao', 'thong_bao', 'cong_van', 'quyet_dinh'].includes(ctx.fields.docType ?? '')) {
      const start = u.start + m.index;
      candidates.push({ from: Number(m[1]), to: Number(m[1]), start, end: start + m[0].length, score: 90 });
    }
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = candidates[0]!;
  if (best.score < 10) return null;
  return {
    value: { from: best.from, to: best.to },
    raw: seg.text.slice(best.start, best.end),
    source: [spanOf(seg, best.start, best.end)],
    confidence: Math.min(0.95, best.score / 100),
  };
}

function scoreOf(ctx: ExtractContext, start: number, end: number, folded: string, inTitle: boolean, inCanCu: boolean): number {
  const { seg } = ctx;
  const before = seg.folded.slice(Math.max(0, start - 120), start);
  const after = seg.folded.slice(end, end + 40);
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf(';'));
  const sentence = before.slice(sentenceStart + 1);
  let score = 30;
  if (inTitle) score += 60;
  if (/^thoi (?:gian|han)/.test(folded) || /thoi gian (?:thuc hien|trien khai)\s*:?\s*(?:tu\s*)?(?:nam\s*)?$/.test(before)) score += 45;
  if (/^giai doan|^tu /.test(folded)) score += 10;
  // The span of the agreement being signed or carried out.
  if (/(?:thoa thuan|ghi nho|hop tac|ky ket|chuong trinh|ke hoach)/.test(sentence)) score += 10;
  if (inCanCu) score -= 25;
  // Inside a quoted title ("Đề án “… giai đoạn 2024 – 2025 …”") or a cited document's name.
  const quoteOpen = before.lastIndexOf('“');
  if (quoteOpen > before.lastIndexOf('”') && quoteOpen >= 0) score -= 30;
  if (/(?:so \d+\/|ngay \d)/.test(before.slice(-40))) score -= 10;
  if (/^\s*(?:va nhung nam tiep theo|,?\s*tam nhin)/.test(after)) score -= 5;
  // Bare "2021-2025" without a cue is weak.
  if (/^\d/.test(folded)) score -= 15;
  // A span inside an outline sub-item belongs to that activity, not to the document.
  if (!inTitle && isDeepInOutline(ctx, start)) score -= 10;
  return score;
}

function spanDays(folded: string): number {
  const d = [...folded.matchAll(/(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})/g)].map((m) => Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return d.length === 2 ? (d[1]! - d[0]!) / 86_400_000 : Infinity;
}

function isDeepInOutline(ctx: ExtractContext, offset: number): boolean {
  let depth = 0;
  let list = ctx.seg.body.outline;
  for (;;) {
    const s = list.find((x) => offset >= x.start && offset < x.end);
    if (!s) break;
    depth++;
    list = s.children;
  }
  return depth >= 3;
}
