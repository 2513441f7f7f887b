// The English part of a bilingual MOU: compromise reads its organisations and dates. They
// confirm what the Vietnamese text gave, or complete it where the Vietnamese text is silent
// (a partner named only in English, a signing date stated only in the English closing).

import { createRequire } from 'node:module';
import type { ExtractContext } from '../context.js';
import { findDates } from '../../pipeline/text/dates.js';

// compromise is loaded on first use: most documents have no English part, and loading it
// costs a tenth of a second.
type Nlp = (text: string) => { organizations(): { json(o: object): unknown } };
let nlp: Nlp | null = null;
function compromise(): Nlp {
  if (!nlp) {
    const require = createRequire(import.meta.url);
    const core = require('compromise') as Nlp & { plugin(p: unknown): void };
    core.plugin(require('compromise-dates'));
    nlp = core;
  }
  return nlp;
}

export interface EnglishPart {
  start: number;
  end: number;
  organizations: Array<{ name: string; start: number; end: number }>;
  dates: Array<{ iso: string; start: number; end: number }>;
}

/**
 * Reads the English part. Organisations named "Ministry of …", "University of …" are found
 * by pattern; compromise's tagger is asked only when `tag` is set (the Vietnamese text left a
 * gap to fill), since tagging costs tens of milliseconds.
 */
export function readEnglishPart(ctx: ExtractContext, tag = false): EnglishPart | null {
  const { seg } = ctx;
  if (!seg.englishRange) return null;
  const [a, b] = seg.englishRange;
  const start = seg.units[a]?.start ?? 0;
  const end = b < seg.units.length ? seg.units[b]!.start : seg.text.length;
  const text = seg.text.slice(start, end);
  // Partners are named in the opening and the signature blocks: tag only those parts (tagging
  // the whole English text costs tens of milliseconds).
  const head = text.slice(0, 1500);
  const tailFrom = Math.max(head.length, text.length - 1200);
  const doc = tag ? compromise()(text.length > 2700 ? `${head}\n${text.slice(tailFrom)}` : text) : null;
  const shift = (o: number) => (text.length > 2700 && o > head.length ? o - head.length - 1 + tailFrom : o);
  const organizations: EnglishPart['organizations'] = [];
  // Organisations as compromise tags them, plus "Ministry of …"/"University of …" phrases it may split.
  const orgJson = (doc ? doc.organizations().json({ offset: true }) : []) as Array<{ text: string; offset?: { start: number; length: number } }>;
  for (const o of orgJson) {
    if (!o.offset) continue;
    organizations.push({ name: o.text.replace(/[.,;]+$/, ''), start: start + shift(o.offset.start), end: start + shift(o.offset.start) + o.offset.length });
  }
  for (const m of text.matchAll(/\b(?:the\s+)?((?:Ministry|University|Department|People's Committee|Hospital|Institute|Government|Administration)\s+of\s+[A-Z][\w'’-]*(?:\s+(?:of|and|the|[A-Z][\w'’-]*))*)/g)) {
    const name = m[1]!.replace(/\s+(?:of|and|the)$/, '');
    if (!organizations.some((o) => o.name === name)) organizations.push({ name, start: start + m.index! + m[0].indexOf(m[1]!), end: start + m.index! + m[0].indexOf(m[1]!) + name.length });
  }
  const dates = findDates(text, seg.folded.slice(start, end)).map((d) => ({ iso: d.iso, start: start + d.start, end: start + d.end }));
  return { start, end, organizations, dates };
}
