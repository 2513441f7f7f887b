// Child processes for the measuring scripts (bench-ocr, eval-scans): whether a tool is
// installed, and running one to its end.

import { spawn, spawnSync } from 'node:child_process';

/** Whether `bin` is installed and answers `arg` with exit code 0. */
export const has = (bin, arg = '--version') => spawnSync(bin, [arg], { encoding: 'utf8' }).status === 0;

/** Runs a command to its end; resolves with its standard output, rejects with the end of its standard error. */
export const run = (cmd, argv, env = {}) =>
  new Promise((resolve, reject) => {
    const c = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    c.stdout.on('data', (d) => out.push(d));
    c.stderr.on('data', (d) => (err += d));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`${cmd}: ${err.slice(-300)}`))));
  });
