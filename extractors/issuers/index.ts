// issuers: the organs in the header, abbreviations written out. The header names a parent
// organ above the issuing one ("UBND TỈNH BẮC GIANG" / "SỞ Y TẾ"); the issuer is the lower
// one, completed with the parent's territory. Joint headers ("SỞ Y TẾ TP HCM –" / "SỞ Y TẾ
// TỈNH KON TUM") give several issuers. Without organ lines, the issuer is composed from the
// issuer code of the number and the place of issue.

import type { Organization } from '../../schemas/record.js';
import { isForeignLine, isProvincialDepartment, organLevel, organName, splitOrgans, territoryOf, type OrganPiece } from '../../pipeline/text/organs.js';
import { foldKeepOffsets } from '../../pipeline/text/vietnamese.js';
import type { Unit } from '../../pipeline/stages/segment.js';
import { spanOf, type ExtractContext } from '../context.js';

// Issuer codes of numbers ("KH-SYT") and the organ they stand for.
const ISSUER_CODES: Record<string, string> = {
  SYT: 'Sở Y tế', UBND: 'Ủy ban nhân dân', BYT: 'Bộ Y tế', SGDĐT: 'Sở Giáo dục và Đào tạo', 'SGD&ĐT': 'Sở Giáo dục và Đào tạo',
  SNV: 'Sở Nội vụ', SNGV: 'Sở Ngoại vụ', STC: 'Sở Tài chính', SKHĐT: 'Sở Kế hoạch và Đầu tư', SNN: 'Sở Nông nghiệp và Phát triển nông thôn',
  'SNNPTNT': 'Sở Nông nghiệp và Phát triển nông thôn', SLĐTBXH: 'Sở Lao động - Thương binh và Xã hội', SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch',
  SCT: 'Sở Công Thương', SKHCN: 'Sở Khoa học và Công nghệ', STTTT: 'Sở Thông tin và Truyền thông', HĐND: 'Hội đồng nhân dân',
};
const CITIES = /^(?:hà nội|hồ chí minh|thành phố hồ chí minh|hải phòng|đà nẵng|cần thơ|huế)$/i;

export function extractIssuers(ctx: ExtractContext): Organization[] {
  const { seg } = ctx;
  if (ctx.fields.docType === 'tin_tuc') return []; // a news page has no issuing organ
  // A two-country header repeats organ lines and quốc hiệu per side: group organs by side.
  const national = seg.header.nationalLines;
  const groups = new Map<number, Unit[]>();
  for (const u of seg.header.organs.filter((o) => !isForeignLine(o.text))) {
    const side = national.length > 1 ? national.filter((q) => q.line <= u.line).length : 0;
    groups.set(side, [...(groups.get(side) ?? []), u]);
  }
  const out: Organization[] = [];
  for (const units of groups.values()) {
    const pieces = splitOrgans(units.map((u) => ({ text: u.text, start: u.start }))).filter((p) => !/^(?:số|so)\b/i.test(p.raw));
    out.push(...fromHeader(ctx, pieces));
  }
  if (out.length > 0) return out;
  return fromNumber(ctx);
}

/** The issuing organs of one header side: the lowest level named, with the parent's territory. */
function fromHeader(ctx: ExtractContext, pieces: OrganPiece[]): Organization[] {
  if (pieces.length === 0) return [];
  const levels = pieces.map((p) => organLevel(p.starter, foldKeepOffsets(p.raw.toLowerCase())));
  const deepest = Math.max(...levels);
  const issuing = pieces.filter((_, i) => levels[i] === deepest);
  const parents = pieces.filter((_, i) => levels[i]! < deepest);
  const parentTerritories = parents
    .flatMap((p) => organName(p.raw).split(/\s*[–-]\s*(?=tỉnh|thành phố|Tỉnh|Thành phố)/u).map((part) => territoryOf(part)))
    .filter((t): t is string => Boolean(t));
  return issuing.map((p, i) => {
    let name = organName(p.raw);
    if (p.starter === 'van phong' && parents.length && !/nhân dân|Ủy ban|Uỷ ban/u.test(name)) {
      // "VĂN PHÒNG" under "UBND TỈNH QUẢNG NAM" is the committee's own office.
      name = `${name} ${organName(parents[parents.length - 1]!.raw)}`;
    } else if (!territoryOf(name) && isProvincialDepartment(p.starter)) {
      const t = parentTerritories[i] ?? parentTerritories[0];
      if (t) name = `${name} ${t}`;
    }
    // A name completed from the parent organ cites the parent's line too.
    const parentSpans = name !== organName(p.raw) ? parents.map((q) => spanOf(ctx.seg, q.start, q.end)) : [];
    return { name, raw: p.raw, source: [spanOf(ctx.seg, p.start, p.end), ...parentSpans], confidence: parents.length || issuing.length > 1 ? 0.9 : 0.8 };
  });
}

function fromNumber(ctx: ExtractContext): Organization[] {
  const n = ctx.fields.documentNumber;
  const code = n?.issuerCode?.split('-')[0]?.toUpperCase();
  const organ = code ? ISSUER_CODES[code] : undefined;
  if (!n || !organ) return [];
  const place = ctx.fields.issuedPlace?.value;
  const isMinistry = organ.startsWith('Bộ');
  let name = organ;
  if (!isMinistry && place) name = `${organ} ${CITIES.test(place) ? 'thành phố' : 'tỉnh'} ${place.replace(/^Thành phố\s+/i, '')}`;
  ctx.messages.push({ ruleId: 'issuer-composed', severity: 'info', message: `no organ lines in the header; issuer "${name}" composed from the number ${n.value}${place ? ` and the place ${place}` : ''}` });
  return [{ name, raw: n.value, source: n.source, confidence: 0.6 }];
}
