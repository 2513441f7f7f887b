// parties: the organisations that cooperate under the agreement the document is about, as
// named in the text, without a trailing country qualifier.
// - An agreement or MOU: its signing sides — "BÊN A/BÊN B", the signature blocks and the text's
//   own naming of the two sides, preferring the text's wording.
// - A plan, decision, letter or report: the sides of the agreement it carries out, as a
//   signing sentence or "… giữa X và Y" names them; else "… hợp tác với Y" and the issuer's side.
// - News: the pair named as signing, the one that best fits the headline.

import type { Party } from '../../schemas/record.js';
import { countryNamedIn, countryOfPlace } from '../../pipeline/text/lexicon.js';
import { organName, territoryOf } from '../../pipeline/text/organs.js';
import { foldWords, isUpperText } from '../../pipeline/text/vietnamese.js';
import { mainTextRange, spanOf, type ExtractContext } from '../context.js';
import { cleanPartyName, readPhrase, startsOrgan, type Phrase } from './phrases.js';
import { isForeignLine } from '../../pipeline/text/organs.js';
import { blockOrganization } from '../../pipeline/segment/closing.js';
import { dice } from '../../pipeline/text/similarity.js';

interface Side {
  name: string;
  start: number;
  end: number;
  qualifier: string;
}

type Pair = [Side, Side];

interface FoundPair {
  pair: Pair;
  at: number;
  /** How the pair was found: "between" (giữa X và Y), "signing" (X và Y ký), "with" (X ký … với Y). */
  how: 'between' | 'signing' | 'with' | 'opening';
  sentence: string;
}

const AGREEMENT = /(?:thoa thuan|ghi nho|hiep dinh|hop tac|ky ket|memorandum|agreement|van kien|chuong trinh|bien ban|du an)/;

export function extractParties(ctx: ExtractContext): Party[] {
  const t = ctx.fields.docType;
  let sides: Side[];
  if (t === 'thoa_thuan' || t === 'ban_ghi_nho' || t === 'hop_dong') sides = agreementSides(ctx);
  else if (t === 'tin_tuc') sides = newsSides(ctx);
  else sides = implementedAgreementSides(ctx);
  return dedupe(sides).map((s) => toParty(ctx, s));
}

function toParty(ctx: ExtractContext, s: Side): Party {
  let name = cleanPartyName(s.name);
  if (isUpperText(name)) name = organName(name);
  return { name, country: countryOf(name, s.qualifier), source: [spanOf(ctx.seg, s.start, s.end)], confidence: 0.8 };
}

function countryOf(name: string, qualifier: string): string | null {
  const q = qualifier ? countryNamedIn(qualifier) : null;
  if (q) return q;
  const named = countryNamedIn(name);
  if (named) return named;
  const territory = territoryOf(name);
  const place = territory ? territory.replace(/^(?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã)\s+/iu, '') : name;
  const words = place.split(/\s+/);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const c = countryOfPlace(words.slice(-n).join(' '));
    if (c) return c;
  }
  return /^(?:Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Bộ|Trung tâm|Bệnh viện|Trường|Học viện|Cục|Vụ)(?!\p{L})/u.test(name) ? 'VN' : null;
}

function dedupe(sides: Side[]): Side[] {
  const out: Side[] = [];
  for (const s of sides) {
    const key = foldWords(cleanPartyName(s.name));
    if (!key) continue;
    if (out.some((o) => dice(foldWords(cleanPartyName(o.name)), key) >= 0.8)) continue;
    out.push(s);
  }
  return out;
}

function side(p: Phrase): Side {
  return { name: p.text, start: p.start, end: p.end, qualifier: p.qualifier };
}

const QUALIFIER_AFTER = /^\s*(?:\([^)]{0,80}\)|,\s*(?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)[^,;.()\n]{0,60}?(?=\s+(?:và|với|cùng|đã|sẽ|thống nhất|ký)\s|[,;.()\n]|$))/u;

/** Two coordinated names at `at`: "X và Y", "X cùng Y", "X với Y", "X and Y". */
function pairAt(ctx: ExtractContext, at: number, to: number): Pair | null {
  const { seg } = ctx;
  const x = readPhrase(seg.text, seg.folded, at, to);
  if (!x) return null;
  let rest = x.end;
  const q = QUALIFIER_AFTER.exec(seg.text.slice(rest, rest + 100));
  if (q) rest += q[0].length;
  const conj = /^\s*,?\s*(?:và|với|cùng|and|with)\s+(?:the\s+)?/iu.exec(seg.text.slice(rest, rest + 12));
  if (!conj) return null;
  const y = readPhrase(seg.text, seg.folded, rest + conj[0].length, to);
  if (!y) return null;
  return [side(x), completeEllipsis(seg.folded, side(x), side(y))];
}

/**
 * "Sở Y tế TPHCM và các tỉnh vùng Đông Nam Bộ": the second side shares the first one's organ
 * type, left out by ellipsis. Write it in: "Sở Y tế các tỉnh vùng Đông Nam Bộ".
 */
function completeEllipsis(folded: string, x: Side, y: Side): Side {
  const yf = folded.slice(y.start, y.end);
  if (!/^(?:cac tinh|cac dia phuong|cac thanh pho)\b/.test(yf)) return y;
  const xf = folded.slice(x.start, x.end);
  const organ = /^(?:so|bo|trung tam|benh vien|uy ban nhan dan|ubnd|chinh quyen)\s.*?(?=\s(?:tinh|thanh pho|thu do|tp\.?|tphcm)\b|$)/.exec(xf);
  if (!organ || organ[0].length >= xf.length) return y;
  const type = x.name.slice(0, organ[0].length).trim();
  if (type.split(/\s+/).length > 5) return y;
  return { ...y, name: `${type} ${y.name}` };
}

const isSentenceEnd = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a;

function sentenceBounds(folded: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && !isSentenceEnd(folded.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < folded.length && !isSentenceEnd(folded.charCodeAt(e))) e++;
  return [s, e];
}

/**
 * Every place where the text names the two sides of an agreement, in order:
 * "… giữa X và Y" after an agreement word; "X và Y (đã) ký …"; "X (đã) ký … với Y".
 */
export function namedPairs(ctx: ExtractContext, from: number, to: number, inTitle = false): FoundPair[] {
  const { seg } = ctx;
  const found: FoundPair[] = [];
  const f = seg.folded;
  // giữa X và Y, between X and Y
  for (const m of f.slice(from, to).matchAll(/(?<![a-z])(?:giua|between)\s+(?:the\s+)?/g)) {
    const at = from + m.index! + m[0].length;
    const pair = pairAt(ctx, at, to);
    if (!pair) continue;
    const [s, e] = sentenceBounds(f, at);
    const before = f.slice(Math.max(s, at - 160), at);
    if (!inTitle && !AGREEMENT.test(before) && !AGREEMENT.test(f.slice(pair[1].end, Math.min(e, pair[1].end + 80)))) continue;
    found.push({ pair, at, how: 'between', sentence: f.slice(s, e) });
  }
  // X và Y (đã) … ký; X (đã) … ký … với Y — X opens its clause.
  const clauseStarts = /(?:^|[\n.;:]|,)[ \t]*(?=\S)/g;
  clauseStarts.lastIndex = from;
  let skipTo = from;
  for (let c = clauseStarts.exec(f); c && c.index < to; c = clauseStarts.exec(f)) {
    if (c[0].length === 0) clauseStarts.lastIndex++;
    const i = c.index + c[0].length;
    if (i < skipTo || i >= to) continue;
    if (!startsOrgan(seg.text, i)) continue;
    const [s, e] = sentenceBounds(f, i);
    const sentence = f.slice(s, e);
    // A sentence about signing, or about what the agreement commits the two sides to.
    const aboutAgreement = /(?<![a-z])ky(?![a-z])|le ky|trao van kien/.test(sentence) || /(?:thoa thuan|ghi nho|hiep dinh)/.test(sentence);
    if (!aboutAgreement) continue;
    const pair = pairAt(ctx, i, e);
    if (pair && /^[\s,]*(?:\([^)]*\)\s*)?(?:[^.]{0,80}?)(?<![a-z])(?:da|se|chinh thuc|cung|vua|hom nay)?\s*(?:to chuc\s+)?(?:le\s+)?(?:ky|thong nhat|nhat tri|cam ket)/.test(f.slice(pair[1].end, e))) {
      found.push({ pair, at: i, how: 'signing', sentence });
      skipTo = pair[1].end;
      continue;
    }
    const x = readPhrase(seg.text, f, i, e);
    if (!x) continue;
    const tail = f.slice(x.end, e);
    const w = /^[^.]{0,60}?(?<![a-z])ky(?: ket)?\s[^.]{0,160}?(?<![a-z])voi\s+/.exec(tail);
    if (w && AGREEMENT.test(tail.slice(0, w[0].length))) {
      const at = x.end + w[0].length;
      const y = readPhrase(seg.text, f, at, e);
      if (y && startsOrgan(seg.text, at)) found.push({ pair: [side(x), side(y)], at: i, how: 'with', sentence });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return found;
}

function agreementSides(ctx: ExtractContext): Side[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  // BÊN A / BÊN B blocks name each side explicitly.
  const benSides: Side[] = [];
  for (const m of seg.folded.slice(from, to).matchAll(/(?<![a-z])ben ([ab])\s*(?:\([^)]*\))?\s*:\s*/g)) {
    const at = from + m.index! + m[0].length;
    const p = readPhrase(seg.text, seg.folded, at, to);
    if (p && startsOrgan(seg.text, at)) benSides.push(side(p));
  }
  if (benSides.length >= 2) return benSides;

  const signed = signatureSides(ctx);
  const titleUnits = [seg.title.kind?.unit, ...seg.title.summary].filter((u) => u !== undefined);
  const titleFrom = titleUnits[0]?.start ?? from;
  const titleTo = titleUnits.length ? titleUnits[titleUnits.length - 1]!.end : from;
  const textPairs = [
    ...(titleUnits.length ? namedPairs(ctx, titleFrom, titleTo, true) : []),
    ...openingPairs(ctx),
    ...namedPairs(ctx, titleTo, to).filter((p) => !seg.canCu.some((u) => p.at >= u.start && p.at < u.end)),
  ].map((p) => p.pair);
  if (signed.length >= 2) {
    // Prefer the text's wording of the signing sides.
    let best: Pair | null = null;
    let bestScore = 0;
    for (const pair of textPairs) {
      const score = matchScore(pair, signed);
      if (score > bestScore) {
        best = pair;
        bestScore = score;
      }
    }
    if (best && bestScore >= 1.5) return best;
    return signed;
  }
  if (textPairs.length) return textPairs[0]!;
  if (signed.length) return signed;
  // A joint header names both sides.
  return (ctx.fields.issuers ?? []).map((i) => ({ name: i.name, start: i.source[0]!.start, end: i.source[0]!.end, qualifier: '' }));
}

function matchScore(pair: Pair, signed: Side[]): number {
  const a = foldWords(cleanPartyName(pair[0].name));
  const b = foldWords(cleanPartyName(pair[1].name));
  const s0 = foldWords(organName(signed[0]!.name));
  const s1 = foldWords(organName(signed[1]!.name));
  return Math.max(dice(a, s0) + dice(b, s1), dice(a, s1) + dice(b, s0));
}

/** The organisations on whose behalf the signature blocks sign ("ĐẠI DIỆN SỞ Y TẾ …", "TM. UBND TỈNH …"). */
function signatureSides(ctx: ExtractContext): Side[] {
  const out: Side[] = [];
  for (const b of ctx.seg.closing.signatures) {
    const org = blockOrganization(b);
    if (!org || isForeignLine(org.raw)) continue;
    const name = organName(org.raw);
    // A bare organ type ("Ủy ban nhân dân") does not identify a side.
    if (!/\p{Lu}[\p{Ll}\p{M}]*\s.*\p{Lu}/u.test(name.replace(/^\p{Lu}/u, '')) && name.split(/\s+/).length < 4) continue;
    out.push({ name, start: org.units[0]!.start, end: org.units[org.units.length - 1]!.end, qualifier: '' });
  }
  return dedupe(out);
}

/** An agreement's opening: "Ủy ban nhân dân tỉnh A … và Chính quyền tỉnh B … (sau đây gọi là …)". */
function openingPairs(ctx: ExtractContext): FoundPair[] {
  const { seg } = ctx;
  const out: FoundPair[] = [];
  const re = /sau day (?:goi|duoc goi)/g;
  re.lastIndex = Math.max(0, seg.body.start - 2000);
  for (let m = re.exec(seg.folded); m && m.index < seg.body.end; m = re.exec(seg.folded)) {
    const [s] = sentenceBounds(seg.folded, m.index);
    for (let i = s; i < m.index; i++) {
      if ((i === s || /\s/.test(seg.folded[i - 1]!)) && startsOrgan(seg.text, i)) {
        const pair = pairAt(ctx, i, m.index + 400);
        if (pair) {
          out.push({ pair, at: i, how: 'opening', sentence: '' });
          break;
        }
      }
    }
  }
  return out;
}

/** For a plan/decision/letter: the sides of the agreement it carries out. */
function implementedAgreementSides(ctx: ExtractContext): Side[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const titleUnits = [seg.title.kind?.unit, ...seg.title.summary, ...seg.title.vv].filter((u) => u !== undefined);
  const zones: Array<[number, number]> = [];
  if (titleUnits.length) zones.push([titleUnits[0]!.start, titleUnits[titleUnits.length - 1]!.end]);
  zones.push([from, to]);
  for (const [k, [a, b]] of zones.entries()) {
    const named = namedPairs(ctx, a, b, k === 0 && titleUnits.length > 0)[0];
    if (named) return named.pair;
  }
  const re = /(?:thoa thuan|ban ghi nho|bien ban ghi nho|ghi nho|hiep dinh|chuong trinh hop tac|ke hoach hop tac|hop tac)(?:\s+hop tac)?(?:\s+[^.;\n]{0,80}?)?\s+voi\s+/g;
  for (const [a, b] of zones) {
    re.lastIndex = a;
    for (let m = re.exec(seg.folded); m && m.index < b; m = re.exec(seg.folded)) {
      const at = m.index + m[0].length;
      const other = readPhrase(seg.text, seg.folded, at, b);
      if (!other || !startsOrgan(seg.text, at)) continue;
      const own = ownSide(ctx, seg.text.slice(at, at + 12), m.index);
      return own ? [own, side(other)] : [side(other)];
    }
  }
  return [];
}

/** Our side of "… hợp tác với tỉnh X": the issuer's province for a province, else the issuer. */
function ownSide(ctx: ExtractContext, otherStart: string, near: number): Side | null {
  const { seg } = ctx;
  // "Kế hoạch số … của UBND tỉnh Bắc Giang thực hiện Thỏa thuận …": the organ named just before.
  const before = seg.text.slice(Math.max(0, near - 120), near);
  const beforeStart = Math.max(0, near - 120);
  const ofOrgan = /của\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Bộ|Trường|Bệnh viện)\s+[^,;.()\n]{2,60}?)\s*(?:về|thực hiện|triển khai)?\s*$/u.exec(before);
  const issuer = ofOrgan ? organName(ofOrgan[1]!) : ctx.fields.issuers?.[0]?.name;
  if (!issuer) return null;
  // Cite where the text names our side: "của UBND tỉnh Bắc Giang", else the issuer's source.
  const source = ofOrgan
    ? { start: beforeStart + ofOrgan.index + ofOrgan[0].indexOf(ofOrgan[1]!), end: beforeStart + ofOrgan.index + ofOrgan[0].indexOf(ofOrgan[1]!) + ofOrgan[1]!.length }
    : (ctx.fields.issuers?.[0]?.source[0] ?? { start: near, end: near });
  if (/^(?:tỉnh|thành phố|thủ đô)\s/iu.test(otherStart)) {
    const fromIssuer = territoryOf(issuer);
    if (fromIssuer) return { name: fromIssuer, start: source.start, end: source.end, qualifier: '' };
    const place = ctx.fields.issuedPlace;
    if (place) return { name: `tỉnh ${place.value}`, start: place.source[0]!.start, end: place.source[0]!.end, qualifier: '' };
  }
  return { name: issuer, start: source.start, end: source.end, qualifier: '' };
}

/** News: the pair the article names as signing; the one that best fits the headline wins. */
function newsSides(ctx: ExtractContext): Side[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const headline = seg.news?.headline ? foldWords(seg.news.headline.text) : '';
  const headlineKind = /ghi nho/.test(headline) ? 'ghi nho' : /thoa thuan/.test(headline) ? 'thoa thuan' : '';
  const candidates: Array<{ pair: Pair; score: number }> = [];
  const inList = (o: number) => seg.body.outline.some((s) => s.kind !== 'heading' && o >= s.start && o < s.end);
  // The headline names the sides briefly ("Ngành y tế TPHCM cùng các tỉnh …"): read the article.
  const articleFrom = seg.news?.headline ? Math.max(from, seg.news.headline.end) : from;
  for (const p of namedPairs(ctx, articleFrom, to)) {
    // Names inside a numbered list are the contents (tasks) of the article, not its parties.
    if (inList(p.at)) continue;
    let score = p.how === 'signing' || p.how === 'with' ? 4 : 3;
    if (/(?:ky ket|da ky|thong nhat ky|le ky|ky thoa thuan|ky ban ghi nho|ky bien ban)/.test(p.sentence)) score += 2;
    if (headlineKind && p.sentence.includes(headlineKind)) score += 2;
    if (headlineKind && /ghi nho|thoa thuan/.test(p.sentence) && !p.sentence.includes(headlineKind)) score -= 3;
    score += 3 * (overlap(foldWords(p.pair[0].name), headline) + overlap(foldWords(p.pair[1].name), headline));
    // Full organ names beat bare territories ("các tỉnh vùng …").
    for (const s of p.pair) if (/^(?:các|những)\s/u.test(s.name)) score -= 1;
    score -= (p.at - from) / 5000;
    candidates.push({ pair: p.pair, score });
  }
  candidates.sort((a, b) => b.score - a.score);
  if (candidates[0] && candidates[0].score > 2) return candidates[0].pair;
  return [];
}

function overlap(name: string, headline: string): number {
  const words = name.split(' ').filter((w) => w.length > 1);
  if (!words.length || !headline) return 0;
  const h = new Set(headline.split(' '));
  return words.filter((w) => h.has(w)).length / words.length;
}
