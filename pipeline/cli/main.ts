// The hoptac command line: a thin layer over the library. Commands are registered here
// explicitly, one module each.

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { evalCommand } from './eval.js';
import { evalOcrCommand } from './eval-ocr.js';
import { extractCommand } from './extract.js';
import { schemasCommand } from './schemas.js';
import { indexCommand } from './index-command.js';
import { searchCommand } from './search.js';
import { evalSearchCommand } from './eval-search.js';
import { compareCommand } from './compare.js';
import { ingestCommand, retryCommand } from './ingest.js';
import { statusCommand } from './status.js';
import { exportCommand } from './export.js';
import { PIPELINE_VERSION } from '../version.js';
import { installSignalHandlers } from './signals.js';

export async function main(argv: string[] = process.argv): Promise<void> {
  installSignalHandlers();
  await yargs(hideBin(argv))
    .scriptName('hoptac')
    .usage('$0 <command> [options]\n\nTurns Vietnamese cooperation agreements, plans, decisions, letters and news into typed records.')
    .command(ingestCommand)
    .command(statusCommand)
    .command(retryCommand)
    .command(exportCommand)
    .command(extractCommand)
    .command(evalCommand)
    .command(evalOcrCommand)
    .command(schemasCommand)
    .command(indexCommand)
    .command(searchCommand)
    .command(compareCommand)
    .command(evalSearchCommand)
    .demandCommand(1, 'Name a command: ingest, status, retry, export, extract, index, search, compare, eval, eval-search, eval-ocr or schemas (see --help).')
    .strict()
    .recommendCommands()
    .example('$0 extract corpus/docs --out outputs/records', 'Extract the bundled corpus')
    .example('$0 eval --gold corpus/gold --pred outputs/records', 'Score it')
    .version(PIPELINE_VERSION)
    .help()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`${msg}\n\n${y.help() ? '' : ''}Run "hoptac --help" for usage.\n`);
      process.exit(1);
    })
    .parseAsync();
}
