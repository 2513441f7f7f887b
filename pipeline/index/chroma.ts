// The Chroma server's lifecycle and the collection adapter. With no configuration hoptac starts
// a Chroma server from the npm package itself, on 127.0.0.1 and a free port, with its data in
// the workspace; it stops it when the command ends, on Ctrl-C and on errors. With CHROMA_URL
// it uses that server (or cluster) and starts nothing.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promises as fs, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import { writeAtomic } from '../io/write.js';

/** Chroma cannot be reached or started; the message says which URL and what to do. */
export class ChromaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromaUnavailableError';
  }
}

export interface ChromaConnection {
  client: ChromaClient;
  url: string;
  /** Headers every request carries (authentication). */
  headers: Record<string, string>;
  /** True when this process started the server (and will stop it). */
  owned: boolean;
  close(): Promise<void>;
}

const HEARTBEAT_TIMEOUT_MS = 60_000;

/** The chroma CLI shipped in the npm package (dist/cli.mjs, beside the ESM entry). */
function chromaCli(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.resolve('chromadb'))), 'cli.mjs');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

async function heartbeat(client: ChromaClient): Promise<boolean> {
  try {
    await client.heartbeat();
    return true;
  } catch {
    return false;
  }
}

export interface PidFile {
  pid: number;
  port: number;
  path: string;
  /** The hoptac process that started (or adopted) the server and will stop it. */
  owner?: number;
}

const PID_FILE = 'chroma.pid';

export function readPidFile(workspace: string): PidFile | null {
  const file = path.join(workspace, PID_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(raw) as PidFile;
    if (typeof data.pid === 'number' && typeof data.port === 'number') return data;
  } catch {
    // unreadable: below
  }
  // A pid file that says nothing usable (cut short by an older version, or damaged) would keep
  // every later command from starting a server: it is removed.
  rmSync(file, { force: true });
  return null;
}

/**
 * Creates the pid file with its whole content at once, and only if there is none: written
 * beside it, then hard-linked into place (a link fails when the name exists). A command killed
 * at any instant leaves no pid file or a complete one, never an empty one.
 */
async function claimPidFile(workspace: string, content: string): Promise<void> {
  const file = path.join(workspace, PID_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, content);
  try {
    await fs.link(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitGone(pid, 10_000))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

function isChromaProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('cli.mjs');
  } catch {
    return true; // no /proc: trust the pid file
  }
}

/** Connects to CHROMA_URL, or starts a server for the workspace. */
export async function connectChroma(workspace: string, env: NodeJS.ProcessEnv = process.env): Promise<ChromaConnection> {
  if (env.CHROMA_URL) return connectRemote(env.CHROMA_URL, env);
  return startLocal(workspace);
}

async function connectRemote(raw: string, env: NodeJS.ProcessEnv): Promise<ChromaConnection> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ChromaUnavailableError(`CHROMA_URL=${raw} is not a URL; write it like http://chroma.example:8000`);
  }
  const headers: Record<string, string> = {};
  if (env.CHROMA_API_KEY) headers['x-chroma-token'] = env.CHROMA_API_KEY;
  if (env.CHROMA_AUTH_TOKEN) headers.authorization = `Bearer ${env.CHROMA_AUTH_TOKEN}`;
  const ssl = url.protocol === 'https:';
  const client = new ChromaClient({
    host: url.hostname,
    port: url.port ? Number(url.port) : ssl ? 443 : 8000,
    ssl,
    tenant: env.CHROMA_TENANT || undefined,
    database: env.CHROMA_DATABASE || undefined,
    headers,
  });
  if (!(await heartbeat(client))) {
    throw new ChromaUnavailableError(
      `Chroma at ${url.origin} (CHROMA_URL) does not answer its heartbeat. Start that server, correct CHROMA_URL, or unset CHROMA_URL to let hoptac start its own Chroma in the workspace.`,
    );
  }
  return { client, url: url.origin, headers, owned: false, close: async () => {} };
}

// Servers this process owns (started or adopted), stopped on exit whatever the way out.
const owned = new Set<number>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // However the process ends (an error, a signal the CLI turned into an exit), the servers it
  // owns are asked to stop; they flush and exit on their own.
  process.on('exit', () => {
    for (const pid of owned) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
}

function localClient(port: number): ChromaClient {
  return new ChromaClient({ host: '127.0.0.1', port, ssl: false });
}

async function waitHeartbeat(client: ChromaClient, ms: number, gone: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (!(await heartbeat(client))) {
    if (gone() || Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** A connection to a server this process owns: closing stops it and removes the pid file. */
function ownedConnection(workspace: string, pid: number, port: number, exited: () => boolean): ChromaConnection {
  owned.add(pid);
  installExitHooks();
  return {
    client: localClient(port),
    url: `http://127.0.0.1:${port}`,
    headers: {},
    owned: true,
    close: async () => {
      if (!exited()) await stopPid(pid);
      owned.delete(pid);
      const file = readPidFile(workspace);
      if (file?.pid === pid) rmSync(path.join(workspace, PID_FILE), { force: true });
    },
  };
}

/**
 * The server the workspace's pid file names, when it still runs: another running command's
 * server is used as it is (and left running); a killed run's server is adopted (and stopped
 * when this command ends). Returns null, having cleared the pid file, when there is none to use.
 */
async function useExisting(workspace: string, dataDir: string, found: PidFile): Promise<ChromaConnection | null> {
  const clear = () => rmSync(path.join(workspace, PID_FILE), { force: true });
  if (!alive(found.pid) || !isChromaProcess(found.pid)) {
    clear();
    return null;
  }
  const client = localClient(found.port);
  if (found.path !== dataDir || !(await waitHeartbeat(client, HEARTBEAT_TIMEOUT_MS, () => !alive(found.pid)))) {
    await stopPid(found.pid);
    clear();
    return null;
  }
  const ownerRuns = found.owner !== undefined && found.owner !== process.pid && alive(found.owner);
  if (ownerRuns) return { client, url: `http://127.0.0.1:${found.port}`, headers: {}, owned: false, close: async () => {} };
  await writeAtomic(path.join(workspace, PID_FILE), JSON.stringify({ ...found, owner: process.pid }));
  return ownedConnection(workspace, found.pid, found.port, () => !alive(found.pid));
}

async function startLocal(workspace: string): Promise<ChromaConnection> {
  const dataDir = path.join(workspace, 'chroma');
  await fs.mkdir(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = readPidFile(workspace);
    if (found) {
      const existing = await useExisting(workspace, dataDir, found);
      if (existing) return existing;
    }
    const started = await spawnServer(workspace, dataDir);
    if (started) return started;
  }
  throw new ChromaUnavailableError(`could not start or reach the Chroma server of the workspace ${workspace}; remove ${path.join(workspace, PID_FILE)} if no hoptac command is running, and try again`);
}

/** Starts a server; null when another command claimed the workspace's pid file first. */
async function spawnServer(workspace: string, dataDir: string): Promise<ChromaConnection | null> {
  const port = await freePort();
  const logFile = path.join(workspace, 'chroma.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [chromaCli(), 'run', '--path', dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', log, log],
    env: { ...process.env, NO_COLOR: '1' },
  });
  closeSync(log);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `code ${code}`;
  });
  try {
    await claimPidFile(workspace, JSON.stringify({ pid: child.pid, port, path: dataDir, owner: process.pid }));
  } catch (err) {
    child.kill('SIGKILL');
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  const connection = ownedConnection(workspace, child.pid!, port, () => exited !== null);
  if (!(await waitHeartbeat(connection.client, HEARTBEAT_TIMEOUT_MS, () => exited !== null))) {
    await connection.close();
    const tail = (await fs.readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
    throw new ChromaUnavailableError(
      `the Chroma server hoptac starts from node_modules/chromadb ${exited ? `exited (${exited})` : 'did not answer within 60 s'} (data in ${dataDir}; log ${logFile}):\n${tail}\nReinstall with "npm ci", or point CHROMA_URL at a running Chroma server.`,
    );
  }
  return connection;
}

/** Chroma's largest batch is 5461 records (facts.md); stay well under it. */
const BATCH = 4000;

export interface StoredEntry {
  id: string;
  vector: number[];
  metadata: Metadata;
}

/** One collection of entries, with vectors we compute ourselves (embeddingFunction: null). */
export class EntryCollection {
  private constructor(
    readonly collection: Collection,
    private readonly connection: Pick<ChromaConnection, 'url' | 'headers'> | null,
    private readonly base64: boolean,
  ) {}

  static async open(client: ChromaClient, name: string, connection?: Pick<ChromaConnection, 'url' | 'headers'>): Promise<EntryCollection> {
    const collection = await client.getOrCreateCollection({
      name,
      embeddingFunction: null,
      configuration: { hnsw: { space: 'cosine' } },
    });
    return new EntryCollection(collection, connection ?? null, connection ? await client.supportsBase64Encoding() : false);
  }

  async count(): Promise<number> {
    return this.collection.count();
  }

  async upsert(entries: readonly StoredEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += BATCH) {
      const part = entries.slice(i, i + BATCH);
      if (this.connection && this.base64) {
        await this.upsertEncoded(part);
        continue;
      }
      await this.collection.upsert({
        ids: part.map((e) => e.id),
        embeddings: part.map((e) => e.vector),
        metadatas: part.map((e) => e.metadata),
      });
    }
  }

  /**
   * The same request the client makes (Chroma's documented POST …/collections/{id}/upsert,
   * vectors as base64 of little-endian float32), with the vectors encoded by Buffer: the
   * client's encoder spends 0.1 ms a vector, an eighth of our indexing time (measured with
   * bench:index). Used only when the server says it takes base64.
   */
  private async upsertEncoded(part: readonly StoredEntry[]): Promise<void> {
    const c = this.collection;
    const url = `${this.connection!.url}/api/v2/tenants/${encodeURIComponent(c.tenant)}/databases/${encodeURIComponent(c.database)}/collections/${c.id}/upsert`;
    const body = JSON.stringify({
      ids: part.map((e) => e.id),
      embeddings: part.map((e) => Buffer.from(Float32Array.from(e.vector).buffer).toString('base64')),
      metadatas: part.map((e) => e.metadata),
    });
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...this.connection!.headers }, body });
    } catch (err) {
      throw new ChromaUnavailableError(`Chroma at ${this.connection!.url} stopped answering while vectors were written (${(err as Error).message}); run the command again — what was written is kept`);
    }
    if (!res.ok) throw new Error(`Chroma at ${this.connection!.url} refused an upsert of ${part.length} entries: ${res.status} ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
  }

  /** Ids stored for one document. */
  async idsOf(docId: string): Promise<string[]> {
    const got = await this.collection.get({ where: { docId }, include: [] });
    return got.ids;
  }

  async delete(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) await this.collection.delete({ ids: ids.slice(i, i + BATCH) as string[] });
  }

  async deleteDocument(docId: string): Promise<void> {
    await this.collection.delete({ where: { docId } });
  }

  /** Nearest entries to a vector: [id, cosine distance], nearest first. */
  async nearest(vector: number[], n: number, where?: Where): Promise<Array<[string, number]>> {
    const res = await this.collection.query({ queryEmbeddings: [vector], nResults: n, where, include: ['distances'] });
    const ids = res.ids[0] ?? [];
    const d = res.distances?.[0] ?? [];
    return ids.map((id, i) => [id, d[i] ?? 1]);
  }
}
