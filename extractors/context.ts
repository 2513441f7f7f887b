// What an extractor sees: the segmented document, a way to cite spans, the fields extracted
// before it (never another extractor's internals), and a place to report problems.

import type { DocumentRecord, Message, Span } from '../schemas/record.js';
import type { Segmented, Unit } from '../pipeline/stages/segment.js';
import { indexOf } from '../pipeline/stages/segment.js';

export type Fields = Omit<DocumentRecord, 'schemaVersion' | 'id' | 'source' | 'text' | 'processing' | 'messages'>;

export interface ExtractContext {
  seg: Segmented;
  /** Fields extracted so far (extractors run in a fixed order). */
  fields: Partial<Fields>;
  messages: Message[];
  /** The day the document is processed, for "date in the future" checks. */
  today: string;
}

/** A span of the document text, with its page. */
export function spanOf(seg: Segmented, start: number, end: number): Span {
  return { page: pageAt(seg, start), start, end: Math.max(start, end) };
}

export function unitSpan(seg: Segmented, u: Unit): Span {
  return spanOf(seg, u.start, u.end);
}

/** 1-based page containing `offset` (pages are separated by form feeds). */
export function pageAt(seg: Segmented, offset: number): number {
  let page = 1;
  let i = seg.text.indexOf('\f');
  while (i >= 0 && i < offset) {
    page++;
    i = seg.text.indexOf('\f', i + 1);
  }
  return page;
}

/** Collapses runs of whitespace (line breaks included) to one space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Units of the main part that belong to the body (operative text), for field scans. */
export function bodyUnits(seg: Segmented): Unit[] {
  return seg.units.filter((u) => u.start >= seg.body.start && u.end <= seg.body.end);
}

/** Offsets of the main text where extractors may look (the article for news, not site furniture). */
export function mainTextRange(seg: Segmented): [number, number] {
  const [from, to] = seg.mainRange;
  const start = seg.units[from]?.start ?? 0;
  let end = to < seg.units.length ? seg.units[to]!.start : seg.text.length;
  if (seg.news) end = Math.min(end, seg.news.articleEnd < seg.units.length ? seg.units[seg.news.articleEnd]!.start : seg.text.length);
  return [start, end];
}

/** True if the offset lies in the incoming-mail stamp. */
export function inStamp(seg: Segmented, offset: number): boolean {
  return seg.header.stamp.some((u) => offset >= u.start && offset < u.end);
}

export function unitAt(seg: Segmented, offset: number): Unit | undefined {
  // Units are sorted by start: binary search for the last unit starting at or before offset.
  let lo = 0;
  let hi = seg.units.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (seg.units[mid]!.start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const u = best >= 0 ? seg.units[best] : undefined;
  return u && offset <= u.end ? u : undefined;
}

/** Label of the item (extracted earlier) that contains `offset`: attaches quotas and budgets to items. */
export function itemLabelAt(ctx: ExtractContext, offset: number): string | null {
  for (const item of ctx.fields.items ?? []) {
    for (const s of item.source) if (offset >= s.start && offset < s.end) return item.label;
  }
  return null;
}

export { indexOf };
