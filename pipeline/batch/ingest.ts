// The batch ingest: every file named (files, folders, globs) goes through the whole line —
// read, OCR where needed, extract, validate, write the record, index — with the manifest
// recording each stage, so a run killed at any instant is finished by the next one with
// nothing lost, done twice or half-written.
//
// The loop that discovers, hashes and decides runs in path order on one thread (so which path
// of a duplicated content names its record is the same in every run); reading, OCR and
// extraction run for several documents at once; indexing takes records as they come, in
// batches. Only the documents in flight are held in memory.

import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { DocumentRecord } from '../../schemas/record.js';
import { describeFailure, HoptacError, InputError } from '../errors.js';
import { extractBytesSync, readPages, recordFromPages } from '../extract.js';
import { collectInputs } from '../io/inputs.js';
import { removeStaleTemporaries, writeAtomic } from '../io/write.js';
import { OcrClosedError } from '../ocr/engine.js';
import { DEFAULT_OCR_DPI } from '../ocr/image.js';
import { createOcrEngine, type OcrEngine, type OcrEngineName } from '../ocr/index.js';
import { SearchIndex, type RecordToIndex } from '../index/search.js';
import { DEFAULT_MAX_BYTES, ingestFileSync } from '../stages/ingest.js';
import { DEFAULT_PAGE_TIMEOUT_MS } from '../stages/ocr.js';
import { isPaged, sniffKind } from '../stages/read.js';
import { PIPELINE_VERSION, READ_VERSION } from '../version.js';
import { openDb } from '../workspace/db.js';
import { acquireWriterLock } from '../workspace/lock.js';
import { StageStore, type ReadSettings } from '../workspace/stages.js';
import { Manifest, type Failure, type FileRow } from './manifest.js';
import { AsyncQueue } from './queue.js';

export interface IngestOptions {
  workspace: string;
  /** Files, folders (walked) and globs. */
  inputs: string[];
  command?: 'ingest' | 'retry';
  ocrEngine?: OcrEngineName;
  pageTimeoutMs?: number;
  ocrCorrect?: boolean;
  ocrDpi?: number;
  maxBytes?: number;
  /** Documents read and extracted at once (default: two a core). */
  jobs?: number;
  /** Read every file again even when its size and time say it is unchanged. */
  rehash?: boolean;
  progress?: IngestProgress;
  /** Aborting stops the run gracefully: no new file is started, the pages in flight are abandoned. */
  signal?: AbortSignal;
  /** Base for the names records give their source files (default: the working directory). */
  cwd?: string;
}

export type Outcome = 'done' | 'unchanged' | 'duplicate' | 'failed' | 'interrupted';

export interface FileOutcome {
  path: string;
  outcome: Outcome;
  pages: number;
  /** Pages OCRed in this run (0 when the text layer or kept pages were used). */
  ocrPages: number;
  ms: number;
  reason?: string;
  code?: string | null;
  /** For a duplicate: the path whose content it shares. */
  sameAs?: string;
}

export interface IngestProgress {
  begin(total: number): void;
  file(outcome: FileOutcome): void;
  page(): void;
  end(summary: IngestSummary): void;
}

export interface IngestSummary {
  runId: number;
  files: number;
  done: number;
  unchanged: number;
  duplicates: number;
  failed: number;
  /** The run stopped before the end (Ctrl-C, or a failure of the workspace). */
  interrupted: boolean;
  /** Why the run stopped early when the workspace failed (a full disk…), or null. */
  stoppedBy: string | null;
  pages: number;
  ocrPages: number;
  seconds: number;
  /** Failures of this run. */
  failures: Failure[];
  superseded: number;
  vanished: number;
}

const ABORTED = new Error('stopped');

/** Paths for the inputs: files as given, folders walked, globs expanded; in a stable order. */
export async function discover(inputs: readonly string[]): Promise<{ files: string[]; folders: string[] }> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      files.push(...(await glob(input, { absolute: false, onlyFiles: true, followSymbolicLinks: true, dot: false })).sort());
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // not there: reported for the path
    }
    if (isDir) folders.push(path.resolve(input));
    files.push(...(await collectInputs([input])).files);
  }
  return { files, folders };
}

interface ReadFile {
  bytes: Uint8Array;
  sha256: string;
  size: number;
  mtimeMs: number;
}

/** Reads a file for the batch; a file that changes while it is read is refused (it is being written). */
function readStable(file: string, maxBytes: number): ReadFile {
  let before;
  try {
    before = statSync(file);
  } catch {
    before = null;
  }
  const got = ingestFileSync(file, { maxBytes });
  const after = statSync(file, { throwIfNoEntry: false });
  if (!after) throw new InputError(file, 'vanished while it was being read', 'check whether it was moved, then run again', 'EVANISHED');
  if (before && (before.size !== after.size || before.mtimeMs !== after.mtimeMs || after.size !== got.bytes.length)) {
    throw new InputError(file, 'changed while it was being read', 'let the copy or scan finish, then run again', 'ECHANGED');
  }
  return { bytes: got.bytes, sha256: got.sha256, size: after.size, mtimeMs: after.mtimeMs };
}

function reasonOf(file: string, err: unknown, stage = ''): { reason: string; code: string | null } {
  if (err instanceof InputError) return { reason: err.message, code: err.code };
  if (err instanceof HoptacError) return { reason: err.message, code: err.stage };
  const e = err as NodeJS.ErrnoException;
  // Writing into the workspace (kept pages, the record): the workspace's problem, not the document's.
  if ((stage === 'keep' || stage === 'write') && e?.syscall && e.code !== 'ENOSPC') {
    return { reason: `${file}: cannot write into the workspace (${e.code}: ${e.message}) — check the workspace folder's disk and permissions, then run again`, code: e.code ?? null };
  }
  return { reason: describeFailure(file, err).replace(/^error: /, ''), code: e?.code ?? null };
}

const RESERVE_FILE = 'reserve.bin';
const RESERVE_BYTES = 2 * 1024 * 1024;

/** Milliseconds an idle index waits before committing what it holds. */
const INDEX_IDLE_MS = 1500;

/** A full disk, as the file system, SQLite or the Chroma server report it. */
export function isDiskFull(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'ENOSPC' || e?.code === 'SQLITE_FULL' || /disk is full|No space left on device|ENOSPC/i.test(e?.message ?? '');
}

/** The sentence for a failure of the workspace itself (not of a document). */
function workspaceProblem(ws: string, err: unknown): string {
  if (isDiskFull(err)) return `the disk of the workspace ${ws} is full — free some space and run the same command again; nothing done is lost`;
  return `${(err as Error).message} — run the same command again once that is fixed; nothing done is lost`;
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const ws = options.workspace;
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const progress = options.progress;
  const settings: ReadSettings = { engine: options.ocrEngine ?? 'tesseract.js', dpi: options.ocrDpi ?? DEFAULT_OCR_DPI, correct: options.ocrCorrect ?? true };
  // Records name their source as given: relative to the working directory when inside it.
  const display = (abs: string) => {
    const rel = path.relative(cwd, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  };
  const recordFile = (sha: string) => path.join(ws, 'records', `${sha}.json`);

  const lock = acquireWriterLock(ws, options.command ?? 'ingest');
  // Ballast: a little space the run gives back when the disk fills, so it can still write down
  // what failed and why.
  const reserve = path.join(ws, RESERVE_FILE);
  let db: ReturnType<typeof openDb>;
  try {
    mkdirSync(path.join(ws, 'records'), { recursive: true });
    if (!existsSync(reserve)) {
      try {
        writeFileSync(reserve, Buffer.alloc(RESERVE_BYTES));
      } catch {
        rmSync(reserve, { force: true });
      }
    }
    for (const sub of ['records', 'stages', 'index', 'exports']) removeStaleTemporaries(path.join(ws, sub));
    db = openDb(ws);
  } catch (err) {
    lock.release();
    throw err;
  }
  const manifest = new Manifest(db);
  const stages = new StageStore(ws);
  let runId = 0;
  try {
    runId = manifest.startRun(options.command ?? 'ingest');
  } catch (err) {
    db.close();
    lock.release();
    throw err;
  }
  const summary: IngestSummary = {
    runId, files: 0, done: 0, unchanged: 0, duplicates: 0, failed: 0, interrupted: false, stoppedBy: null, pages: 0, ocrPages: 0, seconds: 0, failures: [], superseded: 0, vanished: 0,
  };
  let engine: Promise<OcrEngine> | undefined;
  const stopEngine = async () => {
    if (engine) await (await engine.catch(() => null))?.close();
  };
  // The index is opened (and its Chroma server started) only when there is something to write.
  let opening: Promise<SearchIndex> | null = null;
  let queue: AsyncQueue<RecordToIndex> | null = null;
  let indexing: Promise<unknown> | null = null;
  let starting: Promise<void> | null = null;
  // The run stops on Ctrl-C (the caller's signal) or on a failure of the workspace itself (a
  // full disk, an index that cannot be written): no new file is started, pages in flight are
  // abandoned, what is written stays.
  let fatal: unknown = null;
  const stopping = () => options.signal?.aborted === true || fatal !== null;
  const stopRun = (err: unknown) => {
    if (fatal !== null) return;
    fatal = err;
    if (isDiskFull(err)) rmSync(reserve, { force: true });
    summary.stoppedBy = workspaceProblem(ws, err);
    (queue as AsyncQueue<RecordToIndex> | null)?.fail(err as Error);
    void stopEngine();
  };
  const onAbort = () => void stopEngine();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // Bookkeeping that must not take the run down with it when the disk is full.
  const note = (write: () => void) => {
    try {
      write();
    } catch (err) {
      stopRun(err);
    }
  };

  const report = (o: FileOutcome) => {
    summary.files++;
    if (o.outcome === 'done') {
      summary.done++;
      summary.pages += o.pages;
      summary.ocrPages += o.ocrPages;
    } else if (o.outcome === 'unchanged') summary.unchanged++;
    else if (o.outcome === 'duplicate') summary.duplicates++;
    else if (o.outcome === 'failed') {
      summary.failed++;
      summary.failures.push({ path: o.path, sha256: null, stage: '', code: o.code ?? null, reason: o.reason ?? '' });
    }
    progress?.file(o);
    note(() => manifest.updateRun(runId, { files: summary.files, done: summary.done, skipped: summary.unchanged + summary.duplicates, failed: summary.failed, pages: summary.pages }));
  };

  // Files whose records wait in the queue or in a batch: reported done when the index commits them.
  const awaiting = new Map<string, FileOutcome & { started: number }>();
  const openIndex = (): Promise<SearchIndex> => (opening ??= SearchIndex.open(ws));
  const startIndexing = async (): Promise<void> => {
    const idx = await openIndex();
    queue = new AsyncQueue<RecordToIndex>(64, INDEX_IDLE_MS);
    indexing = idx.indexRecordStream(queue, {
      onDone: (docIds) => {
        note(() => manifest.markDone(docIds));
        for (const id of docIds) {
          const o = awaiting.get(id);
          if (!o) continue;
          awaiting.delete(id);
          report({ ...o, ms: performance.now() - o.started });
        }
      },
    });
    indexing.catch(stopRun);
  };
  const toIndex = async (item: RecordToIndex): Promise<void> => {
    await (starting ??= startIndexing());
    await queue!.push(item);
  };

  try {
    const { files, folders } = await discover(options.inputs);
    progress?.begin(files.length);
    const jobs = Math.max(1, options.jobs ?? availableParallelism() * 2);
    const inFlight = new Set<Promise<void>>();
    // Two scanned documents at a time: one's pages fill the OCR pool while the other finishes.
    const pagedSlots = pLimit(2);
    const inRun = new Map<string, string>(); // content → the path that named it first in this run
    const seen = new Set<string>();

    for (const file of files) {
      if (stopping()) break;
      const abs = path.resolve(file);
      if (seen.has(abs)) continue;
      seen.add(abs);
      const started = performance.now();
      // Unchanged since it was done (same size and time, record present): not read again.
      const known = manifest.path(abs);
      if (known?.status === 'present' && known.sha256 && !options.rehash) {
        const st = statSync(abs, { throwIfNoEntry: false });
        const f = manifest.file(known.sha256);
        if (st?.isFile() && st.size === known.size && st.mtimeMs === known.mtimeMs && f?.status === 'done' && f.pipelineVersion === PIPELINE_VERSION && existsSync(recordFile(known.sha256))) {
          note(() => manifest.touchPath(abs));
          if (!inRun.has(known.sha256)) inRun.set(known.sha256, abs);
          report({ path: file, outcome: 'unchanged', pages: f.pages ?? 0, ocrPages: 0, ms: performance.now() - started });
          continue;
        }
      }
      // Only the documents in flight are held: wait for a slot before reading the next.
      while (inFlight.size >= jobs) await Promise.race(inFlight);
      if (stopping()) break;
      let got: ReadFile;
      try {
        got = readStable(file, maxBytes);
      } catch (err) {
        const { reason, code } = reasonOf(file, err);
        note(() => manifest.failPath(abs, reason, code));
        report({ path: file, outcome: 'failed', pages: 0, ocrPages: 0, ms: performance.now() - started, reason, code });
        continue;
      }
      const { sha256 } = got;
      let row: FileRow | null;
      try {
        manifest.seePath(abs, sha256, got.size, got.mtimeMs);
        row = manifest.file(sha256);
      } catch (err) {
        stopRun(err);
        break;
      }
      const first = inRun.get(sha256);
      const doneBefore = row?.status === 'done' && row.pipelineVersion === PIPELINE_VERSION && existsSync(recordFile(sha256));
      if (first !== undefined || doneBefore) {
        // The same content under another name (a copy, a rename, named twice), or unchanged: done once.
        const sameAs = first ?? manifest.pathsOf(sha256).find((p) => p !== abs);
        if (first === undefined) inRun.set(sha256, abs);
        report({ path: file, outcome: sameAs ? 'duplicate' : 'unchanged', pages: row?.pages ?? 0, ocrPages: 0, ms: performance.now() - started, sameAs: sameAs ? display(sameAs) : undefined });
        continue;
      }
      inRun.set(sha256, abs);
      // Done before by an older pipeline: extracted again (from the kept pages) and indexed again.
      const reindex = row?.status === 'done';
      let attempt: number;
      try {
        attempt = manifest.beginFile(sha256, got.size, sniffKind(got.bytes)).attempts;
      } catch (err) {
        stopRun(err);
        break;
      }
      const paged = isPaged(got.bytes);

      const task = (async () => {
        let stage = 'read';
        let ocrPages = 0;
        let pages = 0;
        try {
          let rec: DocumentRecord;
          const te = performance.now();
          if (paged) {
            let doc = stages.getRead(sha256, settings);
            if (!doc) {
              doc = await pagedSlots(async () => {
                if (stopping()) throw ABORTED;
                engine ??= createOcrEngine(settings.engine as OcrEngineName);
                return readPages(display(abs), got.bytes, {
                  ocr: await engine,
                  pageTimeoutMs: options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
                  ocrCorrect: settings.correct,
                  ocrDpi: settings.dpi,
                  pages: stages.pages(sha256, settings),
                  onPage: (p, _total, kept) => {
                    if (p.from !== 'ocr' || kept) return;
                    ocrPages++;
                    progress?.page();
                  },
                });
              });
              stage = 'keep';
              await stages.putRead(sha256, settings, doc);
            }
            pages = doc.pages.length;
            manifest.markStage(sha256, 'read', { pages, readMs: performance.now() - te, readVersion: READ_VERSION });
            stage = 'extract';
            rec = recordFromPages(display(abs), got.bytes, doc, { ocrEngine: settings.engine as OcrEngineName });
          } else {
            stage = 'extract';
            rec = extractBytesSync(display(abs), got.bytes);
            pages = rec.source.pages;
          }
          rec.processing.attempts = attempt;
          manifest.markStage(sha256, 'extracted', { pages, extractMs: performance.now() - te, pipelineVersion: PIPELINE_VERSION });
          stage = 'write';
          await writeAtomic(recordFile(sha256), `${JSON.stringify(rec, null, 2)}\n`);
          manifest.markStage(sha256, 'recorded');
          stage = 'index';
          awaiting.set(sha256, { path: file, outcome: 'done', pages, ocrPages, ms: 0, started });
          await toIndex({ record: rec, source: abs, written: true, force: reindex });
        } catch (err) {
          awaiting.delete(sha256);
          const abandoned = err === ABORTED || err instanceof OcrClosedError || (fatal !== null && err === fatal);
          if (abandoned && fatal !== null) {
            // The workspace failed under it (a full disk): failed with that reason, for retry.
            const reason = `${file}: ${workspaceProblem(ws, fatal)}`;
            const code = isDiskFull(fatal) ? 'ENOSPC' : 'EWORKSPACE';
            note(() => manifest.failFile(sha256, stage, reason, code));
            report({ path: file, outcome: 'failed', pages, ocrPages, ms: performance.now() - started, reason, code });
            return;
          }
          if (abandoned && stopping()) {
            // Stopped by Ctrl-C: left pending, the next run takes it up again.
            report({ path: file, outcome: 'interrupted', pages, ocrPages, ms: performance.now() - started });
            return;
          }
          const { reason, code } = reasonOf(file, err, stage);
          note(() => manifest.failFile(sha256, stage, reason, code));
          report({ path: file, outcome: 'failed', pages, ocrPages, ms: performance.now() - started, reason, code });
          // The workspace database cannot be written: no point going on.
          if ((err as { code?: string }).code === 'SQLITE_FULL') stopRun(err);
        }
      })();
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    await Promise.all(inFlight);
    if (starting) await (starting as Promise<void>).catch(stopRun);
    if (queue && !fatal) (queue as AsyncQueue<RecordToIndex>).end();
    if (indexing) await (indexing as Promise<unknown>).catch(() => undefined);
    // Records written whose index commit did not happen: failed, with the reason; retry takes them up.
    const why = fatal ? workspaceProblem(ws, fatal) : 'the index stopped before it took the record — run again';
    for (const [sha, o] of awaiting) {
      const reason = `${o.path}: its record is written but could not be indexed: ${why}`;
      note(() => manifest.failFile(sha, 'index', reason, isDiskFull(fatal) ? 'ENOSPC' : 'EINDEX'));
      report({ ...o, outcome: 'failed', reason, code: isDiskFull(fatal) ? 'ENOSPC' : 'EINDEX', ms: performance.now() - o.started });
    }
    awaiting.clear();

    if (!fatal) {
      // Contents no path holds any more (their file changed): out of the records and the index.
      const gone = manifest.orphans();
      if (gone.length) {
        await (await openIndex()).removeDocuments(gone);
        for (const sha of gone) {
          manifest.supersede(sha);
          rmSync(recordFile(sha), { force: true });
        }
        summary.superseded = gone.length;
      }
      // Paths seen before in the folders walked that are no longer there: kept, and reported.
      const listed = new Set(files.map((f) => path.resolve(f)));
      for (const folder of folders) {
        for (const p of manifest.pathsUnder(folder)) {
          if (!listed.has(p.path) && !existsSync(p.path)) {
            manifest.vanish(p.path);
            summary.vanished++;
          }
        }
      }
    }
  } catch (err) {
    if (!isDiskFull(err)) {
      note(() => manifest.endRun(runId, 'failed', (err as Error).message.slice(0, 500)));
      throw err;
    }
    stopRun(err);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await stopEngine();
    try {
      if (opening) await (await (opening as Promise<SearchIndex>).catch(() => null))?.close().catch((err: unknown) => stopRun(err));
    } finally {
      summary.interrupted = stopping();
      note(() => manifest.endRun(runId, fatal ? 'failed' : summary.interrupted ? 'interrupted' : 'done', summary.stoppedBy));
      db.close();
      lock.release();
    }
  }
  summary.seconds = (performance.now() - t0) / 1000;
  progress?.end(summary);
  return summary;
}
