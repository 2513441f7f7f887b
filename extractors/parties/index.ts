// parties: the organisations that cooperate under the agreement the document is about, as
// named in the text, without a trailing country qualifier.
// - An agreement or MOU: its two (or more) signing sides — from "BÊN A/BÊN B", the signature
//   blocks and the text's own "giữa X và Y", preferring the text's wording.
// - A plan, decision or letter: the sides of the agreement it carries out ("Thỏa thuận hợp tác
//   với tỉnh Xây Sôm Bun (Lào)" → the issuer's province and tỉnh Xây Sôm Bun).
// - News: the pair named as signing, the one that best fits the headline.

import type { Party } from '../../schemas/record.js';
import { countryNamedIn, countryOfPlace } from '../../pipeline/text/lexicon.js';
import { organName, territoryOf } from '../../pipeline/text/organs.js';
import { foldWords } from '../../pipeline/text/vietnamese.js';
import { mainTextRange, spanOf, type ExtractContext } from '../context.js';
import { cleanPartyName, readPhrase, startsOrgan, type Phrase } from './phrases.js';

interface Side {
  name: string;
  start: number;
  end: number;
  qualifier: string;
}

const AGREEMENT_WORDS = '(?:thoa thuan|ban ghi nho|bien ban ghi nho|ghi nho|hiep dinh|chuong trinh hop tac|ke hoach hop tac|hop tac|memorandum|agreement)';
const SIGN_VERB = /(?:ky ket|ky|thong nhat ky|le ky|trao|thoa thuan|ghi nho|hop tac)/;

export function extractParties(ctx: ExtractContext): Party[] {
  const t = ctx.fields.docType;
  let sides: Side[] = [];
  if (t === 'thoa_thuan' || t === 'ban_ghi_nho' || t === 'hop_dong') sides = agreementSides(ctx);
  else if (t === 'tin_tuc') sides = newsSides(ctx);
  else sides = implementedAgreementSides(ctx);
  return dedupe(sides).map((s) => toParty(ctx, s));
}

function toParty(ctx: ExtractContext, s: Side): Party {
  const name = cleanPartyName(s.name);
  return { name, country: countryOf(name, s.qualifier), source: [spanOf(ctx.seg, s.start, s.end)], confidence: 0.8 };
}

function countryOf(name: string, qualifier: string): string | null {
  const q = qualifier ? countryNamedIn(qualifier) : null;
  if (q) return q;
  const named = countryNamedIn(name);
  if (named) return named;
  const territory = territoryOf(name);
  const place = territory ? territory.replace(/^(?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã)\s+/iu, '') : name.split(/\s+/).slice(-3).join(' ');
  for (let n = 4; n >= 1; n--) {
    const words = place.split(/\s+/);
    const tail = words.slice(-n).join(' ');
    const c = countryOfPlace(tail);
    if (c) return c;
  }
  return /^(?:Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Bộ|Trung tâm|Bệnh viện|Trường|Đại học|Học viện|Cục|Vụ)\b/u.test(name) && !/[A-Z]{2,}/.test(name.replace(/UBND|TPHCM|HCM|CDC/g, '')) ? 'VN' : null;
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

export function dice(a: string, b: string): number {
  const ta = a.split(' ').filter(Boolean);
  const tb = b.split(' ').filter(Boolean);
  if (!ta.length || !tb.length) return 0;
  const m = new Map<string, number>();
  for (const t of ta) m.set(t, (m.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const c = m.get(t);
    if (c) {
      common++;
      m.set(t, c - 1);
    }
  }
  return (2 * common) / (ta.length + tb.length);
}

function phraseSide(p: Phrase): Side {
  return { name: p.text, start: p.start, end: p.end, qualifier: p.qualifier };
}

/** "giữa X và Y" (or "between X and Y") pairs in [from, to), in order. */
function betweenPairs(ctx: ExtractContext, from: number, to: number): Array<[Side, Side]> {
  const { seg } = ctx;
  const out: Array<[Side, Side]> = [];
  const re = /(?<![a-z])(?:giua|between)\s+(?:the\s+)?/g;
  re.lastIndex = from;
  for (let m = re.exec(seg.folded); m && m.index < to; m = re.exec(seg.folded)) {
    const pair = pairAt(ctx, m.index + m[0].length, to);
    if (pair) out.push(pair);
  }
  return out;
}

/** Two coordinated names at `at`: "X và Y", "X với Y", "X and Y". */
function pairAt(ctx: ExtractContext, at: number, to: number): [Side, Side] | null {
  const { seg } = ctx;
  const x = readPhrase(seg.text, seg.folded, at, to);
  if (!x) return null;
  let rest = x.end;
  // Skip the qualifier after X: "(Lào)", ", nước CHXHCN Việt Nam".
  const q = /^\s*(?:\([^)]{0,80}\)|,\s*(?:nước|Vương quốc|Cộng hòa|Cộng hoà|CHDCND|CHXHCN)[^,;.()\n]{0,60})/u.exec(seg.text.slice(rest, rest + 100));
  if (q) rest += q[0].length;
  const conj = /^\s*,?\s*(?:và|với|cùng|and|with)\s+(?:the\s+)?/iu.exec(seg.text.slice(rest, rest + 12));
  if (!conj) return null;
  const y = readPhrase(seg.text, seg.folded, rest + conj[0].length, to);
  if (!y) return null;
  return [phraseSide(x), completeEllipsis(seg.folded, phraseSide(x), phraseSide(y))];
}

/**
 * "Sở Y tế TPHCM và các tỉnh vùng Đông Nam Bộ": the second side shares the first one's organ
 * type, left out by ellipsis. Write it in: "Sở Y tế các tỉnh vùng Đông Nam Bộ".
 */
function completeEllipsis(folded: string, x: Side, y: Side): Side {
  const yf = folded.slice(y.start, y.end);
  if (!/^(?:cac tinh|tinh|thanh pho|cac dia phuong|cac thanh pho)\b/.test(yf)) return y;
  const xf = folded.slice(x.start, x.end);
  const organ = /^(?:so|bo|trung tam|benh vien|uy ban nhan dan|ubnd|chinh quyen)\s.*?(?=\s(?:tinh|thanh pho|thu do|tp\.?|tphcm)\b|$)/.exec(xf);
  if (!organ || organ[0].length >= xf.length) return y;
  const type = x.name.slice(0, organ[0].length).trim();
  if (type.split(/\s+/).length > 5) return y;
  return { ...y, name: `${type} ${y.name}` };
}

function agreementSides(ctx: ExtractContext): Side[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  // BÊN A / BÊN B blocks name each side explicitly.
  const benSides: Side[] = [];
  for (const m of seg.folded.slice(from, to).matchAll(/(?<![a-z])ben ([ab])\s*(?:\([^)]*\))?\s*:\s*/g)) {
    const at = from + m.index! + m[0].length;
    const p = readPhrase(seg.text, seg.folded, at, to);
    if (p && startsOrgan(seg.folded, at)) benSides.push(phraseSide(p));
  }
  if (benSides.length >= 2) return benSides;

  const signed = signatureSides(ctx);
  const titleUnits = [seg.title.kind?.unit, ...seg.title.summary].filter((u) => u !== undefined);
  const titleFrom = titleUnits[0]?.start ?? from;
  const titleTo = titleUnits.length ? titleUnits[titleUnits.length - 1]!.end : from;
  const titlePairs = titleUnits.length ? betweenPairs(ctx, titleFrom, titleTo) : [];
  const textPairs = [...titlePairs, ...betweenPairs(ctx, titleTo, to), ...openingPairs(ctx)];
  if (signed.length >= 2) {
    // Prefer the text's wording of the signing sides.
    let best: [Side, Side] | null = null;
    let bestScore = 0;
    for (const pair of textPairs) {
      const score = matchScore(pair, signed);
      if (score > bestScore) {
        best = pair;
        bestScore = score;
      }
    }
    if (best && bestScore >= 1.6) return best;
    return signed;
  }
  if (textPairs.length) return textPairs[0]!;
  if (signed.length) return signed;
  // A joint header names both sides.
  return (ctx.fields.issuers ?? []).map((i) => ({ name: i.name, start: i.source[0]!.start, end: i.source[0]!.end, qualifier: '' }));
}

function matchScore(pair: [Side, Side], signed: Side[]): number {
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
    const lines = b.organization.length ? b.organization : b.authority.filter((u) => /^(?:TM|T\/M)\./u.test(u.text));
    if (!lines.length) continue;
    const raw = lines.map((u) => u.text.replace(/^(?:ĐẠI DIỆN|THAY MẶT|TM\.|T\/M|FOR THE|ON BEHALF OF)\s*/u, '')).join(' ');
    const name = organName(raw);
    // A bare organ type ("ỦY BAN NHÂN DÂN") does not identify a side.
    if (name.split(/\s+/).length < 3 && !/\p{Lu}.*\p{Lu}.*\p{Lu}/u.test(name)) continue;
    out.push({ name, start: lines[0]!.start, end: lines[lines.length - 1]!.end, qualifier: '' });
  }
  return dedupe(out);
}

/** An agreement's opening: "Ủy ban nhân dân tỉnh A … và Chính quyền tỉnh B … (sau đây gọi là …)". */
function openingPairs(ctx: ExtractContext): Array<[Side, Side]> {
  const { seg } = ctx;
  const out: Array<[Side, Side]> = [];
  const start = seg.body.start;
  const re = /sau day (?:goi|duoc goi)/g;
  re.lastIndex = Math.max(0, start - 2000);
  for (let m = re.exec(seg.folded); m && m.index < seg.body.end; m = re.exec(seg.folded)) {
    // The sentence before "(sau đây gọi là …)".
    const sentenceStart = Math.max(seg.folded.lastIndexOf('\n', m.index), seg.folded.lastIndexOf('. ', m.index) + 1) + 1;
    for (let i = sentenceStart; i < m.index; i++) {
      if ((i === sentenceStart || /\s/.test(seg.folded[i - 1]!)) && startsOrgan(seg.folded, i)) {
        const pair = pairAt(ctx, i, m.index);
        if (pair) {
          out.push(pair);
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
  const zones: Array<[number, number]> = [];
  const titleUnits = [seg.title.kind?.unit, ...seg.title.summary, ...seg.title.vv].filter((u) => u !== undefined);
  if (titleUnits.length) zones.push([titleUnits[0]!.start, titleUnits[titleUnits.length - 1]!.end]);
  zones.push([from, to]);
  const re = new RegExp(`${AGREEMENT_WORDS}(?:\\s+hop tac)?(?:\\s+[^.;\\n]{0,80}?)?\\s+(giua|voi)\\s+`, 'g');
  for (const [a, b] of zones) {
    re.lastIndex = a;
    for (let m = re.exec(seg.folded); m && m.index < b; m = re.exec(seg.folded)) {
      const at = m.index + m[0].length;
      if (m[1] === 'giua') {
        const pair = pairAt(ctx, at, b);
        if (pair) return pair;
        continue;
      }
      const other = readPhrase(seg.text, seg.folded, at, b);
      if (!other || !startsOrgan(seg.folded, at)) continue;
      const own = ownSide(ctx, seg.folded.slice(at, at + 12), m.index);
      return own ? [own, phraseSide(other)] : [phraseSide(other)];
    }
  }
  return [];
}

/** Our side of "… hợp tác với tỉnh X": the issuer's province for a province, else the issuer. */
function ownSide(ctx: ExtractContext, otherStart: string, near: number): Side | null {
  const { seg } = ctx;
  // "Kế hoạch số … của UBND tỉnh Bắc Giang thực hiện Thỏa thuận …": the organ named just before.
  const before = seg.text.slice(Math.max(0, near - 120), near);
  const ofOrgan = /của\s+((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Sở|Bộ|Trường|Bệnh viện)\s+[^,;.()\n]{2,60}?)\s*(?:về|thực hiện|triển khai)?\s*$/u.exec(before);
  const issuer = ofOrgan ? organName(ofOrgan[1]!) : ctx.fields.issuers?.[0]?.name;
  if (!issuer) return null;
  const source = ctx.fields.issuers?.[0]?.source[0] ?? { start: near, end: near };
  if (/^(?:tinh|thanh pho|thu do)\s/.test(otherStart)) {
    const territory = territoryOf(issuer) ?? (ctx.fields.issuedPlace ? `tỉnh ${ctx.fields.issuedPlace.value}` : null);
    if (territory) return { name: territory, start: source.start, end: source.end, qualifier: '' };
  }
  return { name: issuer, start: source.start, end: source.end, qualifier: '' };
}

/** News: coordinated organisation pairs near signing words; the one closest to the headline wins. */
function newsSides(ctx: ExtractContext): Side[] {
  const { seg } = ctx;
  const [from, to] = mainTextRange(seg);
  const headline = seg.news?.headline ? foldWords(seg.news.headline.text) : '';
  const headlineKind = /ghi nho/.test(headline) ? 'ghi nho' : /thoa thuan/.test(headline) ? 'thoa thuan' : '';
  let best: { pair: [Side, Side]; score: number } | null = null;
  const bodyFrom = seg.news?.headline ? seg.news.headline.end : from;
  for (let i = bodyFrom; i < to; i++) {
    if (!(i === 0 || /[\s(“"]/.test(seg.folded[i - 1]!)) || !startsOrgan(seg.folded, i)) continue;
    const pair = pairAt(ctx, i, to);
    if (!pair) continue;
    // Names inside a numbered list are the contents (tasks) of the article, not its parties.
    if (seg.body.outline.some((s) => s.kind !== 'heading' && i >= s.start && i < s.end)) {
      i = pair[1].end;
      continue;
    }
    const sentence = sentenceAround(seg.folded, i, pair[1].end);
    let score = 0;
    if (/giua\s*$/.test(seg.folded.slice(Math.max(0, i - 8), i))) score += 2;
    if (SIGN_VERB.test(sentence)) score += 2;
    if (/(?:ky ket|da ky|thong nhat ky|le ky|ky thoa thuan|ky ban ghi nho)/.test(sentence)) score += 2;
    if (headlineKind && sentence.includes(headlineKind)) score += 2;
    if (headlineKind && /ghi nho|thoa thuan/.test(sentence) && !sentence.includes(headlineKind)) score -= 3;
    score += 3 * (overlap(foldWords(pair[0].name), headline) + overlap(foldWords(pair[1].name), headline));
    score -= (i - bodyFrom) / 4000;
    if (!best || score > best.score) best = { pair, score };
    i = pair[1].end;
  }
  if (best && best.score > 2) return best.pair;
  // "giữa X và Y" in the headline itself.
  if (seg.news?.headline) {
    const p = betweenPairs(ctx, seg.news.headline.start, seg.news.headline.end)[0];
    if (p) return p;
  }
  return [];
}

function sentenceAround(folded: string, a: number, b: number): string {
  const s = Math.max(folded.lastIndexOf('. ', a), folded.lastIndexOf('\n', a)) + 1;
  let e = folded.indexOf('. ', b);
  const nl = folded.indexOf('\n', b);
  if (e < 0 || (nl >= 0 && nl < e)) e = nl < 0 ? folded.length : nl;
  return folded.slice(s, e);
}

function overlap(name: string, headline: string): number {
  const words = name.split(' ').filter((w) => w.length > 1);
  if (!words.length || !headline) return 0;
  const h = new Set(headline.split(' '));
  return words.filter((w) => h.has(w)).length / words.length;
}
