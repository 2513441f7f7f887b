// `hoptac extract <files or dirs…> --out DIR [--text]`: one validated record per input.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { extractBytesSync } from '../extract.js';
import { ingestFile, type IngestedFile } from '../stages/ingest.js';
import { HoptacError } from '../errors.js';
import { collectInputs, outputStems } from '../io/inputs.js';
import { writeAtomic } from '../io/write.js';
import { DEFAULT_MAX_BYTES } from '../stages/ingest.js';
import type { DocumentRecord } from '../../schemas/record.js';

interface ExtractArgs {
  inputs: string[];
  out: string;
  text: boolean;
  maxBytes: number;
  summary: boolean;
  quiet: boolean;
}

export const extractCommand: CommandModule<object, ExtractArgs> = {
  command: 'extract <inputs..>',
  describe: 'Extract a typed record from each document (text files; folders are walked for .txt)',
  builder: (y: Argv) =>
    y
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Files or folders' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder for DIR/<stem>.json' })
      .option('text', { type: 'boolean', default: false, describe: 'Also write DIR/<stem>.txt (the record text, pages separated by form feeds)' })
      .option('max-bytes', { type: 'number', default: DEFAULT_MAX_BYTES, describe: 'Refuse documents larger than this' })
      .option('summary', { type: 'boolean', default: false, describe: 'Print a table of the extracted documents' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors' })
      .example('$0 extract corpus/docs --out outputs/records --text', 'Extract every .txt under corpus/docs')
      .example('$0 extract plan.txt agreement.txt -o out --summary', 'Two files, with a summary table') as unknown as Argv<ExtractArgs>,
  handler: async (argv: ArgumentsCamelCase<ExtractArgs>) => {
    process.exitCode = await runExtract(argv);
  },
};

export async function runExtract(argv: ExtractArgs): Promise<number> {
  const started = performance.now();
  try {
    await fs.mkdir(argv.out, { recursive: true });
  } catch (err) {
    process.stderr.write(`hoptac: cannot create the output folder ${argv.out}: ${(err as Error).message}\n`);
    return 1;
  }
  const { files, skipped } = await collectInputs(argv.inputs);
  const stems = outputStems(files);
  const rows: DocumentRecord[] = [];
  let failed = 0;
  const fail = (file: string, err: unknown) => {
    failed++;
    process.stderr.write(`${describeError(file, err)}\n`);
  };
  // Reads run ahead and writes run behind the extraction, so the disk and the CPU overlap.
  const READ_AHEAD = 4;
  const MAX_WRITES = 32;
  const reads = new Map<number, Promise<IngestedFile>>();
  const readAt = (i: number) => {
    if (i < files.length && !reads.has(i)) {
      const p = ingestFile(files[i]!, { maxBytes: argv.maxBytes });
      p.catch(() => undefined); // handled when awaited
      reads.set(i, p);
    }
  };
  const writes = new Set<Promise<void>>();
  for (let i = 0; i < files.length; i++) {
    for (let k = i; k < i + READ_AHEAD; k++) readAt(k);
    const file = files[i]!;
    let record: DocumentRecord;
    try {
      const ingested = await reads.get(i)!;
      record = extractBytesSync(file, ingested.bytes);
    } catch (err) {
      fail(file, err);
      continue;
    } finally {
      reads.delete(i);
    }
    if (argv.summary) rows.push(record);
    const base = path.join(argv.out, stems[i]!);
    const write = (async () => {
      await writeAtomic(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
      if (argv.text) await writeAtomic(`${base}.txt`, record.text);
    })().catch((err) => fail(file, err));
    writes.add(write);
    void write.finally(() => writes.delete(write));
    if (writes.size >= MAX_WRITES) await Promise.race(writes);
  }
  await Promise.all(writes);
  const seconds = (performance.now() - started) / 1000;
  if (argv.summary) process.stdout.write(`${summaryTable(rows)}\n`);
  if (!argv.quiet) {
    const ok = files.length - failed;
    const rate = seconds > 0 ? (files.length / seconds).toFixed(0) : '∞';
    process.stdout.write(
      `hoptac extract: ${ok} of ${files.length} documents written to ${argv.out} in ${seconds.toFixed(2)} s (${rate} docs/s)` +
        `${failed ? `, ${failed} failed` : ''}${skipped ? `, ${skipped} other files skipped` : ''}\n`,
    );
  }
  return failed ? 2 : 0;
}

/** One line naming the file and the problem. */
export function describeError(file: string, err: unknown): string {
  if (err instanceof HoptacError) return `error: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOSPC') return `error: ${file}: the disk is full — free some space and run again`;
  if (e?.code === 'EACCES') return `error: ${file}: permission denied writing the output — check the output folder`;
  return `error: ${file}: ${e?.message ?? String(err)} — this may be a bug in hoptac; please report it with the file`;
}

function summaryTable(records: DocumentRecord[]): string {
  const head = ['file', 'type', 'number', 'date', 'parties', 'items', 'quotas', 'budgets', 'msgs'];
  const rows = records.map((r) => [
    path.basename(r.source.file),
    r.docType,
    r.documentNumber?.value ?? '–',
    r.issuedDate?.value ?? '–',
    String(r.parties.length),
    String(r.items.length),
    String(r.quotas.length),
    String(r.budgets.length),
    String(r.messages.length),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}
