// items: the top-level numbered entries of the operative or main-content section — the
// children of "II. NỘI DUNG …" / "I. NỘI DUNG HỢP TÁC" / "Điều 2. Nội dung hợp tác", the "Điều n"
// of a Quyết định, the numbered points of a Công văn, the numbered tasks of a news item.
// Sections on purpose, requirements, organisation, funding or effect are not items.

import type { Item } from '../../schemas/record.js';
import type { Section } from '../../pipeline/stages/segment.js';
import { spanOf, squash, type ExtractContext } from '../context.js';

const CONTENT =
  /^(?:cac\s+)?(?:noi dung|nhiem vu|linh vuc|pham vi|hoat dong|chuong trinh|ke hoach hanh dong|giai phap|cac hoat dong|cac noi dung|scope|areas? of cooperation|fields? of cooperation|cooperation activities|content)/;
const NOT_CONTENT =
  /^(?:muc dich|yeu cau|muc tieu|quan diem|can cu|co so|to chuc thuc hien|trach nhiem|kinh phi|nguon kinh phi|du toan|dieu khoan|hieu luc|thoi gian|thoi han|che do|phan cong|giai quyet|sua doi|cam ket|dieu khoan thi hanh|trien khai thuc hien|objectives?|purpose|implementation|final provisions|funding|budget|responsibilit|effect|entry into force|amendment|settlement|dispute)/;

const NUMBERED = new Set(['arabic', 'letter', 'roman', 'dieu', 'article', 'ordinal']);

export function extractItems(ctx: ExtractContext): Item[] {
  const { seg } = ctx;
  const chosen = chooseItems(ctx, seg.body.outline);
  return chosen
    .map((s) => toItem(ctx, s))
    .filter((i): i is Item => i !== null);
}

function headingFold(ctx: ExtractContext, s: Section): string {
  return ctx.seg.folded.slice(s.headingStart, s.headingEnd).replace(/^[\s.:–-]+/, '').trim();
}

function isNumbered(s: Section): boolean {
  return NUMBERED.has(s.kind);
}

function chooseItems(ctx: ExtractContext, outline: Section[]): Section[] {
  const docType = ctx.fields.docType;
  const roots = outline;
  // A Quyết định / Nghị quyết: its articles.
  const articles = roots.filter((s) => s.kind === 'dieu');
  if ((docType === 'quyet_dinh' || docType === 'nghi_quyet') && articles.length) return articles;

  // A section whose heading says it holds the content, and whose numbered children are the items.
  const candidates: Section[] = [];
  const visit = (list: Section[], depth: number) => {
    for (const s of list) {
      if (depth <= 2 && CONTENT.test(headingFold(ctx, s)) && !NOT_CONTENT.test(headingFold(ctx, s))) candidates.push(s);
      if (depth < 2) visit(s.children, depth + 1);
    }
  };
  visit(roots, 0);
  // A report's main content is its results.
  if (docType === 'bao_cao') {
    const results = roots.find((s) => /^(?:ket qua|tinh hinh|danh gia ket qua)/.test(headingFold(ctx, s)));
    if (results && results.children.filter(isNumbered).length >= 2) return results.children.filter(isNumbered);
  }
  for (const c of candidates) {
    const kids = c.children.filter(isNumbered);
    if (kids.length >= 1 && kids.length === c.children.filter((k) => k.kind !== 'dash' && k.kind !== 'plus').length) return kids;
  }
  // Điều-structured agreements whose content article lists no numbered points: the content articles.
  if (articles.length >= 2) {
    const content = articles.filter((a) => !NOT_CONTENT.test(headingFold(ctx, a)));
    return content.length ? content : articles;
  }
  // Otherwise the top-level numbered entries, skipping purpose/organisation sections. When the
  // top level is roman sections, take the numbered children of the one that is not excluded.
  const numberedRoots = roots.filter(isNumbered);
  if (numberedRoots.length === 0) {
    const headings = roots.filter((s) => s.kind === 'heading' && !NOT_CONTENT.test(headingFold(ctx, s)));
    for (const h of headings) {
      const kids = h.children.filter(isNumbered);
      if (kids.length >= 2) return kids;
    }
    return [];
  }
  if (numberedRoots.every((s) => s.kind === 'roman')) {
    const open = numberedRoots.filter((s) => !NOT_CONTENT.test(headingFold(ctx, s)));
    const best = open.map((s) => ({ s, kids: s.children.filter(isNumbered) })).sort((a, b) => b.kids.length - a.kids.length)[0];
    if (best && best.kids.length >= 2) return best.kids;
    return [];
  }
  const kept = numberedRoots.filter((s) => !NOT_CONTENT.test(headingFold(ctx, s)));
  return kept.length >= 2 || ctx.fields.docType === 'cong_van' ? kept : [];
}

function toItem(ctx: ExtractContext, s: Section): Item | null {
  const { seg } = ctx;
  const raw = seg.masked.slice(s.headingStart, s.end);
  const text = squash(raw);
  if (!text || text.length < 3) return null;
  // The heading: the first line when the item continues below it, or the text before the
  // first sub-item of a flattened item.
  let heading: string | null = null;
  const firstChild = s.children[0];
  const firstLineEnd = s.headingEnd;
  if (firstChild && firstChild.start > s.headingStart) heading = squash(seg.masked.slice(s.headingStart, Math.min(firstChild.start, firstLineEnd)));
  else if (firstLineEnd < s.end && squash(seg.masked.slice(firstLineEnd, s.end)).length > 0 && firstLineEnd - s.headingStart < 160) heading = squash(seg.masked.slice(s.headingStart, firstLineEnd));
  if (heading && heading.length < 2) heading = null;
  const trimmedEnd = s.headingStart + raw.trimEnd().length;
  return {
    label: s.label.replace(/[.)]+$/, ''),
    heading,
    text,
    path: pathOf(seg.body.outline, s) ?? s.label,
    source: [spanOf(seg, s.headingStart, trimmedEnd)],
  };
}

function pathOf(list: Section[], target: Section, prefix = ''): string | null {
  for (const s of list) {
    const p = prefix ? `${prefix}/${s.label}` : s.label;
    if (s === target) return p;
    const inner = pathOf(s.children, target, p);
    if (inner) return inner;
  }
  return null;
}
