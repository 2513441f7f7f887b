// docType: the tên loại at the head of the document; else the "V/v" line of a công văn, the
// type code of the number, or the shape of a news item.

import { TYPE_CODES, type DocType } from '../../pipeline/text/lexicon.js';
import { NUMBER_LINE } from '../../pipeline/stages/segment.js';
import { parseDocNumber } from '../../pipeline/text/docnumber.js';
import type { ExtractContext } from '../context.js';

export function extractDocType(ctx: ExtractContext): DocType {
  const { seg } = ctx;
  if (seg.title.kind) return seg.title.kind.type;
  if (seg.title.vv.length) return 'cong_van';
  const numberUnit = seg.header.number;
  if (numberUnit) {
    const parsed = parseDocNumber(numberUnit.text.replace(NUMBER_LINE, ''));
    if (parsed?.typeCode) return TYPE_CODES[parsed.typeCode.toUpperCase()] ?? 'khac';
    if (parsed?.issuerCode) return 'cong_van';
  }
  if (seg.news) return 'tin_tuc';
  if (seg.header.quocHieu || seg.closing.signatures.length) {
    ctx.messages.push({ ruleId: 'doc-type-uncertain', severity: 'info', message: 'no tên loại, V/v line or type code found; typed as khac' });
  }
  return 'khac';
}
