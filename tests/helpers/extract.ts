// Test helper: runs the real pipeline (normalize → segment → extract) over a text snippet.

import { normalizeText } from '../../pipeline/stages/normalize.js';
import { segment } from '../../pipeline/stages/segment.js';
import { extractFields, type Fields } from '../../extractors/index.js';

export function fieldsOf(text: string, today = '2026-11-23'): Fields {
  const n = normalizeText(text);
  return extractFields(segment(n.text), today).fields;
}

export function extractWithMessages(text: string, today = '2026-11-23') {
  const n = normalizeText(text);
  const seg = segment(n.text);
  const { fields, messages } = extractFields(seg, today);
  return { fields, messages: [...n.messages, ...messages], seg, text: n.text };
}
