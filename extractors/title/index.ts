// title: tên loại + trích yếu joined by one space, capitals as printed; for a công văn the
// "V/v …" line; for news the headline.

import type { TextField } from '../../schemas/record.js';
import type { Unit } from '../../pipeline/stages/segment.js';
import { spanOf, squash, type ExtractContext } from '../context.js';

export function extractTitle(ctx: ExtractContext): TextField | null {
  const { seg } = ctx;
  let units: Unit[] = [];
  if (seg.title.kind) units = [seg.title.kind.unit, ...seg.title.summary];
  else if (seg.title.vv.length) units = seg.title.vv;
  else if (seg.news?.headline) units = [seg.news.headline];
  if (units.length === 0) return null;
  const value = squash(units.map((u) => u.text).join(' '));
  return {
    value,
    source: units.map((u) => spanOf(seg, u.start, u.end)),
    confidence: seg.title.kind ? 0.9 : 0.7,
  };
}
