// Atomic writes: a temporary file in the same folder, then a rename. A killed run leaves
// either the old file or the new one, never half of one.

import writeFileAtomic from 'write-file-atomic';

export async function writeAtomic(file: string, data: string): Promise<void> {
  await writeFileAtomic(file, data, { encoding: 'utf8', fsync: false });
}
