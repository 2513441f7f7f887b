// `hoptac schemas --out DIR`: writes the published JSON Schema of the record.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { recordJsonSchema } from '../../schemas/record.js';
import { writeAtomic } from '../io/write.js';

interface SchemasArgs {
  out: string;
}

export const SCHEMA_FILE = 'record.schema.json';

export function schemaText(): string {
  return `${JSON.stringify(recordJsonSchema(), null, 2)}\n`;
}

export const schemasCommand: CommandModule<object, SchemasArgs> = {
  command: 'schemas',
  describe: 'Write the JSON Schema of the document record',
  builder: (y: Argv) =>
    y
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder to write record.schema.json into' })
      .example('$0 schemas --out schemas', 'Regenerate the committed schema') as unknown as Argv<SchemasArgs>,
  handler: async (argv: ArgumentsCamelCase<SchemasArgs>) => {
    await fs.mkdir(argv.out, { recursive: true });
    const file = path.join(argv.out, SCHEMA_FILE);
    await writeAtomic(file, schemaText());
    process.stdout.write(`wrote ${file}\n`);
  },
};
