// issuers: the organs in the header, abbreviations written out. The header names a parent
// organ above the issuing one ("UBND TỈNH BẮC GIANG" / "SỞ Y TẾ"); the issuer is the lower
// one, completed with the parent's territory. Joint headers ("SỞ Y TẾ TP HCM –" / "SỞ Y TẾ
// TỈNH KON TUM") give several issuers. Without organ lines, the issuer is composed from the
// issuer code of the number and the place of issue.

import type { Organization } from '../../schemas/record.js';
import { isParentOrgan, isProvincialDepartment, organName, splitOrgans, territoryOf, type OrganPiece } from '../../pipeline/text/organs.js';
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
  const lines = seg.header.organs.map((u) => ({ text: u.text, start: u.start }));
  const pieces = splitOrgans(lines).filter((p) => !/^(?:số|so)\b/i.test(p.raw));
  if (pieces.length > 0) return fromHeader(ctx, pieces);
  return fromNumber(ctx);
}

/** Groups header organs into levels; the last level holds the issuers. */
function fromHeader(ctx: ExtractContext, pieces: OrganPiece[]): Organization[] {
  const levels: OrganPiece[][] = [];
  for (const p of pieces) {
    const last = levels[levels.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && (prev.joined || (prev.starter === p.starter && !isParentOrgan(p.starter)))) last.push(p);
    else levels.push([p]);
  }
  const issuing = levels[levels.length - 1]!;
  const parents = levels.slice(0, -1).flat();
  const parentTerritories = parents.flatMap((p) => organName(p.raw).split(/\s*[–-]\s*/).map((part) => territoryOf(part) ?? territoryOf(`${organName(p.raw)}`) ?? null)).filter((t): t is string => Boolean(t));
  return issuing.map((p, i) => {
    let name = organName(p.raw);
    if (!territoryOf(name) && isProvincialDepartment(p.starter)) {
      const t = parentTerritories[i] ?? parentTerritories[0];
      if (t) name = `${name} ${t}`;
    }
    return { name, raw: p.raw, source: [spanOf(ctx.seg, p.start, p.end)], confidence: parents.length || issuing.length > 1 ? 0.9 : 0.8 };
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
