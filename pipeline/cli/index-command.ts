// `hoptac index <records, or source files and dirs…> [--workspace DIR]`: extracts source files
// (records given as .json are taken as they are), then indexes every commitment and passage.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { RecordSchema, type DocumentRecord } from '../../schemas/record.js';
import { extract } from '../extract.js';
import { describeFailure } from '../errors.js';
import { collectInputs, DOCUMENT_EXTENSIONS } from '../io/inputs.js';
import { createOcrEngine, type OcrEngine } from '../ocr/index.js';
import { DEFAULT_WORKSPACE, SearchIndex } from '../index/search.js';
import { openIndex, workspaceOption } from './workspace.js';

interface IndexArgs {
  inputs: string[];
  workspace: string;
  quiet: boolean;
}

export const indexCommand: CommandModule<object, IndexArgs> = {
  command: 'index <inputs..>',
  describe: 'Index documents for search: records (.json) as they are, source files and folders extracted first',
  builder: (y: Argv) =>
    workspaceOption(y)
      .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Record files, source files or folders' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only errors' })
      .example('$0 index corpus/docs', `Extract and index the bundled corpus into ./${DEFAULT_WORKSPACE}`)
      .example('$0 index outputs/records --workspace /data/hoptac', 'Index records extracted before') as unknown as Argv<IndexArgs>,
  handler: async (argv: ArgumentsCamelCase<IndexArgs>) => {
    process.exitCode = await runIndex(argv);
  },
};

/** A record file, or null when the JSON is not a hoptac record. */
async function readRecord(file: string): Promise<DocumentRecord | null> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = RecordSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export async function runIndex(argv: IndexArgs): Promise<number> {
  const started = performance.now();
  const { files } = await collectInputs(argv.inputs, [...DOCUMENT_EXTENSIONS, '.json']);
  if (!files.length) {
    process.stderr.write(`hoptac index: no documents or records found in ${argv.inputs.join(', ')}\n`);
    return 1;
  }
  let failed = 0;
  let engine: Promise<OcrEngine> | undefined;
  try {
    return await openIndex(argv.workspace, 'index', async (index: SearchIndex) => {
      // Files are read one after the other as the index takes them: the batch is never held whole.
      async function* records(): AsyncGenerator<{ record: DocumentRecord; source: string }> {
        for (const file of files) {
          try {
            if (path.extname(file).toLowerCase() === '.json') {
              const record = await readRecord(file);
              if (!record) throw new Error(`${file}: not a hoptac record (it does not validate against schemas/record.schema.json); give the source document instead`);
              yield { record, source: record.source.file };
            } else {
              yield { record: await extract(file, { ocr: await (engine ??= createOcrEngine('tesseract.js')) }), source: file };
            }
          } catch (err) {
            failed++;
            process.stderr.write(`${describeFailure(file, err).replace(/ — this may be a bug.*$/, '')}\n`);
          }
        }
      }
      const report = await index.indexRecordStream(records());
      const seconds = (performance.now() - started) / 1000;
      if (!argv.quiet) {
        process.stdout.write(
          `hoptac index: ${report.indexed} indexed (${report.entries} entries), ${report.unchanged} unchanged, ${report.replaced} replaced` +
            `${failed ? `, ${failed} failed` : ''} — workspace ${argv.workspace}, Chroma ${index.chromaUrl}, ${seconds.toFixed(1)} s\n`,
        );
      }
      return failed ? 2 : 0;
    });
  } finally {
    if (engine) await (await engine.catch(() => null))?.close();
  }
}
