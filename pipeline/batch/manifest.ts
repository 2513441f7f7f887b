// The batch manifest in the workspace database: one row a content (by hash) with its status
// per stage, timings, error and versions; one row a path with what it held when last seen.
// Every change is its own small transaction, so a run killed at any instant leaves rows that
// say exactly which stage each file reached.

import type { Db } from '../workspace/db.js';

export type FileStatus = 'pending' | 'done' | 'failed' | 'superseded';
/** The last stage a content got through. */
export type FileStage = 'hashed' | 'read' | 'extracted' | 'recorded' | 'indexed';

export interface FileRow {
  sha256: string;
  size: number;
  kind: string;
  pages: number | null;
  status: FileStatus;
  stage: FileStage;
  error: string | null;
  errorCode: string | null;
  errorStage: string | null;
  pipelineVersion: string | null;
  readVersion: string | null;
  readMs: number | null;
  extractMs: number | null;
  attempts: number;
  updatedAt: string;
}

export interface PathRow {
  path: string;
  sha256: string | null;
  status: 'present' | 'failed' | 'vanished';
  error: string | null;
  errorCode: string | null;
  size: number | null;
  mtimeMs: number | null;
  firstSeen: string;
  lastSeen: string;
}

export interface RunRow {
  id: number;
  command: string;
  pid: number;
  startedAt: string;
  endedAt: string | null;
  status: 'running' | 'done' | 'interrupted' | 'failed' | 'killed';
  files: number;
  done: number;
  skipped: number;
  failed: number;
  pages: number;
  note: string | null;
}

/** A file that could not be read or processed: where, at which stage, and why. */
export interface Failure {
  path: string;
  sha256: string | null;
  stage: string;
  code: string | null;
  reason: string;
}

const camel = (row: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (k !== '_metadata') out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
};

export class Manifest {
  constructor(
    readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(): string {
    return this.now().toISOString();
  }

  file(sha256: string): FileRow | null {
    const row = this.db.prepare('SELECT * FROM files WHERE sha256 = ?').get(sha256) as Record<string, unknown> | undefined;
    return row ? (camel(row) as unknown as FileRow) : null;
  }

  path(p: string): PathRow | null {
    const row = this.db.prepare('SELECT * FROM paths WHERE path = ?').get(p) as Record<string, unknown> | undefined;
    return row ? (camel(row) as unknown as PathRow) : null;
  }

  /** Present paths that hold a content. */
  pathsOf(sha256: string): string[] {
    return (this.db.prepare("SELECT path FROM paths WHERE sha256 = ? AND status = 'present' ORDER BY path").all(sha256) as Array<{ path: string }>).map((r) => r.path);
  }

  /** Records that a path was read and holds this content; returns what it held before, if other. */
  seePath(p: string, sha256: string, size: number, mtimeMs: number): string | null {
    const before = this.path(p);
    const t = this.stamp();
    this.db
      .prepare(
        `INSERT INTO paths(path, sha256, status, error, error_code, size, mtime_ms, first_seen, last_seen) VALUES (?, ?, 'present', NULL, NULL, ?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, status = 'present', error = NULL, error_code = NULL, size = excluded.size, mtime_ms = excluded.mtime_ms, last_seen = excluded.last_seen`,
      )
      .run(p, sha256, size, mtimeMs, t, t);
    return before?.sha256 && before.sha256 !== sha256 ? before.sha256 : null;
  }

  /** The path was seen again, unchanged (same size and time), without reading it. */
  touchPath(p: string): void {
    this.db.prepare("UPDATE paths SET last_seen = ?, status = 'present' WHERE path = ?").run(this.stamp(), p);
  }

  /** The path could not be read at all (special file, unreadable, gone): the failure is the path's. */
  failPath(p: string, reason: string, code: string | null): void {
    const t = this.stamp();
    this.db
      .prepare(
        `INSERT INTO paths(path, sha256, status, error, error_code, first_seen, last_seen) VALUES (?, NULL, 'failed', ?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET status = 'failed', error = excluded.error, error_code = excluded.error_code, last_seen = excluded.last_seen`,
      )
      .run(p, reason, code, t, t);
  }

  /** A path seen before is no longer there: kept, and reported. */
  vanish(p: string): void {
    this.db.prepare("UPDATE paths SET status = 'vanished', last_seen = ? WHERE path = ?").run(this.stamp(), p);
  }

  /** Known paths under a folder (for finding the ones that vanished). */
  pathsUnder(dir: string): PathRow[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    return (this.db.prepare("SELECT * FROM paths WHERE substr(path, 1, ?) = ? AND status != 'vanished'").all(prefix.length, prefix) as Array<Record<string, unknown>>).map(
      (r) => camel(r) as unknown as PathRow,
    );
  }

  /** A content about to be processed: created pending, or set pending again; one more attempt. */
  beginFile(sha256: string, size: number, kind: string): FileRow {
    this.db
      .prepare(
        `INSERT INTO files(sha256, size, kind, status, stage, attempts, updated_at) VALUES (?, ?, ?, 'pending', 'hashed', 1, ?)
         ON CONFLICT(sha256) DO UPDATE SET status = 'pending', error = NULL, error_code = NULL, error_stage = NULL, attempts = attempts + 1, updated_at = excluded.updated_at`,
      )
      .run(sha256, size, kind, this.stamp());
    return this.file(sha256)!;
  }

  markStage(sha256: string, stage: FileStage, facts: { pages?: number; readMs?: number; extractMs?: number; pipelineVersion?: string; readVersion?: string } = {}): void {
    this.db
      .prepare(
        `UPDATE files SET stage = ?, pages = COALESCE(?, pages), read_ms = COALESCE(?, read_ms), extract_ms = COALESCE(?, extract_ms),
           pipeline_version = COALESCE(?, pipeline_version), read_version = COALESCE(?, read_version), updated_at = ? WHERE sha256 = ?`,
      )
      .run(stage, facts.pages ?? null, facts.readMs ?? null, facts.extractMs ?? null, facts.pipelineVersion ?? null, facts.readVersion ?? null, this.stamp(), sha256);
  }

  /** Contents whose records are in the index: done. */
  markDone(shas: readonly string[]): void {
    const st = this.db.prepare("UPDATE files SET status = 'done', stage = 'indexed', updated_at = ? WHERE sha256 = ? AND status != 'superseded'");
    const t = this.stamp();
    this.db.transaction(() => {
      for (const sha of shas) st.run(t, sha);
    })();
  }

  failFile(sha256: string, stage: string, reason: string, code: string | null): void {
    this.db.prepare("UPDATE files SET status = 'failed', error = ?, error_code = ?, error_stage = ?, updated_at = ? WHERE sha256 = ?").run(reason, code, stage, this.stamp(), sha256);
  }

  /** A content no present path holds any more (its file changed): no longer part of the workspace's records. */
  supersede(sha256: string): void {
    this.db.prepare("UPDATE files SET status = 'superseded', updated_at = ? WHERE sha256 = ?").run(this.stamp(), sha256);
  }

  /**
   * Contents that no path holds any more: every path that held one now holds other bytes (the
   * file changed). A path that vanished or became unreadable still holds what it held.
   */
  orphans(): string[] {
    const rows = this.db
      .prepare("SELECT sha256 FROM files f WHERE status != 'superseded' AND NOT EXISTS (SELECT 1 FROM paths p WHERE p.sha256 = f.sha256) ORDER BY sha256")
      .all() as Array<{ sha256: string }>;
    return rows.map((r) => r.sha256);
  }

  /** Contents with a record in the workspace (done), each with its present paths, by hash. */
  doneFiles(): Array<FileRow & { paths: string[] }> {
    const rows = this.db.prepare("SELECT * FROM files WHERE status = 'done' ORDER BY sha256").all() as Array<Record<string, unknown>>;
    return rows.map((r) => {
      const f = camel(r) as unknown as FileRow;
      return { ...f, paths: this.pathsOf(f.sha256) };
    });
  }

  /** Every failure: paths that could not be read, and contents that could not be processed (at each of their paths). */
  failures(): Failure[] {
    const out: Failure[] = [];
    for (const r of this.db.prepare("SELECT path, error, error_code FROM paths WHERE status = 'failed' ORDER BY path").all() as Array<{ path: string; error: string; error_code: string | null }>) {
      out.push({ path: r.path, sha256: null, stage: 'read', code: r.error_code, reason: r.error });
    }
    const files = this.db
      .prepare(
        `SELECT p.path, f.sha256, f.error, f.error_code, f.error_stage FROM files f JOIN paths p ON p.sha256 = f.sha256
         WHERE f.status = 'failed' AND p.status = 'present' ORDER BY p.path`,
      )
      .all() as Array<{ path: string; sha256: string; error: string; error_code: string | null; error_stage: string | null }>;
    for (const r of files) out.push({ path: r.path, sha256: r.sha256, stage: r.error_stage ?? 'process', code: r.error_code, reason: r.error });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  counts(): Record<FileStatus, number> & { paths: number; vanished: number; failedPaths: number; pages: number } {
    const by = new Map((this.db.prepare('SELECT status, COUNT(*) AS n FROM files GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, Number(r.n)]));
    const paths = new Map((this.db.prepare('SELECT status, COUNT(*) AS n FROM paths GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, Number(r.n)]));
    const pages = (this.db.prepare("SELECT COALESCE(SUM(pages), 0) AS n FROM files WHERE status = 'done'").get() as { n: number }).n;
    return {
      pending: by.get('pending') ?? 0,
      done: by.get('done') ?? 0,
      failed: by.get('failed') ?? 0,
      superseded: by.get('superseded') ?? 0,
      paths: [...paths.values()].reduce((a, b) => a + b, 0),
      vanished: paths.get('vanished') ?? 0,
      failedPaths: paths.get('failed') ?? 0,
      pages: Number(pages),
    };
  }

  vanishedPaths(): PathRow[] {
    return (this.db.prepare("SELECT * FROM paths WHERE status = 'vanished' ORDER BY path").all() as Array<Record<string, unknown>>).map((r) => camel(r) as unknown as PathRow);
  }

  /** Paths of every failure, and of every content a stopped run left unfinished, for `retry`. */
  failedPaths(): string[] {
    const pending = (this.db.prepare("SELECT p.path FROM files f JOIN paths p ON p.sha256 = f.sha256 WHERE f.status = 'pending' AND p.status = 'present'").all() as Array<{ path: string }>).map((r) => r.path);
    return [...new Set([...this.failures().map((f) => f.path), ...pending])].sort();
  }

  startRun(command: string): number {
    // A run still marked running whose process is gone was killed.
    for (const r of this.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'").all() as Array<{ id: number; pid: number }>) {
      let alive = true;
      try {
        process.kill(Number(r.pid), 0);
      } catch (err) {
        alive = (err as NodeJS.ErrnoException).code === 'EPERM';
      }
      if (!alive || Number(r.pid) === process.pid) this.db.prepare("UPDATE runs SET status = 'killed' WHERE id = ?").run(r.id);
    }
    const info = this.db.prepare("INSERT INTO runs(command, pid, started_at, status) VALUES (?, ?, ?, 'running')").run(command, process.pid, this.stamp());
    return Number(info.lastInsertRowid);
  }

  updateRun(id: number, counts: Partial<Pick<RunRow, 'files' | 'done' | 'skipped' | 'failed' | 'pages'>>): void {
    this.db
      .prepare('UPDATE runs SET files = COALESCE(?, files), done = COALESCE(?, done), skipped = COALESCE(?, skipped), failed = COALESCE(?, failed), pages = COALESCE(?, pages) WHERE id = ?')
      .run(counts.files ?? null, counts.done ?? null, counts.skipped ?? null, counts.failed ?? null, counts.pages ?? null, id);
  }

  endRun(id: number, status: RunRow['status'], note: string | null = null): void {
    this.db.prepare('UPDATE runs SET status = ?, ended_at = ?, note = ? WHERE id = ?').run(status, this.stamp(), note, id);
  }

  lastRun(): RunRow | null {
    const row = this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown> | undefined;
    return row ? (camel(row) as unknown as RunRow) : null;
  }
}
