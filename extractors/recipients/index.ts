// recipients: the entries of the Nơi nhận list, as printed, without their dashes.

import type { ExtractContext } from '../context.js';

export function extractRecipients(ctx: ExtractContext): string[] {
  return ctx.seg.closing.recipients
    .map((u) => u.text.replace(/^(?:nơi nhận|noi nhan)\s*:?\s*/i, '').replace(/^[-–+•*]\s*/, '').replace(/[;,.]\s*$/, '').trim())
    .filter((s) => s.length > 1);
}
