// `hoptac status [--failed] [--json]`: what the workspace's manifest says — files done, failed
// (with why), pending, replaced; paths that vanished; the last run.

import { existsSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { Manifest } from '../batch/manifest.js';
import { DB_FILE, openDb } from '../workspace/db.js';
import { workspaceOption } from './workspace.js';
import path from 'node:path';

interface StatusArgs {
  workspace: string;
  failed: boolean;
  json: boolean;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: "Show the workspace's manifest: done, failed (and why), pending, vanished paths, the last run",
  builder: (y: Argv) =>
    workspaceOption(y)
      .option('failed', { type: 'boolean', default: false, describe: 'List only the files that failed, with the reason' })
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .example('$0 status', 'The state of ./hoptac-data')
      .example('$0 status --failed -w /data/hoptac', 'What failed there, and why') as unknown as Argv<StatusArgs>,
  handler: async (argv: ArgumentsCamelCase<StatusArgs>) => {
    if (!existsSync(path.join(argv.workspace, DB_FILE))) {
      process.stderr.write(`hoptac status: ${argv.workspace} is not a workspace yet (no ${DB_FILE}); run "hoptac ingest <files> -w ${argv.workspace}" first\n`);
      process.exitCode = 1;
      return;
    }
    const db = openDb(argv.workspace);
    try {
      const m = new Manifest(db);
      const failures = m.failures();
      if (argv.failed) {
        if (argv.json) process.stdout.write(`${JSON.stringify(failures, null, 2)}\n`);
        else if (!failures.length) process.stdout.write('no failures\n');
        else for (const f of failures) process.stdout.write(`${f.path}\n    ${f.stage} · ${f.code ?? '—'} · ${f.reason}\n`);
        return;
      }
      const counts = m.counts();
      const vanished = m.vanishedPaths();
      const run = m.lastRun();
      const pending = db.prepare("SELECT f.sha256, f.stage, p.path FROM files f LEFT JOIN paths p ON p.sha256 = f.sha256 WHERE f.status = 'pending' ORDER BY p.path").all() as Array<{ sha256: string; stage: string; path: string | null }>;
      if (argv.json) {
        process.stdout.write(`${JSON.stringify({ counts, lastRun: run, failures, vanished: vanished.map((v) => v.path), pending }, null, 2)}\n`);
        return;
      }
      const lines = [
        `workspace ${argv.workspace}`,
        `  files: ${counts.done} done (${counts.pages} pages), ${counts.failed + counts.failedPaths} failed, ${counts.pending} pending, ${counts.superseded} replaced by a newer version`,
        `  paths: ${counts.paths} seen, ${counts.vanished} vanished`,
      ];
      if (run) {
        lines.push(
          `  last run: #${run.id} ${run.command}, ${run.status}, started ${run.startedAt}${run.endedAt ? `, ended ${run.endedAt}` : ''} — ${run.done} done, ${run.skipped} skipped, ${run.failed} failed`,
        );
        if (run.status === 'running' || run.status === 'killed') lines.push('    (that run did not finish: run the same command again to finish it)');
      }
      if (failures.length) {
        lines.push('  failed:');
        for (const f of failures.slice(0, 20)) lines.push(`    ${f.path}: ${f.reason}`);
        if (failures.length > 20) lines.push(`    … ${failures.length - 20} more (hoptac status --failed)`);
      }
      if (pending.length) {
        lines.push('  pending (not finished by a run that stopped):');
        for (const p of pending.slice(0, 10)) lines.push(`    ${p.path ?? p.sha256} (after ${p.stage})`);
      }
      if (vanished.length) {
        lines.push('  vanished (seen before, not there now; their records are kept):');
        for (const v of vanished.slice(0, 20)) lines.push(`    ${v.path} (last seen ${v.lastSeen})`);
        if (vanished.length > 20) lines.push(`    … ${vanished.length - 20} more`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      db.close();
    }
  },
};
