// Collects the input files named on a command line: files as given (whatever their kind, so
// that a FIFO or a broken link gets its own clear error), directories walked recursively for
// documents, symlink loops detected rather than followed forever.

import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface CollectedInputs {
  files: string[];
  /** Files inside walked directories that were not taken (other extensions). */
  skipped: number;
}

export const DOCUMENT_EXTENSIONS = ['.txt', '.text', '.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.webp', '.gif'];

export async function collectInputs(args: string[], extensions = DOCUMENT_EXTENSIONS): Promise<CollectedInputs> {
  const files: string[] = [];
  const seenDirs = new Set<string>();
  let skipped = 0;
  const wanted = (name: string) => extensions.includes(path.extname(name).toLowerCase());

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      files.push(dir); // let ingest report it
      return;
    }
    if (seenDirs.has(real)) return; // a symlink loop, or the same folder named twice
    seenDirs.add(real);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        await walk(p);
      } else if (e.isSymbolicLink()) {
        let target;
        try {
          target = await fs.stat(p);
        } catch {
          if (wanted(e.name)) files.push(p); // broken link or loop: ingest names the problem
          else skipped++;
          continue;
        }
        if (target.isDirectory()) await walk(p);
        else if (wanted(e.name)) files.push(p);
        else skipped++;
      } else if (wanted(e.name)) {
        files.push(p);
      } else {
        skipped++;
      }
    }
  }

  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch {
      files.push(arg);
      continue;
    }
    if (stat.isDirectory()) await walk(arg);
    else files.push(arg);
  }
  return { files, skipped };
}

/**
 * Output names: the file name without its extension; where two inputs share a stem, the later
 * ones keep their extension ("01.json", then "01.pdf.json"), then a counter.
 */
export function outputStems(files: string[]): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const base = path.basename(f);
    const ext = path.extname(base);
    const candidates = [ext ? base.slice(0, -ext.length) : base, base];
    for (const c of candidates) {
      if (c && !used.has(c)) {
        used.add(c);
        return c;
      }
    }
    for (let n = 2; ; n++) {
      const c = `${base}-${n}`;
      if (!used.has(c)) {
        used.add(c);
        return c;
      }
    }
  });
}
