// Which item a position of the text belongs to: used to attach quotas and budgets to items.

import type { ExtractContext } from '../context.js';

export function itemLabelAt(ctx: ExtractContext, offset: number): string | null {
  for (const item of ctx.fields.items ?? []) {
    for (const s of item.source) if (offset >= s.start && offset < s.end) return item.label;
  }
  return null;
}
