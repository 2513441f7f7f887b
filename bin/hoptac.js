#!/usr/bin/env node
import { main } from '../dist/pipeline/cli/main.js';

main().catch((err) => {
  process.stderr.write(`hoptac: ${err?.stack ?? err}\n`);
  process.exit(1);
});
