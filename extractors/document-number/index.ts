// documentNumber: the số/ký hiệu printed after "Số:" in the header. The receiving office's
// incoming-mail stamp ("Số: 7790 / Ngày: … / Chuyển:") was set apart by the segmenter.

import type { DocumentNumber } from '../../schemas/record.js';
import { NUMBER_LINE } from '../../pipeline/stages/segment.js';
import { docNumberRegex, parseDocNumber } from '../../pipeline/text/docnumber.js';
import { TYPE_CODES } from '../../pipeline/text/lexicon.js';
import { fixOcrDigits } from '../../pipeline/text/numbers.js';
import { spanOf, type ExtractContext } from '../context.js';

export function extractDocumentNumber(ctx: ExtractContext): DocumentNumber | null {
  const { seg } = ctx;
  const u = seg.header.number;
  if (u) {
    const prefix = NUMBER_LINE.exec(u.fold.trimStart());
    const lead = u.fold.length - u.fold.trimStart().length + (prefix ? prefix[0].length : 0);
    const rest = u.text.slice(lead);
    // The number ends where the place–date line begins ("Số: 12/KH-UBND   Hà Nội, ngày …").
    const re = docNumberRegex();
    const m = re.exec(rest.replace(/[0-9OIl]+(?=\s*\/)/, (d) => fixOcrDigits(d)));
    if (m && m.index < 6) {
      const raw = u.text.slice(0, lead + m.index + m[0].length).trim();
      const parsed = parseDocNumber(m[0]);
      if (parsed) {
        const start = u.start + lead + m.index;
        const out: DocumentNumber = {
          value: parsed.value,
          raw,
          number: parsed.number,
          year: parsed.year,
          typeCode: parsed.typeCode,
          issuerCode: parsed.issuerCode,
          source: [spanOf(seg, start, start + m[0].length)],
          confidence: parsed.value === m[0].replace(/\s+/g, '') ? 0.95 : 0.85,
        };
        checkTypeCode(ctx, out);
        return out;
      }
    }
    const digits = /^\s*(\d{1,6})(?!\s*\/)/.exec(rest);
    if (digits) {
      ctx.messages.push({
        ruleId: 'number-without-symbol',
        severity: 'info',
        message: `"Số: ${digits[1]}" has no ký hiệu; kept as the document number with low confidence`,
        source: [spanOf(seg, u.start, u.end)],
      });
      const start = u.start + lead + digits.index + digits[0].indexOf(digits[1]!);
      return { value: digits[1]!, raw: u.text.trim(), number: Number(digits[1]), year: null, typeCode: null, issuerCode: null, source: [spanOf(seg, start, start + digits[1]!.length)], confidence: 0.4 };
    }
  }
  for (const s of seg.header.stamp) {
    if (NUMBER_LINE.test(s.fold.trimStart())) {
      ctx.messages.push({ ruleId: 'incoming-stamp', severity: 'info', message: `"${s.text.trim()}" is the receiving office's incoming-mail stamp, not the document's number`, source: [spanOf(seg, s.start, s.end)] });
      break;
    }
  }
  return null;
}

// The type code should agree with the tên loại (KH for a Kế hoạch, QĐ for a Quyết định).
function checkTypeCode(ctx: ExtractContext, n: DocumentNumber): void {
  const docType = ctx.fields.docType;
  if (!n.typeCode || !docType || docType === 'khac' || docType === 'cong_van') return;
  const implied = TYPE_CODES[n.typeCode.toUpperCase()];
  if (implied && implied !== 'khac' && implied !== docType) {
    ctx.messages.push({
      ruleId: 'number-type-mismatch',
      severity: 'warning',
      message: `document number ${n.value} has type code ${n.typeCode} (${implied}) but the document is a ${docType}`,
      source: n.source,
    });
  }
}
