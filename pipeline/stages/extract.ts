// Extract stage: runs the field extractors over the segmented document.

import { extractFields, type Fields } from '../../extractors/index.js';
import type { Message } from '../../schemas/record.js';
import type { Segmented } from './segment.js';

export function extractStage(seg: Segmented, today: string): { fields: Fields; messages: Message[] } {
  return extractFields(seg, today);
}
