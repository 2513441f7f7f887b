// Validate stage: the record must satisfy the schema (a failure here is a bug, reported as
// such), and every value's source span must lie inside the text.

import { RecordSchema, type DocumentRecord } from '../../schemas/record.js';
import { HoptacError } from '../errors.js';

export function validateRecord(record: DocumentRecord): DocumentRecord {
  const parsed = RecordSchema.safeParse(record);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new HoptacError(record.source.file, 'validate', `record does not match the schema at ${first?.path.join('.') || '(root)'}: ${first?.message}`, 'this is a bug in hoptac; please report it with the input file');
  }
  const n = record.text.length;
  const bad = [...spans(record)].find((s: { start: number; end: number }) => s.start < 0 || s.end > n || s.end < s.start);
  if (bad) throw new HoptacError(record.source.file, 'validate', `a source span [${bad.start}, ${bad.end}) lies outside the text (${n} characters)`, 'this is a bug in hoptac; please report it with the input file');
  return parsed.data as DocumentRecord;
}

function* spans(r: DocumentRecord): Generator<{ start: number; end: number }> {
  const scalars = [r.documentNumber, r.issuedDate, r.issuedPlace, r.title, r.period];
  for (const s of scalars) if (s) yield* s.source;
  for (const list of [r.issuers, r.parties, r.references, r.signatories, r.items, r.quotas, r.budgets]) for (const x of list) yield* x.source;
  for (const m of r.messages) if (m.source) yield* m.source;
}
