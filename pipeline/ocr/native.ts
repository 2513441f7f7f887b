// The native engine: a `tesseract` binary (5.x) with Vietnamese data, where one is installed.
// One process a page, OMP_THREAD_LIMIT=1 (tesseract's own threads slow it 4–5× on a shared
// machine), the page piped in as PGM and the TSV read back: nothing is re-rendered or written
// to disk.

import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { OcrTimeoutError, meanConfidence, parseTsv, type OcrEngine, type OcrPageResult, type RecognizeOptions } from './engine.js';
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
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly children = new Set<ReturnType<typeof spawn>>();

  constructor(options: { workers?: number; bin?: string } = {}, private readonly bin = options.bin ?? process.env.TESSERACT_BIN ?? 'tesseract') {
    this.concurrency = Math.max(1, options.workers ?? availableParallelism());
    const a = nativeTesseractAvailable(this.bin);
    if (!a.ok) throw new Error(`--ocr-engine tesseract: ${a.reason}`);
  }

  private async slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private done(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async recognize(page: PreparedPage, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    await this.slot();
    const t0 = performance.now();
    try {
      let image = page;
      if (options.rectangle) {
        const [x, y, w, h] = options.rectangle;
        const gray = Buffer.alloc(w * h);
        for (let r = 0; r < h; r++) page.gray.copy(gray, r * w, (y + r) * page.width + x, (y + r) * page.width + x + w);
        image = { ...page, gray, width: w, height: h };
      }
      const tsv = await this.run(toPgm(image.gray, image.width, image.height), options.psm ?? 3, options.timeoutMs ?? 0);
      let words = parseTsv(tsv);
      if (options.rectangle) {
        const [x, y] = options.rectangle;
        words = words.map((w) => ({ ...w, bbox: [w.bbox[0] + x, w.bbox[1] + y, w.bbox[2], w.bbox[3]] }));
      }
      return { words, confidence: meanConfidence(words), ms: performance.now() - t0 };
    } finally {
      this.done();
    }
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
        else reject(new Error(`tesseract exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(pgm);
    });
  }

  async close(): Promise<void> {
    for (const c of this.children) c.kill('SIGKILL');
  }
}
