// Failures of the program or its environment (not problems inside a document, which are
// messages on the record). Each names the file, the stage and what to do.

export type Stage = 'ingest' | 'normalize' | 'segment' | 'extract' | 'validate' | 'write';

export class HoptacError extends Error {
  constructor(
    readonly file: string,
    readonly stage: Stage,
    readonly problem: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}${hint ? ` — ${hint}` : ''}`, options);
    this.name = 'HoptacError';
  }
}

/** An input that cannot be read as a document at all. */
export class InputError extends HoptacError {
  constructor(file: string, problem: string, hint: string, readonly code: string, options?: { cause?: unknown }) {
    super(file, 'ingest', problem, hint, options);
    this.name = 'InputError';
  }
}

/** One line for a file that failed: what happened and what to do. */
export function describeFailure(file: string, err: unknown): string {
  if (err instanceof HoptacError) return `error: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOSPC') return `error: ${file}: the disk is full — free some space and run again`;
  if (e?.code === 'EACCES') return `error: ${file}: permission denied writing the output — check the output folder`;
  return `error: ${file}: ${e?.message ?? String(err)} — this may be a bug in hoptac; please report it with the file`;
}
