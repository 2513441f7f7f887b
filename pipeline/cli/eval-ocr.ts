// `hoptac eval-ocr --truth DIR --pred DIR [--json] [--verbose]`: OCR error rates.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { evaluateOcrDirs, formatOcrReport } from '../ocr/evaluate.js';

interface EvalOcrArgs {
  truth: string;
  pred: string;
  json: boolean;
  verbose: boolean;
}

export const evalOcrCommand: CommandModule<object, EvalOcrArgs> = {
  command: 'eval-ocr',
  describe: 'Character and word error rates of recognized text against the true text',
  builder: (y: Argv) =>
    y
      .option('truth', { type: 'string', demandOption: true, describe: 'Folder of true texts NAME.txt' })
      .option('pred', { type: 'string', demandOption: true, describe: 'Folder of recognized texts NAME.txt (hoptac extract --text)' })
      .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'One line per document' })
      .example('$0 eval-ocr --truth outputs/scans/truth --pred outputs/scans-read/scan', 'CER of a run over the scan corpus') as unknown as Argv<EvalOcrArgs>,
  handler: async (argv: ArgumentsCamelCase<EvalOcrArgs>) => {
    try {
      const r = await evaluateOcrDirs(argv.truth, argv.pred);
      process.stdout.write(argv.json ? `${JSON.stringify(r, null, 2)}\n` : `${formatOcrReport(r, argv.verbose)}\n`);
    } catch (err) {
      process.stderr.write(`hoptac eval-ocr: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  },
};
