// signatories: from the signature blocks — the signer's name, real position ("Phó Giám đốc"
// under "KT. GIÁM ĐỐC") and the KT./TM./TL./Q. line(s) as printed.

import type { Signatory } from '../../schemas/record.js';
import type { SignatureBlock } from '../../pipeline/stages/segment.js';
import { organName } from '../../pipeline/text/organs.js';
import { POSITIONS, organStartAt } from '../../pipeline/text/lexicon.js';
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
  const orgLines = b.organization
    .map((u) => u.text.replace(/^(?:ĐẠI DIỆN|THAY MẶT|FOR THE|ON BEHALF OF|FOR AND ON BEHALF OF)\s+/u, '').replace(/\s*\/\s*(?:FOR|ON BEHALF OF)\b.*$/iu, '').replace(/^BÊN\s+[AB]\b\s*[:-]?\s*/u, ''))
    .filter((t) => t.trim().length > 1);
  // "BỘ TRƯỞNG BỘ Y TẾ": a position followed by the organ it belongs to.
  if (positionLine) {
    const split = splitPositionOrgan(positionLine);
    if (split) {
      positionLine = split.position;
      orgLines.unshift(split.organ);
    }
  }
  const title = positionLine ? positionTitle(positionLine) : null;
  const fromAuthority = authority && /^(?:TM|T\/M)\.?\s+/u.test(authority) ? authority.replace(/^(?:TM|T\/M)\.?\s+/u, '').split(/\s+(?:KT|TL|Q)\.\s*/u)[0] : null;
  const orgRaw = orgLines.length ? orgLines.join(' ') : fromAuthority;
  return {
    name,
    title,
    authority,
    organization: orgRaw ? organName(orgRaw) : null,
    source: [spanOf(ctx.seg, b.nameStart, b.nameEnd)],
  };
}

function splitPositionOrgan(line: string): { position: string; organ: string } | null {
  const words = line.trim().split(/\s+/);
  for (let k = Math.min(5, words.length - 1); k >= 1; k--) {
    const head = words.slice(0, k).join(' ');
    const rest = words.slice(k).join(' ');
    if (POSITIONS.includes(fold(head).replace(/[^a-z ]/g, '').trim()) && organStartAt(rest)) return { position: head, organ: rest };
  }
  return null;
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
  const words = s.toLocaleLowerCase('vi').split(' ');
  if (fold(s) === s.toLowerCase()) {
    // English: "VICE MINISTER OF HEALTH" → "Vice Minister of Health".
    return words.map((w, i) => (i > 0 && /^(?:of|the|and|for)$/.test(w) ? w : cap(w))).join(' ');
  }
  // Prefixes that keep the next word capitalised: Phó Giám đốc, Tổng Giám đốc, Quyền Giám đốc.
  const keepNext = new Set(['phó', 'tổng', 'quyền']);
  return words.map((w, i) => (i === 0 || (i === 1 && keepNext.has(words[0]!)) ? cap(w) : w)).join(' ');
}

function cap(w: string): string {
  return w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
}

function titleCaseName(s: string): string {
  return squash(s)
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => w.split('-').map(cap).join('-'))
    .join(' ');
}
