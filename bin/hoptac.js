#!/usr/bin/env node
import { main } from '../dist/pipeline/cli/main.js';

// Output piped into a program that stopped reading (head, less): end quietly, as other tools do.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main().catch((err) => {
  process.stderr.write(`hoptac: ${err?.stack ?? err}\n`);
  process.exit(1);
});
