// What the read stage found for a content — its pages' text, OCR words, boxes and confidences —
// kept in the workspace by content hash and read version, so a new extractor version
// re-extracts without OCR and a rerun after a crash does not OCR again what it had read.
//
//   stages/<sha[0..2]>/<sha>.read-<version>-<settings>.json.gz

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Message } from '../../schemas/record.js';
import type { PageStore, ReadDocument, ReadPage } from '../stages/read.js';
import { writeAtomic, writeAtomicSync } from '../io/write.js';
import { READ_VERSION } from '../version.js';

/** The OCR settings a reading depends on (another engine or resolution reads differently). */
export interface ReadSettings {
  engine: string;
  dpi: number;
  correct: boolean;
}

export class StageStore {
  constructor(readonly workspace: string) {}

  private file(sha256: string, settings: ReadSettings): string {
    const tag = createHash('sha256').update(JSON.stringify([settings.engine, settings.dpi, settings.correct])).digest('hex').slice(0, 8);
    return path.join(this.workspace, 'stages', sha256.slice(0, 2), `${sha256}.read-v${READ_VERSION}-${tag}.json.gz`);
  }

  /** The kept reading of a content, or null (none, or unreadable: it is read again). */
  getRead(sha256: string, settings: ReadSettings): ReadDocument | null {
    try {
      return JSON.parse(gunzipSync(readFileSync(this.file(sha256, settings))).toString('utf8')) as ReadDocument;
    } catch {
      return null;
    }
  }

  /** Kept whole: the pages kept one by one while it was read are no longer needed. */
  async putRead(sha256: string, settings: ReadSettings, doc: ReadDocument): Promise<void> {
    const file = this.file(sha256, settings);
    mkdirSync(path.dirname(file), { recursive: true });
    await writeAtomic(file, gzipSync(JSON.stringify(doc), { level: 6 }));
    rmSync(this.pagesDir(sha256, settings), { recursive: true, force: true });
  }

  private pagesDir(sha256: string, settings: ReadSettings): string {
    return this.file(sha256, settings).replace(/\.json\.gz$/, '.pages');
  }

  /**
   * The pages of a reading kept one by one as they are OCRed, so a run that stops (Ctrl-C, a
   * kill, a reboot) in page 290 of 300 goes on from there.
   */
  pages(sha256: string, settings: ReadSettings): PageStore {
    const dir = this.pagesDir(sha256, settings);
    const file = (page: number) => path.join(dir, `p${String(page).padStart(5, '0')}.json.gz`);
    return {
      get(page) {
        try {
          return JSON.parse(gunzipSync(readFileSync(file(page))).toString('utf8')) as { page: ReadPage; messages: Message[] };
        } catch {
          return null;
        }
      },
      put(page, value) {
        try {
          mkdirSync(dir, { recursive: true });
          writeAtomicSync(file(page), gzipSync(JSON.stringify(value), { level: 6 }));
        } catch {
          // Keeping a page is a saving, not a duty: a page that cannot be kept is read again.
        }
      },
    };
  }
}
