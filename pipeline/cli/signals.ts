// Ctrl-C and termination for every command. A command with work worth finishing (ingest)
// registers a graceful stop: the first signal asks it to stop after what is in flight, a
// second one stops at once. Without one, the command stops at once. Either way the exit hooks
// of the lower layers stop the Chroma server this process owns and release the workspace lock.

let graceful: ((signal: NodeJS.Signals) => void) | null = null;
let installed = false;
let asked = false;

const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (graceful && !asked) {
        asked = true;
        process.stderr.write(`\nhoptac: ${sig}: finishing what is in flight and saving where the run stopped (again to stop at once)\n`);
        graceful(sig);
        return;
      }
      process.stderr.write(`\nhoptac: stopped by ${sig}\n`);
      process.exit(CODES[sig] ?? 1);
    });
  }
}

/** Registers a graceful stop for the running command; returns the function that removes it. */
export function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  graceful = stop;
  asked = false;
  return () => {
    if (graceful === stop) graceful = null;
  };
}
