// `hoptac extract <files or dirs…> --out DIR [--text]`: one validated record per input.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { extract, extractBytesSync } from '../extract.js';
import { isPaged } from '../stages/read.js';
import { createOcrEngine, OCR_ENGINES, type OcrEngine, type OcrEngineName } from '../ocr/index.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../stages/ocr.js';
import { DEFAULT_OCR_DPI } from '../ocr/image.js';
import { DEFAULT_MAX_BYTES, ingestFileSync } from '../stages/ingest.js';
import { availableParallelism } from 'node:os';
import { ExtractPool } from '../batch/pool.js';
import { settle, type ExtractResult, type SummaryRow } from '../batch/extract-worker.js';
import pLimit from 'p-limit';
import { describeFailure } from '../errors.js';
import { collectInputs, outputStems } from '../io/inputs.js';
import { writeAtomicSync } from '../io/write.js';

interface ExtractArgs {
  inputs: string[];
  out: string;
  text: boolean;
  maxBytes: number;
  summary: boolean;
  quiet: boolean;
  jobs: number;
  ocrEngine: OcrEngineName;
  pageTimeout: number;
  ocrCorrect: boolean;
  ocrDpi: number;
}

export const extractCommand: CommandModule<object, ExtractArgs> = {
  command: 'extract <inputs..>',
  describe: 'Extract a typed record from each document: text, PDF (text layer or scanned) or image; folders are walked',
  builder: (y: Argv) =>
    y
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Files or folders' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder for DIR/<stem>.json' })
      .option('text', { type: 'boolean', default: false, describe: 'Also write DIR/<stem>.txt (the record text, pages separated by form feeds)' })
      .option('max-bytes', { type: 'number', default: DEFAULT_MAX_BYTES, describe: 'Refuse documents larger than this' })
      .option('summary', { type: 'boolean', default: false, describe: 'Print a table of the extracted documents' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors' })
      .option('jobs', { alias: 'j', type: 'number', default: availableParallelism(), describe: 'Extraction threads (default: one per core)' })
      .option('ocr-engine', { type: 'string', choices: OCR_ENGINES, default: 'tesseract.js', describe: 'OCR engine for scanned pages (tesseract: a native tesseract with Vietnamese data, where installed)' })
      .option('page-timeout', { type: 'number', default: DEFAULT_PAGE_TIMEOUT_MS / 1000, describe: 'Seconds of OCR allowed for one page; a page over it becomes a message on its record' })
      .option('ocr-correct', { type: 'boolean', default: true, describe: 'Vietnamese post-correction of OCR words (--no-ocr-correct to turn it off)' })
      .option('ocr-dpi', { type: 'number', default: DEFAULT_OCR_DPI, describe: 'Scanned pages finer than this are reduced to it before OCR (0: never); 200 reads 13–14 pt text best' })
      .example('$0 extract corpus/docs --out outputs/records --text', 'Extract every document under corpus/docs')
      .example('$0 extract scan.pdf --out out --text', 'OCR a scanned PDF; the record has page boxes, out/scan.txt the recognized text')
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
  const rows: Array<SummaryRow | undefined> = [];
  let failed = 0;
  const fail = (file: string, message: string) => {
    failed++;
    process.stderr.write(`${message}\n`);
  };
  // Extraction runs on worker threads (one per core) for large batches; reads run ahead and
  // writes run behind, so the disk and the cores overlap.
  const jobs = Math.max(1, Math.min(argv.jobs, files.length >= 16 ? argv.jobs : 1));
  const pool = jobs > 1 ? new ExtractPool(jobs) : null;
  // Scanned documents share one OCR engine (its worker pool sized to the cores), started on
  // the first one; two of them are read at a time, so one's pages fill the pool while the
  // other finishes.
  let engine: Promise<OcrEngine> | undefined;
  const paged = pLimit(2);
  const extractOne = async (i: number, file: string, bytes: Uint8Array): Promise<ExtractResult> => {
    const job = { id: i, file, summary: argv.summary };
    if (isPaged(bytes)) {
      return paged(() =>
        settle(job, async () => {
          engine ??= createOcrEngine(argv.ocrEngine);
          return extract({ file, bytes }, { ocr: await engine, pageTimeoutMs: argv.pageTimeout * 1000, ocrCorrect: argv.ocrCorrect, ocrDpi: argv.ocrDpi });
        }),
      );
    }
    if (pool) return pool.run({ ...job, bytes });
    return settle(job, () => extractBytesSync(file, bytes));
  };
  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(4, jobs * 4);
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const task = (async () => {
        let bytes: Uint8Array;
        try {
          bytes = ingestFileSync(file, { maxBytes: argv.maxBytes }).bytes;
        } catch (err) {
          fail(file, describeFailure(file, err));
          return;
        }
        const r = await extractOne(i, file, bytes);
        if (!r.ok) {
          fail(file, r.line);
          return;
        }
        const base = path.join(argv.out, stems[i]!);
        try {
          writeAtomicSync(`${base}.json`, r.json);
          if (argv.text) writeAtomicSync(`${base}.txt`, r.text);
          if (r.row) rows[i] = r.row;
        } catch (err) {
          fail(file, describeFailure(file, err));
        }
      })();
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
    if (engine) await (await engine.catch(() => null))?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  if (argv.summary) process.stdout.write(`${summaryTable(rows.filter((r): r is SummaryRow => r !== undefined))}\n`);
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

function summaryTable(records: SummaryRow[]): string {
  const head = ['file', 'type', 'number', 'date', 'parties', 'items', 'quotas', 'budgets', 'msgs'];
  const rows = records.map((r) => [
    path.basename(r.file),
    r.docType,
    r.number ?? '–',
    r.date ?? '–',
    String(r.parties),
    String(r.items),
    String(r.quotas),
    String(r.budgets),
    String(r.messages),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}
