// The extractors, in the order they run. Later ones may read the fields of earlier ones
// (a plan's parties need its issuer; quotas need the items), never their internals.

import type { Message } from '../schemas/record.js';
import type { Segmented } from '../pipeline/stages/segment.js';
import { type ExtractContext, type Fields } from './context.js';
import { extractBudgets } from './budgets/index.js';
import { extractDocType } from './doc-type/index.js';
import { extractDocumentNumber } from './document-number/index.js';
import { readEnglishPart } from './english/index.js';
import { extractIssued } from './issued-date/index.js';
import { extractIssuers } from './issuers/index.js';
import { extractItems } from './items/index.js';
import { extractParties } from './parties/index.js';
import { extractPeriod } from './period/index.js';
import { extractQuotas } from './quotas/index.js';
import { extractRecipients } from './recipients/index.js';
import { extractReferences } from './references/index.js';
import { extractSignatories } from './signatories/index.js';
import { extractTitle } from './title/index.js';
import { countryNamedIn } from '../pipeline/text/lexicon.js';
import { foldWords } from '../pipeline/text/vietnamese.js';
import { dice } from '../pipeline/text/similarity.js';

export type { Fields, ExtractContext };

/** Runs every extractor over a segmented document. */
export function extractFields(seg: Segmented, today: string): { fields: Fields; messages: Message[] } {
  const ctx: ExtractContext = { seg, fields: {}, messages: [], today };
  const f = ctx.fields;
  f.docType = extractDocType(ctx);
  f.documentNumber = extractDocumentNumber(ctx);
  f.title = extractTitle(ctx);
  const issued = extractIssued(ctx);
  f.issuedDate = issued.date;
  f.issuedPlace = issued.place;
  f.issuers = extractIssuers(ctx);
  f.references = extractReferences(ctx);
  f.signatories = extractSignatories(ctx);
  f.items = extractItems(ctx);
  f.period = extractPeriod(ctx);
  f.parties = extractParties(ctx);
  completeFromEnglish(ctx);
  // A bilateral agreement's issuers are its signing sides: complete the header's with the parties.
  if ((f.docType === 'thoa_thuan' || f.docType === 'ban_ghi_nho') && f.issuers.length < f.parties.length) {
    for (const p of f.parties) {
      if (f.issuers.some((i) => dice(foldWords(i.name), foldWords(p.name)) >= 0.8)) continue;
      f.issuers.push({ name: p.name, raw: seg.text.slice(p.source[0]!.start, p.source[0]!.end), source: p.source, confidence: 0.6 });
    }
  }
  f.quotas = extractQuotas(ctx);
  f.budgets = extractBudgets(ctx);
  f.recipients = extractRecipients(ctx);
  crossChecks(ctx);
  return { fields: f as Fields, messages: ctx.messages };
}

/** The English part of a bilingual MOU confirms or completes partner names and the date. */
function completeFromEnglish(ctx: ExtractContext): void {
  const f0 = ctx.fields;
  const agreement = f0.docType === 'thoa_thuan' || f0.docType === 'ban_ghi_nho';
  const gap = agreement && (!f0.issuedDate || (f0.parties ?? []).length < 2);
  const en = readEnglishPart(ctx, gap);
  if (!en) return;
  const f = ctx.fields;
  if (!f.issuedDate && en.dates.length && (f.docType === 'thoa_thuan' || f.docType === 'ban_ghi_nho')) {
    const last = en.dates[en.dates.length - 1]!;
    f.issuedDate = { value: last.iso, raw: ctx.seg.text.slice(last.start, last.end), source: [{ page: 1, start: last.start, end: last.end }], confidence: 0.6 };
    ctx.messages.push({ ruleId: 'date-from-english', severity: 'info', message: `signing date ${last.iso} read from the English text` });
  }
  const parties = f.parties ?? [];
  for (const p of parties) {
    if (!p.country) continue;
    if (en.organizations.some((o) => countryNamedIn(o.name) === p.country)) p.confidence = Math.min(1, p.confidence + 0.1);
  }
  if (parties.length < 2) {
    for (const o of en.organizations) {
      if (parties.length >= 2) break;
      if (parties.some((p) => countryNamedIn(o.name) && countryNamedIn(o.name) === p.country)) continue;
      parties.push({ name: o.name, country: countryNamedIn(o.name), source: [{ page: 1, start: o.start, end: o.end }], confidence: 0.5 });
    }
    f.parties = parties;
  }
}

function crossChecks(ctx: ExtractContext): void {
  const f = ctx.fields;
  const issued = f.issuedDate?.value;
  if (issued) {
    for (const r of f.references ?? []) {
      if (r.date && r.date > issued) {
        ctx.messages.push({ ruleId: 'reference-after-issue', severity: 'warning', message: `cited ${r.number} is dated ${r.date}, after this document's date ${issued}`, source: r.source });
      }
    }
  }
  const p = f.period?.value;
  if (p && issued && p.to < Number(issued.slice(0, 4)) - 1 && f.docType === 'ke_hoach') {
    ctx.messages.push({ ruleId: 'period-before-issue', severity: 'warning', message: `period ${p.from}–${p.to} ends before the plan was issued (${issued})`, source: f.period!.source });
  }
}
