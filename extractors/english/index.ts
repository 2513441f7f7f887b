// The English part of a bilingual MOU: compromise reads its organisations and dates. They
// confirm what the Vietnamese text gave, or complete it where the Vietnamese text is silent
// (a partner named only in English, a signing date stated only in the English closing).

import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import type { ExtractContext } from '../context.js';
import { findDates } from '../../pipeline/text/dates.js';

// compromise's plugin typing is looser than its runtime API.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
(nlp as any).plugin(datesPlugin);

export interface EnglishPart {
  start: number;
  end: number;
  organizations: Array<{ name: string; start: number; end: number }>;
  dates: Array<{ iso: string; start: number; end: number }>;
}

export function readEnglishPart(ctx: ExtractContext): EnglishPart | null {
  const { seg } = ctx;
  if (!seg.englishRange) return null;
  const [a, b] = seg.englishRange;
  const start = seg.units[a]?.start ?? 0;
  const end = b < seg.units.length ? seg.units[b]!.start : seg.text.length;
  const text = seg.text.slice(start, end);
  const doc = nlp(text);
  const organizations: EnglishPart['organizations'] = [];
  // Organisations as compromise tags them, plus "Ministry of …"/"University of …" phrases it may split.
  const orgJson = doc.organizations().json({ offset: true }) as Array<{ text: string; offset?: { start: number; length: number } }>;
  for (const o of orgJson) {
    if (!o.offset) continue;
    organizations.push({ name: o.text.replace(/[.,;]+$/, ''), start: start + o.offset.start, end: start + o.offset.start + o.offset.length });
  }
  for (const m of text.matchAll(/\b(?:the\s+)?((?:Ministry|University|Department|People's Committee|Hospital|Institute|Government|Administration)\s+of\s+[A-Z][\w'’-]*(?:\s+(?:of|and|the|[A-Z][\w'’-]*))*)/g)) {
    const name = m[1]!.replace(/\s+(?:of|and|the)$/, '');
    if (!organizations.some((o) => o.name === name)) organizations.push({ name, start: start + m.index! + m[0].indexOf(m[1]!), end: start + m.index! + m[0].indexOf(m[1]!) + name.length });
  }
  const dates = findDates(text, seg.folded.slice(start, end)).map((d) => ({ iso: d.iso, start: start + d.start, end: start + d.end }));
  return { start, end, organizations, dates };
}
