// A short window of an entry's text around the query's words, with the matched words marked
// «like this» — matched on folded syllables, so "dao tao" marks "đào tạo".

import { foldKeepOffsets } from '../text/vietnamese.js';
import { foldedSyllables, isStopSyllable } from './terms.js';

export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';

export function snippet(text: string, query: string, width = 220): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wanted = new Set(foldedSyllables(query).filter((s) => !isStopSyllable(s)));
  // Folding keeps offsets for precomposed text, so word positions carry over to `flat`.
  const folded = foldKeepOffsets(flat.normalize('NFC'));
  const words: Array<{ start: number; end: number; hit: boolean }> = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0].normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    words.push({ start: m.index, end: m.index + m[0].length, hit: wanted.has(w) });
  }
  // The window with the most matched words.
  let best = 0;
  let bestHits = -1;
  for (let i = 0; i < words.length; i++) {
    if (!words[i]!.hit) continue;
    let hits = 0;
    for (let j = i; j < words.length && words[j]!.end - words[i]!.start <= width; j++) if (words[j]!.hit) hits++;
    if (hits > bestHits) {
      bestHits = hits;
      best = i;
    }
  }
  const startWord = Math.max(0, best - 3);
  const from = flat.length <= width || !words.length ? 0 : words[startWord]!.start;
  let to = Math.min(flat.length, from + width);
  const endWord = words.findLast((w) => w.end <= to);
  if (endWord && to < flat.length) to = endWord.end;
  let out = '';
  let cursor = from;
  // Runs of matched words separated only by spaces are marked as one: «đào tạo cán bộ».
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.start < from || w.end > to || !w.hit) continue;
    let j = i;
    while (j + 1 < words.length && words[j + 1]!.hit && words[j + 1]!.end <= to && /^ +$/.test(flat.slice(words[j]!.end, words[j + 1]!.start))) j++;
    out += `${flat.slice(cursor, w.start)}${MARK_OPEN}${flat.slice(w.start, words[j]!.end)}${MARK_CLOSE}`;
    cursor = words[j]!.end;
    i = j;
  }
  out += flat.slice(cursor, to);
  return `${from > 0 ? '…' : ''}${out}${to < flat.length ? '…' : ''}`;
}
