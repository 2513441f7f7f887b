// One writer at a time per workspace (ingest, retry, index): a lock file naming the process
// that holds it. A lock whose process is gone (a killed run, a restarted machine) is stale and
// taken over, so a crash never leaves the workspace stuck. The process is recognized by its
// pid and its start time, so a new process that reused the pid does not keep the lock alive.

import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'writer.lock';

/** Another command is writing to the workspace. */
export class WorkspaceBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceBusyError';
  }
}

interface LockInfo {
  pid: number;
  /** The process's start time (clock ticks since boot, from /proc), or null where unknown. */
  start: number | null;
  command: string;
  since: string;
}

export interface WriterLock {
  readonly workspace: string;
  release(): void;
}

/** A process's start time from /proc/PID/stat, or null (no /proc, or no such process). */
function startTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return null;
  }
}

function running(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(info.pid);
  return info.start === null || now === null || now === info.start;
}

// Locks this process holds, by workspace: taking one again only counts.
const held = new Map<string, { count: number; file: string }>();
let exitHook = false;

export function acquireWriterLock(workspace: string, command: string): WriterLock {
  mkdirSync(workspace, { recursive: true });
  const key = realpathSync(workspace);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return handle(key);
  }
  const file = path.join(workspace, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, start: startTime(process.pid), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      held.set(key, { count: 1, file });
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => {
          for (const h of held.values()) rmSync(h.file, { force: true });
        });
      }
      return handle(key);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let other: LockInfo | null = null;
    try {
      other = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      other = null; // being written this instant, or damaged: look again
    }
    if (other && running(other)) {
      throw new WorkspaceBusyError(
        `the workspace ${workspace} is being written by "hoptac ${other.command}" (pid ${other.pid}, since ${other.since}); wait for it to finish, or stop it and run again`,
      );
    }
    if (other) rmSync(file, { force: true });
    else if (attempt === 2) rmSync(file, { force: true });
  }
  throw new WorkspaceBusyError(`could not take the lock ${file}; if no hoptac command is running on this workspace, remove it and run again`);
}

function handle(key: string): WriterLock {
  let released = false;
  return {
    workspace: key,
    release() {
      if (released) return;
      released = true;
      const h = held.get(key);
      if (!h) return;
      if (--h.count === 0) {
        held.delete(key);
        rmSync(h.file, { force: true });
      }
    },
  };
}
