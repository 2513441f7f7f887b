// Progress people can read. On a terminal: one bar with files and pages done, the rate, the
// time left and a live count of failures. Elsewhere (CI, cron, a log file): one plain line a
// file. At the end of both: a summary table, with failures grouped by their reason.

import cliProgress from 'cli-progress';
import type { FileOutcome, IngestProgress, IngestSummary } from './ingest.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One line for a file's outcome, as the plain progress prints it. */
export function outcomeLine(o: FileOutcome): string {
  const name = o.outcome.padEnd(11);
  switch (o.outcome) {
    case 'done':
      return `${name} ${o.path}  (${plural(o.pages, 'page')}${o.ocrPages ? `, ${o.ocrPages} OCRed` : ''}, ${seconds(o.ms)})`;
    case 'duplicate':
      return `${name} ${o.path}  (same content as ${o.sameAs})`;
    case 'failed':
      return `${name} ${o.reason}`;
    case 'interrupted':
      return `${name} ${o.path}  (stopped before it was done; the next run takes it up)`;
    default:
      return `${name} ${o.path}`;
  }
}

/** The summary table printed at the end of a run. */
export function summaryTable(s: IngestSummary, workspace: string): string {
  const minutes = s.seconds / 60;
  const rate = minutes > 0 && s.pages ? `; ${(s.pages / minutes).toFixed(0)} pages/min` : '';
  const lines = [
    `hoptac ${s.interrupted ? 'ingest stopped' : 'ingest'} — run ${s.runId}, workspace ${workspace}, ${seconds(s.seconds * 1000)}`,
    `  done                 ${String(s.done).padStart(6)}   (${plural(s.pages, 'page')}, ${s.ocrPages} OCRed${rate})`,
    `  skipped, unchanged   ${String(s.unchanged).padStart(6)}`,
    `  skipped, duplicates  ${String(s.duplicates).padStart(6)}`,
    `  failed               ${String(s.failed).padStart(6)}`,
  ];
  if (s.failures.length) {
    const groups = new Map<string, string[]>();
    for (const f of s.failures) {
      const key = f.code ?? 'other';
      groups.set(key, [...(groups.get(key) ?? []), f.reason]);
    }
    for (const [code, reasons] of [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`    ${code.padEnd(10)} ${String(reasons.length).padStart(4)}  ${reasons[0]}`);
      for (const r of reasons.slice(1, 4)) lines.push(`    ${''.padEnd(10)} ${''.padStart(4)}  ${r}`);
      if (reasons.length > 4) lines.push(`    ${''.padEnd(15)} … and ${reasons.length - 4} more (hoptac status --failed)`);
    }
  }
  if (s.superseded || s.vanished) lines.push(`  records replaced by changed files ${s.superseded}; paths gone since the last run ${s.vanished} (hoptac status)`);
  if (s.stoppedBy) lines.push(`  stopped: ${s.stoppedBy}`);
  else if (s.interrupted) lines.push('  stopped before the end: run the same command again to finish; nothing done is lost');
  return `${lines.join('\n')}\n`;
}

/** One line a file, on a stream that is not a terminal. */
export class LineProgress implements IngestProgress {
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly workspace: string,
    private readonly quiet = false,
  ) {}
  begin(total: number): void {
    if (!this.quiet) this.out.write(`hoptac ingest: ${plural(total, 'file')} to look at\n`);
  }
  file(o: FileOutcome): void {
    if (!this.quiet || o.outcome === 'failed') this.out.write(`${outcomeLine(o)}\n`);
  }
  page(): void {}
  end(s: IngestSummary): void {
    this.out.write(summaryTable(s, this.workspace));
  }
}

/** A bar on a terminal: files, pages, rate, time left, failures. Failures are printed above it as they come. */
export class BarProgress implements IngestProgress {
  private readonly bar: cliProgress.SingleBar;
  private pages = 0;
  private failed = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly out: NodeJS.WritableStream,
    private readonly workspace: string,
  ) {
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'ingest {bar} {percentage}% | {value}/{total} files | {pages} pages | {rate} pages/min | ETA {eta_formatted} | {failed} failed',
        barsize: 24,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  private payload() {
    const minutes = (performance.now() - this.t0) / 60_000;
    return { pages: this.pages, rate: minutes > 0.05 ? (this.pages / minutes).toFixed(0) : '–', failed: this.failed };
  }

  begin(total: number): void {
    this.bar.start(total, 0, this.payload());
  }
  file(o: FileOutcome): void {
    if (o.outcome === 'done' && !o.ocrPages) this.pages += o.pages;
    if (o.outcome === 'failed') {
      this.failed++;
      // Printed above the bar, which is drawn again below it.
      this.stream.write(`\r\x1b[2K${outcomeLine(o)}\n`);
    }
    this.bar.increment(1, this.payload());
  }
  page(): void {
    this.pages++;
    this.bar.update(this.payload());
  }
  end(s: IngestSummary): void {
    this.bar.stop();
    this.out.write(summaryTable(s, this.workspace));
  }
}
