// `hoptac eval --gold DIR --pred DIR [--json]`: precision, recall and F1 per field and overall.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { readFileSync } from 'node:fs';
import { workspaceRecords } from '../batch/export.js';
import { EVAL_FIELDS, evaluateDirs, evaluateRecords, formatReport, type EvalField, type EvalReport } from '../eval/score.js';
import { openDb } from '../workspace/db.js';

interface EvalArgs {
  gold: string;
  pred?: string;
  workspace?: string;
  json: boolean;
  verbose: boolean;
  fields?: string;
}

export const evalCommand: CommandModule<object, EvalArgs> = {
  command: 'eval',
  describe: 'Score extracted records against gold annotations, field by field',
  builder: (y: Argv) =>
    y
      .option('gold', { type: 'string', demandOption: true, describe: 'Folder of gold NN.json files' })
      .option('pred', { type: 'string', describe: 'Folder of records NN.json' })
      .option('workspace', { alias: 'w', type: 'string', describe: 'Or a workspace: its records, matched to gold files by their source name (002.json ↔ …/002.txt)' })
      .check((a) => (a.pred || a.workspace ? true : 'Name the predictions: --pred DIR or --workspace DIR.'))
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'List every difference' })
      .option('fields', { type: 'string', describe: `Comma-separated subset of: ${EVAL_FIELDS.join(', ')}` })
      .example('$0 eval --gold corpus/gold --pred outputs/records', 'Score a run over the corpus')
      .example('$0 eval --gold corpus/gold --pred out --fields parties,items --verbose', 'Look at two fields in detail')
      .example('$0 eval --gold corpus/gold --workspace hoptac-data', 'Score what an ingest wrote') as unknown as Argv<EvalArgs>,
  handler: async (argv: ArgumentsCamelCase<EvalArgs>) => {
    let fields: EvalField[] = [...EVAL_FIELDS];
    if (argv.fields) {
      const asked = argv.fields.split(',').map((f) => f.trim());
      const unknown = asked.filter((f) => !(EVAL_FIELDS as readonly string[]).includes(f));
      if (unknown.length) {
        process.stderr.write(`hoptac eval: unknown field(s): ${unknown.join(', ')} (known: ${EVAL_FIELDS.join(', ')})\n`);
        process.exitCode = 1;
        return;
      }
      fields = asked as EvalField[];
    }
    try {
      let report: EvalReport;
      if (argv.pred) report = await evaluateDirs(argv.gold, argv.pred, fields);
      else {
        const db = openDb(argv.workspace!);
        try {
          report = await evaluateRecords(argv.gold, workspaceRecords(argv.workspace!, db).map((r) => JSON.parse(readFileSync(r.file, 'utf8'))), fields);
        } finally {
          db.close();
        }
      }
      process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, argv.verbose)}\n`);
    } catch (err) {
      process.stderr.write(`hoptac eval: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  },
};
