// The default engine: tesseract.js workers (WebAssembly tesseract 5, LSTM) with the Vietnamese
// model from the @tesseract.js-data/vie npm package, fully offline. A small pool of our own
// rather than tesseract.js's scheduler: a page that runs over its time limit must stop only
// the worker reading it (which is then replaced), and each job sets its own layout mode.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { OcrClosedError, OcrTimeoutError, meanConfidence, parseTsv, type OcrEngine, type OcrPageResult, type RecognizeOptions } from './engine.js';
import { toPgm, type PreparedPage } from './image.js';

const require = createRequire(import.meta.url);

/** The folder of the Vietnamese LSTM model shipped in @tesseract.js-data/vie. */
export function vieLangPath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');
}

interface Slot {
  worker: Promise<Worker>;
  psm: number | null;
  busy: boolean;
}

export interface TesseractJsOptions {
  workers?: number;
}

export class TesseractJsEngine implements OcrEngine {
  readonly name = 'tesseract.js';
  readonly concurrency: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<{ resolve: (slot: Slot) => void; reject: (err: Error) => void }> = [];
  // Pages being read: closing the engine rejects them rather than leaving them to hang.
  private readonly inFlight = new Set<(err: Error) => void>();
  private closed = false;

  constructor(options: TesseractJsOptions = {}) {
    this.concurrency = Math.max(1, options.workers ?? availableParallelism());
    for (let i = 0; i < this.concurrency; i++) this.slots.push(this.newSlot());
  }

  private newSlot(): Slot {
    const worker = createWorker('vie', OEM.LSTM_ONLY, { langPath: vieLangPath(), cacheMethod: 'none', gzip: true });
    // A failed start is reported by the job that waits for it.
    worker.catch(() => undefined);
    return { worker, psm: null, busy: false };
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: Slot): void {
    const next = this.closed ? undefined : this.waiting.shift();
    if (next) next.resolve(slot);
    else slot.busy = false;
  }

  async recognize(page: PreparedPage, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) throw new OcrClosedError();
    let slot = await this.acquire();
    const t0 = performance.now();
    const psm = options.psm ?? 3;
    let timer: NodeJS.Timeout | undefined;
    try {
      const worker = await slot.worker;
      if (slot.psm !== psm) {
        await worker.setParameters({ tessedit_pageseg_mode: String(psm) as never, user_defined_dpi: '300', debug_file: '/dev/null' });
        slot.psm = psm;
      }
      if (this.closed) throw new OcrClosedError();
      const job = worker.recognize(toPgm(page.gray, page.width, page.height), {}, { tsv: true, text: false, blocks: false });
      const limit = options.timeoutMs ?? 0;
      let abandon: ((err: Error) => void) | undefined;
      const stops = new Promise<never>((_, reject) => {
        abandon = reject;
        this.inFlight.add(reject);
        if (limit > 0) timer = setTimeout(() => reject(new OcrTimeoutError(limit)), limit);
      });
      let result: Awaited<typeof job>;
      try {
        result = await Promise.race([job, stops]);
      } finally {
        this.inFlight.delete(abandon!);
      }
      const words = parseTsv(result.data.tsv ?? '');
      return { words, confidence: meanConfidence(words), ms: performance.now() - t0 };
    } catch (err) {
      if (this.closed) throw err;
      // The worker may be stuck in the page or dead: replace it.
      const old = slot;
      void old.worker.then((w) => w.terminate()).catch(() => undefined);
      const fresh = this.newSlot();
      fresh.busy = true;
      this.slots[this.slots.indexOf(old)] = fresh;
      slot = fresh;
      throw err;
    } finally {
      if (timer) clearTimeout(timer);
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new OcrClosedError());
    for (const reject of [...this.inFlight]) reject(new OcrClosedError());
    await Promise.all(this.slots.map((s) => s.worker.then((w) => w.terminate()).catch(() => undefined)));
  }
}
