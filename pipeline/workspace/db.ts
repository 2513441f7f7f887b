// The workspace database (SQLite through libsql, whose native binary ships in its npm package):
// one file, <workspace>/hoptac.db, holding what must stay consistent across a crash — the
// index catalog and its entries now, the batch manifest beside them. Every change is a
// transaction; WAL mode lets a search read while an ingest writes.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';

export type Db = Database.Database;

export const DB_FILE = 'hoptac.db';

/** The workspace cannot be opened or has the wrong shape; the message says which file and what to do. */
export class WorkspaceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkspaceError';
  }
}

// Each migration takes the schema from version i to i + 1. Never edit one that has shipped:
// add the next.
const MIGRATIONS: readonly string[] = [
  `
  -- Documents in the search index (one row a document, keyed by the hash of its source bytes).
  CREATE TABLE index_docs (
    doc_id    TEXT PRIMARY KEY,
    source    TEXT NOT NULL,     -- the source file's absolute path when it was indexed
    document  TEXT NOT NULL,     -- its file name, as results show it
    space     TEXT NOT NULL,     -- the embedding space its vectors are in
    gen       INTEGER NOT NULL,  -- the index generation that wrote it
    entries   INTEGER NOT NULL,
    meta      TEXT NOT NULL      -- document-level facts for filters (JSON)
  );
  CREATE INDEX index_docs_source ON index_docs(source);
  -- One row an indexed commitment or passage.
  CREATE TABLE entries (
    id        TEXT PRIMARY KEY,
    doc_id    TEXT NOT NULL,
    seq       INTEGER NOT NULL,  -- order within the document
    unit      TEXT NOT NULL,
    text      TEXT NOT NULL,
    context   TEXT NOT NULL,
    meta      TEXT NOT NULL      -- the entry's metadata (JSON)
  );
  CREATE INDEX entries_doc ON entries(doc_id, seq);
  -- Documents whose vectors are being written to Chroma: a row committed before the upsert
  -- and removed with the catalog change, so a run killed in between is repaired by the next.
  CREATE TABLE pending_vectors (
    doc_id    TEXT PRIMARY KEY,
    space     TEXT NOT NULL
  );
  CREATE TABLE settings (
    key       TEXT PRIMARY KEY,
    value     TEXT NOT NULL
  );
  `,
  `
  -- The batch manifest. A content (the bytes of a source file, by their hash) is processed once,
  -- whatever paths it is found at; each path remembers what it held when last seen.
  CREATE TABLE files (
    sha256            TEXT PRIMARY KEY,
    size              INTEGER NOT NULL,
    kind              TEXT NOT NULL,      -- text | pdf | png | jpeg | tiff | webp | gif
    pages             INTEGER,
    status            TEXT NOT NULL,      -- pending | done | failed | superseded
    stage             TEXT NOT NULL,      -- last stage done: hashed | read | extracted | recorded | indexed
    error             TEXT,               -- why it failed: a sentence naming the file and what to do
    error_code        TEXT,
    error_stage       TEXT,
    pipeline_version  TEXT,               -- of the record written
    read_version      TEXT,               -- of the page text kept for it (stages/)
    read_ms           REAL,
    extract_ms        REAL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    updated_at        TEXT NOT NULL
  );
  CREATE INDEX files_status ON files(status);
  CREATE TABLE paths (
    path        TEXT PRIMARY KEY,         -- absolute
    sha256      TEXT,                     -- what it held when last read (null: never read)
    status      TEXT NOT NULL,            -- present | failed | vanished
    error       TEXT,                     -- why it could not be read
    error_code  TEXT,
    size        INTEGER,
    mtime_ms    REAL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
  );
  CREATE INDEX paths_sha ON paths(sha256);
  CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    command     TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    status      TEXT NOT NULL,            -- running | done | interrupted | failed (a run killed stays running until the next)
    files       INTEGER NOT NULL DEFAULT 0,
    done        INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    pages       INTEGER NOT NULL DEFAULT 0,
    note        TEXT
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating if needed) the workspace database and brings its schema up to date. */
export function openDb(workspace: string): Db {
  mkdirSync(workspace, { recursive: true });
  const file = path.join(workspace, DB_FILE);
  let db: Db;
  try {
    db = new Database(file, { timeout: 10 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
  } catch (err) {
    throw new WorkspaceError(`cannot open the workspace database ${file} (${(err as Error).message}); check the folder's permissions, or move the file away to start a new workspace`, { cause: err });
  }
  try {
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function migrate(db: Db, file: string): void {
  let version: number;
  try {
    // (libsql ignores pluck: the pragma comes back as a row)
    version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  } catch (err) {
    throw new WorkspaceError(`${file} is not a hoptac workspace database (${(err as Error).message}); move it away to start a new workspace`, { cause: err });
  }
  if (version > SCHEMA_VERSION) {
    throw new WorkspaceError(`${file} was written by a newer hoptac (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade hoptac`);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
