// `hoptac export --format json|jsonl|csv|nd30 [--out FILE]`: the workspace's records for other tools.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EXPORT_FORMATS, ExportError, exportWorkspace, type ExportFormat } from '../batch/export.js';
import { DB_FILE, openDb } from '../workspace/db.js';
import { workspaceOption } from './workspace.js';

interface ExportArgs {
  workspace: string;
  format: ExportFormat;
  out?: string;
  bom: boolean;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: "Export the workspace's records: JSON, JSON Lines, CSV tables or the ND30 archival metadata",
  builder: (y: Argv) =>
    workspaceOption(y)
      .option('format', { alias: 'f', type: 'string', choices: EXPORT_FORMATS, default: 'jsonl', describe: 'json: one array; jsonl: a record a line; csv: a table an entity; nd30: Nghị định 30/2020 Phụ lục VI metadata' })
      .option('out', { alias: 'o', type: 'string', describe: 'File to write (csv: a folder; default <workspace>/exports/csv); without it, standard output' })
      .option('bom', { type: 'boolean', default: false, describe: 'Start CSV files with a byte order mark (for Excel)' })
      .example('$0 export --format jsonl --out records.jsonl', 'One record a line')
      .example('$0 export --format csv --out tables/', 'documents.csv, items.csv, quotas.csv, budgets.csv, references.csv, signatories.csv')
      .example('$0 export --format nd30 > nd30.json', 'Archival metadata per Nghị định 30/2020/NĐ-CP') as unknown as Argv<ExportArgs>,
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    if (!existsSync(path.join(argv.workspace, DB_FILE))) {
      process.stderr.write(`hoptac export: ${argv.workspace} is not a workspace yet (no ${DB_FILE}); run "hoptac ingest <files> -w ${argv.workspace}" first\n`);
      process.exitCode = 1;
      return;
    }
    const db = openDb(argv.workspace);
    try {
      const r = await exportWorkspace(argv.workspace, db, argv.format, argv.out ?? null, { bom: argv.bom });
      if (r.written.length) process.stderr.write(`hoptac export: ${r.documents} documents as ${argv.format} → ${r.written.join(', ')}\n`);
    } catch (err) {
      const known = err instanceof ExportError;
      process.stderr.write(`hoptac export: ${known ? '' : 'unexpected error: '}${(err as Error).message}\n`);
      process.exitCode = known ? 1 : 70;
    } finally {
      db.close();
    }
  },
};
