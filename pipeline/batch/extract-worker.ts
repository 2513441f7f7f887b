// A worker thread that extracts records: receives file bytes, returns the record as JSON text
// (serialised here, so the main thread only writes), or the error it hit.

import { parentPort } from 'node:worker_threads';
import { extractBytesSync } from '../extract.js';
import { describeFailure } from '../errors.js';
import type { DocumentRecord } from '../../schemas/record.js';

export interface ExtractJob {
  id: number;
  file: string;
  bytes: Uint8Array;
  summary: boolean;
}

export type ExtractResult =
  | { id: number; ok: true; json: string; text: string; row: SummaryRow | null }
  | { id: number; ok: false; line: string };

export interface SummaryRow {
  file: string;
  docType: string;
  number: string | null;
  date: string | null;
  parties: number;
  items: number;
  quotas: number;
  budgets: number;
  messages: number;
}

/** The summary line of a record, for `extract --summary`. */
export function summaryRow(r: DocumentRecord): SummaryRow {
  return {
    file: r.source.file,
    docType: r.docType,
    number: r.documentNumber?.value ?? null,
    date: r.issuedDate?.value ?? null,
    parties: r.parties.length,
    items: r.items.length,
    quotas: r.quotas.length,
    budgets: r.budgets.length,
    messages: r.messages.length,
  };
}

/** The outcome of one extraction as the CLI writes it: the record as JSON text, or the one line that says why it failed. */
export async function settle(job: Omit<ExtractJob, 'bytes'>, run: () => DocumentRecord | Promise<DocumentRecord>): Promise<ExtractResult> {
  try {
    const r = await run();
    return { id: job.id, ok: true, json: `${JSON.stringify(r, null, 2)}\n`, text: r.text, row: job.summary ? summaryRow(r) : null };
  } catch (err) {
    return { id: job.id, ok: false, line: describeFailure(job.file, err) };
  }
}

parentPort?.on('message', async (job: ExtractJob) => {
  parentPort!.postMessage(await settle(job, () => extractBytesSync(job.file, job.bytes)));
});
