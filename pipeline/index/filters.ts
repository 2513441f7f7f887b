// Search filters (--party, --issuer, --type, --year, --from/--to, --min-amount): a test of a
// document's facts and of an entry's amount, which search applies to both of its rankings.

import { TYPE_CODES } from '../text/lexicon.js';
import { foldWords } from '../text/vietnamese.js';
import type { DocumentMeta, EntryMeta } from './entries.js';
import { foldedSyllables, phraseTokens, specificNames } from './terms.js';

export interface Filters {
  party?: string;
  issuer?: string;
  type?: string;
  year?: number;
  from?: string;
  to?: string;
  minAmount?: number;
}

/** Bad filter values: the message says which option and what is expected. */
export class FilterError extends Error {}

const names = (s: string) => new Set(phraseTokens(foldedSyllables(s)).filter((t) => t.startsWith('@')));
const specific = (s: string) => new Set(specificNames(foldedSyllables(s)));

/** "Kon Tum", "Xaysomboun", "Lào": matches the words, or the same place however it is spelled. */
function nameMatcher(wanted: string): (field: string) => boolean {
  const words = ` ${foldWords(wanted)} `;
  // The place asked for, however spelled; a country asked for also matches its provinces.
  const tokens = specific(wanted);
  const cache = new Map<string, boolean>();
  return (field) => {
    let hit = cache.get(field);
    if (hit === undefined) {
      hit = ` ${foldWords(field)} `.includes(words);
      if (!hit && tokens.size) {
        const have = names(field);
        hit = [...tokens].some((t) => have.has(t));
      }
      cache.set(field, hit);
    }
    return hit;
  };
}

const TYPE_WORDS: Record<string, string> = {
  'thoa thuan': 'thoa_thuan', 'thoa thuan hop tac': 'thoa_thuan', 'ban ghi nho': 'ban_ghi_nho', 'bien ban ghi nho': 'ban_ghi_nho',
  mou: 'ban_ghi_nho', 'ke hoach': 'ke_hoach', 'quyet dinh': 'quyet_dinh', 'cong van': 'cong_van', 'thong bao': 'thong_bao',
  'bao cao': 'bao_cao', 'to trinh': 'to_trinh', 'bien ban': 'bien_ban', 'hop dong': 'hop_dong', 'nghi quyet': 'nghi_quyet',
  'tin tuc': 'tin_tuc', tin: 'tin_tuc', news: 'tin_tuc', khac: 'khac',
};

export function docTypeOf(value: string): string {
  const f = foldWords(value);
  const t = TYPE_WORDS[f] ?? TYPE_CODES[value.toUpperCase()] ?? (Object.values(TYPE_WORDS).includes(f.replace(/ /g, '_')) ? f.replace(/ /g, '_') : undefined);
  if (!t) throw new FilterError(`--type ${value}: not a document type; use e.g. ke_hoach, "kế hoạch", KH, thoa_thuan, ban_ghi_nho, quyet_dinh, cong_van, tin_tuc`);
  return t;
}

/** "2024" → 20240101 (or 20241231 for an end), "2024-05-02" → 20240502. */
export function dateBound(value: string, end: boolean, option: string): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) throw new FilterError(`${option} ${value}: write a year (2024), a month (2024-05) or a day (2024-05-02)`);
  const [, y, mo, d] = m;
  return Number(`${y}${mo ?? (end ? '12' : '01')}${d ?? (end ? '31' : '01')}`);
}

export interface CompiledFilters {
  /** Entry-level test (document facts and the entry's own amount). */
  accept(meta: EntryMeta): boolean;
  /** Document-level test (every filter but the amount). */
  acceptDocument(meta: DocumentMeta): boolean;
  /** The least amount asked for, or null. */
  minAmount: number | null;
  /** True when some filter is set on document facts. */
  byDocument: boolean;
}

export function compileFilters(f: Filters): CompiledFilters {
  const party = f.party ? nameMatcher(f.party) : null;
  const issuer = f.issuer ? nameMatcher(f.issuer) : null;
  const type = f.type ? docTypeOf(f.type) : null;
  const from = f.from ? dateBound(f.from, false, '--from') : null;
  const to = f.to ? dateBound(f.to, true, '--to') : null;
  const year = f.year ?? null;
  const minAmount = f.minAmount ?? null;
  if (year !== null && !(year > 1900 && year < 2200)) throw new FilterError(`--year ${year}: give a year like 2024`);
  const docTest = (m: DocumentMeta) =>
    (!party || party(m.parties) || party(m.places)) &&
    (!issuer || issuer(m.issuers)) &&
    (!type || m.docType === type) &&
    (year === null || m.year === year || (m.periodFrom > 0 && m.periodFrom <= year && year <= m.periodTo)) &&
    (from === null || (m.date > 0 && m.date >= from)) &&
    (to === null || (m.date > 0 && m.date <= to));
  return {
    accept: (m) => docTest(m) && (minAmount === null || m.amount >= minAmount),
    acceptDocument: docTest,
    minAmount,
    byDocument: !!(party || issuer || type || year !== null || from !== null || to !== null),
  };
}
