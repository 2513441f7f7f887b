// `hoptac ingest <files, dirs or globs…>` and `hoptac retry`: the whole line for every file,
// resumable, into a workspace; a progress bar on a terminal, one line a file elsewhere.

import { availableParallelism } from 'node:os';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { ingest, type IngestOptions, type IngestProgress } from '../batch/ingest.js';
import { Manifest } from '../batch/manifest.js';
import { BarProgress, LineProgress } from '../batch/progress.js';
import { ChromaUnavailableError } from '../index/chroma.js';
import { EmbeddingServiceError } from '../index/embeddings.js';
import { DEFAULT_OCR_DPI } from '../ocr/image.js';
import { OCR_ENGINES, type OcrEngineName } from '../ocr/index.js';
import { DEFAULT_MAX_BYTES } from '../stages/ingest.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../stages/ocr.js';
import { openDb, WorkspaceError } from '../workspace/db.js';
import { WorkspaceBusyError } from '../workspace/lock.js';
import { onInterrupt } from './signals.js';
import { workspaceOption } from './workspace.js';

interface IngestArgs {
  inputs?: string[];
  workspace: string;
  ocrEngine: OcrEngineName;
  pageTimeout: number;
  ocrCorrect: boolean;
  ocrDpi: number;
  maxBytes: number;
  jobs: number;
  rehash: boolean;
  quiet: boolean;
  progress: 'auto' | 'bar' | 'lines';
}

function runOptions<T>(y: Argv<T>): Argv<T> {
  return workspaceOption(y)
    .option('ocr-engine', { type: 'string', choices: OCR_ENGINES, default: 'tesseract.js', describe: 'OCR engine for scanned pages (tesseract: a native tesseract with Vietnamese data, where installed)' })
    .option('page-timeout', { type: 'number', default: DEFAULT_PAGE_TIMEOUT_MS / 1000, describe: 'Seconds of OCR allowed for one page; a page over it becomes a message on its record' })
    .option('ocr-correct', { type: 'boolean', default: true, describe: 'Vietnamese post-correction of OCR words' })
    .option('ocr-dpi', { type: 'number', default: DEFAULT_OCR_DPI, describe: 'Scanned pages finer than this are reduced to it before OCR (0: never)' })
    .option('max-bytes', { type: 'number', default: DEFAULT_MAX_BYTES, describe: 'Refuse documents larger than this' })
    .option('jobs', { alias: 'j', type: 'number', default: availableParallelism() * 2, describe: 'Documents read and extracted at once (OCR uses one worker a core)' })
    .option('rehash', { type: 'boolean', default: false, describe: 'Read every file again, even those whose size and time say they are unchanged' })
    .option('progress', { type: 'string', choices: ['auto', 'bar', 'lines'], default: 'auto', describe: 'A bar on a terminal, one line a file elsewhere' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only failures and the summary' }) as Argv<T>;
}

function progressFor(argv: IngestArgs): IngestProgress {
  const bar = argv.progress === 'bar' || (argv.progress === 'auto' && process.stderr.isTTY && !argv.quiet);
  return bar ? new BarProgress(process.stderr, process.stdout, argv.workspace) : new LineProgress(process.stdout, argv.workspace, argv.quiet);
}

/** Runs an ingest with a graceful Ctrl-C; returns the exit code. */
export async function runIngest(argv: IngestArgs, inputs: string[], command: 'ingest' | 'retry'): Promise<number> {
  const controller = new AbortController();
  const release = onInterrupt(() => controller.abort());
  const options: IngestOptions = {
    workspace: argv.workspace,
    inputs,
    command,
    ocrEngine: argv.ocrEngine,
    pageTimeoutMs: argv.pageTimeout * 1000,
    ocrCorrect: argv.ocrCorrect,
    ocrDpi: argv.ocrDpi,
    maxBytes: argv.maxBytes,
    jobs: argv.jobs,
    rehash: argv.rehash,
    progress: progressFor(argv),
    signal: controller.signal,
  };
  try {
    const summary = await ingest(options);
    if (summary.stoppedBy) {
      process.stderr.write(`hoptac ${command}: stopped: ${summary.stoppedBy}\n`);
      return 2;
    }
    if (summary.interrupted) return 130;
    return summary.failed ? 2 : 0;
  } catch (err) {
    const known = err instanceof WorkspaceBusyError || err instanceof WorkspaceError || err instanceof ChromaUnavailableError || err instanceof EmbeddingServiceError;
    process.stderr.write(`hoptac ${command}: ${known ? '' : 'unexpected error: '}${known ? (err as Error).message : ((err as Error).stack ?? String(err))}\n`);
    if (err instanceof ChromaUnavailableError) return 3;
    if (err instanceof WorkspaceBusyError) return 4;
    return known ? 1 : 70;
  } finally {
    release();
  }
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <inputs..>',
  describe: 'Run the whole line for every file (read, OCR, extract, validate, record, index) into a workspace; resumable',
  builder: (y: Argv) =>
    runOptions(y)
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Files, folders (walked) or globs ("scans/**/*.pdf")' })
      .example('$0 ingest /archive/scans', 'Everything under a folder into ./hoptac-data; run it again to resume')
      .example('$0 ingest "inbox/**/*.pdf" corpus/docs -w /data/hoptac', 'Globs and folders, another workspace')
      .example('$0 status --failed && $0 retry', 'See what failed and why, then run only those again') as unknown as Argv<IngestArgs>,
  handler: async (argv: ArgumentsCamelCase<IngestArgs>) => {
    process.exitCode = await runIngest(argv, argv.inputs ?? [], 'ingest');
  },
};

export const retryCommand: CommandModule<object, IngestArgs> = {
  command: 'retry',
  describe: 'Run again only the files that failed in the workspace (and those a stopped run left unfinished)',
  builder: (y: Argv) => runOptions(y).example('$0 retry -w /data/hoptac', 'Retry the failures of that workspace') as unknown as Argv<IngestArgs>,
  handler: async (argv: ArgumentsCamelCase<IngestArgs>) => {
    let failed: string[];
    try {
      const db = openDb(argv.workspace);
      try {
        failed = new Manifest(db).failedPaths();
      } finally {
        db.close();
      }
    } catch (err) {
      process.stderr.write(`hoptac retry: ${(err as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    if (!failed.length) {
      process.stdout.write(`hoptac retry: nothing failed in ${argv.workspace}\n`);
      return;
    }
    process.exitCode = await runIngest(argv, failed, 'retry');
  },
};
