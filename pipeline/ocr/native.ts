// The native engine: a `tesseract` binary (5.x) with Vietnamese data, where one is installed.
// One process a page, OMP_THREAD_LIMIT=1 (tesseract's own threads slow it 4–5× on a shared
// machine), the page piped in as PGM and the TSV read back: nothing is re-rendered or written
// to disk.

import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import { OcrClosedError, OcrTimeoutError, meanConfidence, parseTsv, type OcrEngine, type OcrPageResult, type RecognizeOptions } from './engine.js';
import { toPgm, type PreparedPage } from './image.js';

export interface NativeAvailability {
  ok: boolean;
  reason?: string;
  version?: string;
}

/** Whether a native tesseract with the Vietnamese language is on the PATH (or at `bin`). */
export function nativeTesseractAvailable(bin = process.env.TESSERACT_BIN ?? 'tesseract'): NativeAvailability {
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (v.error || v.status !== 0) return { ok: false, reason: `no \`${bin}\` program found (install tesseract-ocr and tesseract-ocr-vie, or set TESSERACT_BIN)` };
  const langs = spawnSync(bin, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
  if (!/^vie$/m.test(`${langs.stdout}`)) return { ok: false, reason: `\`${bin}\` has no Vietnamese data (install tesseract-ocr-vie)` };
  return { ok: true, version: `${v.stdout}${v.stderr}`.split('\n')[0]!.trim() };
}

export class NativeTesseractEngine implements OcrEngine {
  readonly name = 'tesseract';
  readonly concurrency: number;
  private readonly limit: LimitFunction;
  private readonly children = new Set<ReturnType<typeof spawn>>();
  private closed = false;

  constructor(options: { workers?: number; bin?: string } = {}, private readonly bin = options.bin ?? process.env.TESSERACT_BIN ?? 'tesseract') {
    this.concurrency = Math.max(1, options.workers ?? availableParallelism());
    this.limit = pLimit(this.concurrency);
    const a = nativeTesseractAvailable(this.bin);
    if (!a.ok) throw new Error(`--ocr-engine tesseract: ${a.reason}`);
  }

  recognize(page: PreparedPage, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) return Promise.reject(new OcrClosedError());
    return this.limit(async () => {
      if (this.closed) throw new OcrClosedError();
      const t0 = performance.now();
      const tsv = await this.run(toPgm(page.gray, page.width, page.height), options.psm ?? 3, options.timeoutMs ?? 0);
      const words = parseTsv(tsv);
      return { words, confidence: meanConfidence(words), ms: performance.now() - t0 };
    });
  }

  private run(pgm: Buffer, psm: number, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.bin, ['stdin', 'stdout', '-l', 'vie', '--oem', '1', '--psm', String(psm), '--dpi', '300', 'tsv'], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.children.add(child);
      const out: Buffer[] = [];
      let err = '';
      let timer: NodeJS.Timeout | undefined;
      if (timeoutMs > 0) timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new OcrTimeoutError(timeoutMs));
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => reject(e));
      child.on('close', (code) => {
        this.children.delete(child);
        if (timer) clearTimeout(timer);
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else if (this.closed) reject(new OcrClosedError());
        else reject(new Error(`tesseract exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(pgm);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.children) c.kill('SIGKILL');
  }
}
