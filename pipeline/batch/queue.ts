// A bounded queue between the documents being read and the index that takes them: push waits
// while it is full (so a fast reader cannot fill memory), and a consumer that has waited
// `idleMs` with nothing to take gets one `null` (a cue to commit what it holds, so records of a
// slow OCR run reach the index without waiting for a full batch).

export class AsyncQueue<T> implements AsyncIterable<T | null> {
  private readonly items: T[] = [];
  private taker: ((r: IteratorResult<T | null>) => void) | null = null;
  private readonly pushers: Array<() => void> = [];
  private ended = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly capacity: number,
    private readonly idleMs = 0,
  ) {}

  get size(): number {
    return this.items.length;
  }

  private failure: Error | null = null;

  /** The consumer stopped for good: every push waiting or to come rejects with this. */
  fail(err: Error): void {
    this.failure = err;
    for (const wake of this.pushers.splice(0)) wake();
  }

  async push(item: T): Promise<void> {
    if (this.ended) throw new Error('push after end');
    while (!this.failure && this.items.length >= this.capacity) await new Promise<void>((r) => this.pushers.push(r));
    if (this.failure) throw this.failure;
    if (this.taker) this.give({ value: item, done: false });
    else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    if (this.taker && !this.items.length) this.give({ value: undefined, done: true });
  }

  private give(r: IteratorResult<T | null>): void {
    const taker = this.taker!;
    this.taker = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    taker(r);
  }

  [Symbol.asyncIterator](): AsyncIterator<T | null> {
    let idleGiven = false;
    return {
      next: () => {
        if (this.items.length) {
          const value = this.items.shift()!;
          this.pushers.shift()?.();
          idleGiven = false;
          return Promise.resolve({ value, done: false });
        }
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.taker = (r) => {
            if (r.value !== null) idleGiven = false;
            resolve(r);
          };
          if (this.idleMs > 0 && !idleGiven) {
            this.idleTimer = setTimeout(() => {
              if (!this.taker) return;
              idleGiven = true;
              this.give({ value: null, done: false });
            }, this.idleMs);
          }
        });
      },
    };
  }
}
