// A small pool of extraction workers: jobs go to whichever worker is free; start-up is awaited
// and every worker is terminated when the pool closes, so nothing is left running.

import { Worker } from 'node:worker_threads';
import type { ExtractJob, ExtractResult } from './extract-worker.js';

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<{ job: ExtractJob; resolve: (r: ExtractResult) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<number, { resolve: (r: ExtractResult) => void; reject: (e: Error) => void; worker: Worker }>();

  constructor(size: number) {
    const url = new URL('./extract-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const w = new Worker(url);
      w.on('message', (r: ExtractResult) => this.finished(w, r));
      w.on('error', (err) => this.failed(w, err));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run(job: ExtractJob): Promise<ExtractResult> {
    return new Promise((resolve, reject) => {
      const w = this.idle.pop();
      if (w) this.dispatch(w, job, resolve, reject);
      else this.waiting.push({ job, resolve, reject });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(w: Worker, job: ExtractJob, resolve: (r: ExtractResult) => void, reject: (e: Error) => void): void {
    this.pending.set(job.id, { resolve, reject, worker: w });
    w.postMessage(job);
  }

  private finished(w: Worker, r: ExtractResult): void {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    p?.resolve(r);
    const next = this.waiting.shift();
    if (next) this.dispatch(w, next.job, next.resolve, next.reject);
    else this.idle.push(w);
  }

  private failed(w: Worker, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.worker === w) {
        this.pending.delete(id);
        p.reject(err);
      }
    }
  }
}
