// signatories: from the signature blocks — the signer's name, real position ("Phó Giám đốc"
// under "KT. GIÁM ĐỐC") and the KT./TM./TL./Q. line(s) as printed.

import type { Signatory } from '../../schemas/record.js';
import type { SignatureBlock } from '../../pipeline/stages/segment.js';
import { blockOrganization, positionOrgan } from '../../pipeline/segment/closing.js';
import { organName } from '../../pipeline/text/organs.js';
import { fold, isUpperText } from '../../pipeline/text/vietnamese.js';
import { spanOf, squash, type ExtractContext } from '../context.js';
import { newsSignatories } from './news.js';

export function extractSignatories(ctx: ExtractContext): Signatory[] {
  const { seg } = ctx;
  if (ctx.fields.docType === 'tin_tuc') return newsSignatories(ctx);
  const out: Signatory[] = [];
  const seen = new Set<string>();
  for (const b of seg.closing.signatures) {
    const s = toSignatory(ctx, b);
    const key = fold(s.name).replace(/[^a-z]/g, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

function toSignatory(ctx: ExtractContext, b: SignatureBlock): Signatory {
  const raw = ctx.seg.text.slice(b.nameStart, b.nameEnd);
  const name = isUpperText(raw) ? titleCaseName(raw) : squash(raw);
  const authority = b.authority.length ? squash(b.authority.map((u) => u.text).join(' ')) : null;
  let positionLine = b.position?.text ?? positionFromAuthority(authority);
  const organ = positionLine ? positionOrgan(positionLine) : null;
  if (positionLine && organ) positionLine = positionLine.slice(0, positionLine.length - organ.length).trim();
  const title = positionLine ? positionTitle(positionLine) : null;
  const orgRaw = blockOrganization(b)?.raw ?? null;
  return {
    name,
    title,
    authority,
    organization: orgRaw ? organName(orgRaw) : null,
    source: [spanOf(ctx.seg, b.nameStart, b.nameEnd)],
  };
}

// "KT. GIÁM ĐỐC" without a position line: the signer is a deputy.
function positionFromAuthority(authority: string | null): string | null {
  if (!authority) return null;
  const last = authority.split(/\s+(?=(?:KT|TM|TL|Q)\.)/u).pop() ?? '';
  const m = /^(KT|Q)\.\s*(.+)$/u.exec(last);
  if (!m) return null;
  return m[1] === 'KT' ? `PHÓ ${m[2]}` : `QUYỀN ${m[2]}`;
}

/** "PHÓ GIÁM ĐỐC" → "Phó Giám đốc"; "CHỦ TỊCH" → "Chủ tịch"; English positions in title case. */
export function positionTitle(line: string): string {
  const s = squash(line).replace(/[,:;]+$/, '');
  if (!isUpperText(s)) return s;
  const words = s.toLowerCase().split(' ');
  if (fold(s) === s.toLowerCase()) {
    // English: "VICE MINISTER OF HEALTH" → "Vice Minister of Health".
    return words.map((w, i) => (i > 0 && /^(?:of|the|and|for)$/.test(w) ? w : cap(w))).join(' ');
  }
  // Prefixes that keep the next word capitalised: Phó Giám đốc, Tổng Giám đốc, Quyền Giám đốc.
  const keepNext = new Set(['phó', 'tổng', 'quyền']);
  return words.map((w, i) => (i === 0 || (i === 1 && keepNext.has(words[0]!)) ? cap(w) : w)).join(' ');
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function titleCaseName(s: string): string {
  return squash(s)
    .toLowerCase()
    .split(' ')
    .map((w) => w.split('-').map(cap).join('-'))
    .join(' ');
}
