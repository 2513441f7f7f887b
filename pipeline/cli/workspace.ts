// What every command that touches the index shares: the --workspace option and opening the
// index with a clear message when Chroma cannot be reached.

import type { Argv } from 'yargs';
import { ChromaUnavailableError } from '../index/chroma.js';
import { EmbeddingServiceError } from '../index/embeddings.js';
import { FilterError } from '../index/filters.js';
import { DEFAULT_WORKSPACE, SearchIndex } from '../index/search.js';
import { WorkspaceError } from '../workspace/db.js';
import { WorkspaceBusyError } from '../workspace/lock.js';

export function workspaceOption<T>(y: Argv<T>): Argv<T & { workspace: string }> {
  return y.option('workspace', {
    alias: 'w',
    type: 'string',
    default: process.env.HOPTAC_WORKSPACE ?? DEFAULT_WORKSPACE,
    describe: 'Workspace folder: records, index and Chroma data (env HOPTAC_WORKSPACE)',
  }) as Argv<T & { workspace: string }>;
}

/** Opens the workspace's index, runs `fn`, always closes (stopping a Chroma server it started). */
export async function openIndex(workspace: string, command: string, fn: (index: SearchIndex) => Promise<number>, options: { chroma?: boolean } = {}): Promise<number> {
  let index: SearchIndex;
  try {
    index = await SearchIndex.open(workspace, options);
  } catch (err) {
    process.stderr.write(`hoptac ${command}: ${(err as Error).message}\n`);
    return err instanceof ChromaUnavailableError ? 3 : err instanceof WorkspaceBusyError ? 4 : 1;
  }
  try {
    return await fn(index);
  } catch (err) {
    const known = err instanceof FilterError || err instanceof EmbeddingServiceError || err instanceof ChromaUnavailableError || err instanceof WorkspaceBusyError || err instanceof WorkspaceError;
    process.stderr.write(`hoptac ${command}: ${known ? '' : 'unexpected error: '}${(err as Error).message}\n`);
    if (err instanceof WorkspaceBusyError) return 4;
    return known ? 1 : 70;
  } finally {
    await index.close();
  }
}
