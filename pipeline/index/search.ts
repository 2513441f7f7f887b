// The workspace's search index: vectors in Chroma, the catalog and entries in the workspace
// database, BM25 in memory (saved as a snapshot); hybrid retrieval fused by reciprocal rank,
// and document replacement.
//
// Workspace layout (default ./hoptac-data):
//   hoptac.db             the catalog (index_docs), the entries, Chroma writes in flight
//   records/<docId>.json  the records indexed
//   index/bm25.bin        BM25 snapshot, derived from the database (brought up to date on open)
//   chroma/, chroma.pid, chroma.log   the local Chroma server's data, pid and log
//
// Writing a batch of documents: (1) note in the database that their vectors are being written,
// (2) upsert the vectors into Chroma, (3) write the records, (4) in one transaction add the
// entries and catalog rows and clear the note. A run killed anywhere leaves either the old state
// or the new one; a note left behind makes the next writer delete those documents' vectors and
// write them again from the catalog, so Chroma holds exactly what the catalog says.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Embeddings } from '@langchain/core/embeddings';
import type { DocumentRecord } from '../../schemas/record.js';
import { RecordSchema } from '../../schemas/record.js';
import { removeStaleTemporaries, writeAtomic } from '../io/write.js';
import { getSetting, openDb, setSetting, type Db } from '../workspace/db.js';
import { acquireWriterLock, type WriterLock } from '../workspace/lock.js';
import { Bm25Index, entryTerms, reciprocalRankFusion, withContext } from './bm25.js';
import { termCounts } from './terms.js';
import type { Where } from 'chromadb';
import { connectChroma, EntryCollection, type ChromaConnection, type StoredEntry } from './chroma.js';
import { createEmbeddings, embeddingsConfigFromEnv, embeddingsSpace, type EmbeddingsConfig } from './embeddings.js';
import { documentMeta, ENTRY_OWN_KEYS, entriesOf, type DocumentMeta, type Entry, type EntryMeta } from './entries.js';
import { compileFilters, type Filters } from './filters.js';
import { snippet } from './snippet.js';

export const DEFAULT_WORKSPACE = 'hoptac-data';
export type SearchMode = 'hybrid' | 'bm25' | 'dense';

export interface Hit {
  id: string;
  docId: string;
  document: string;
  number: string;
  docType: string;
  title: string;
  kind: EntryMeta['kind'];
  unit: string;
  label: string;
  text: string;
  snippet: string;
  score: number;
  quantity: number | null;
  unitName: string | null;
  amount: number | null;
  currency: string | null;
  /** 1-based rank of the entry in each list fused (absent: not in that list's candidates). */
  ranks: { bm25?: number; dense?: number };
}

export interface CatalogDoc {
  source: string;
  document: string;
  entries: number;
  space: string;
}

interface DocRow extends CatalogDoc {
  gen: number;
  meta: DocumentMeta;
}

export interface IndexReport {
  indexed: number;
  unchanged: number;
  replaced: number;
  entries: number;
}

/** One document to index: its entries, the facts every entry shares, and where it came from. */
export interface IndexDocument {
  docId: string;
  source: string;
  document: string;
  meta: DocumentMeta;
  entries: Entry[];
  /** Written to records/<docId>.json with the catalog change. */
  record?: DocumentRecord;
  /** Index it again even if the catalog has it (its record was extracted again). */
  force?: boolean;
}

/** A record to index: the source it came from; whether its file is already written; whether to index it again. */
export interface RecordToIndex {
  record: DocumentRecord;
  source: string;
  written?: boolean;
  force?: boolean;
}

export interface IndexOptions {
  /** A document indexed before from the same source file with other content is removed (default true). */
  replaceBySource?: boolean;
  /** Called after each batch is committed. */
  onBatch?: (report: IndexReport) => void;
  /** Called with the documents now in the index: each batch committed, and each found unchanged. */
  onDone?: (docIds: string[]) => void;
}

/** Text given to the embedding model for an entry: its words, then where it belongs. */
export function embeddingText(e: Pick<Entry, 'text' | 'context'>): string {
  return e.context ? `${e.text}\n(${e.context})` : e.text;
}

/** What Chroma keeps of an entry: the metadata search filters on (the text stays in the database). */
function storedEntry(e: Entry, vector: readonly number[]): StoredEntry {
  const m = e.meta;
  return {
    id: e.id,
    vector: vector as number[],
    metadata: {
      docId: m.docId, kind: m.kind, docType: m.docType, number: m.number, issuers: m.issuers, parties: m.parties, places: m.places,
      year: m.year, periodFrom: m.periodFrom, periodTo: m.periodTo, date: m.date, quantity: m.quantity, amount: m.amount,
    },
  };
}

/** Entries a batch gathers before its vectors are written (Chroma's limit is 5461 a request). */
const BATCH_ENTRIES = 2000;
const SNAPSHOT_FORMAT = 2;

/** Reciprocal rank fusion's k: each list gives 1/(RRF_K + rank). */
const RRF_K = 60;
/** Weight of the document prior against a commitment's own fused score. */
const DOC_PRIOR = 2;
/** Each further commitment of a document already listed counts this much (0.7×, then 0.49× …). */
const DIVERSITY = 0.7;
/** Up to this many passing documents are named to Chroma in a where; more are checked here. */
const NAMED_DOCUMENTS = 200;
/** The most neighbours asked of Chroma when filters are checked here. */
const MAX_NEIGHBOURS = 1000;

interface Prepared {
  docs: IndexDocument[];
  vectors: number[][];
  /** BM25 terms of each entry, in the order of the docs' entries. */
  terms: Array<Map<string, number>>;
  /** BM25 terms of each whole document. */
  documentTerms: Array<Map<string, number>>;
  replaced: string[];
}

interface EntryRow {
  id: string;
  doc_id: string;
  unit: string;
  text: string;
  context: string;
  meta: string;
}

export class SearchIndex {
  private readonly docs = new Map<string, DocRow>();
  // The entry table, parallel to BM25 document numbers.
  private entryIds: string[] = [];
  private entryDoc: number[] = [];
  private entryUnit: string[] = [];
  private entryAmount: number[] = [];
  private idToNumber: Map<string, number> | null = null;
  // Documents by number (their index in docList), and which BM25 numbers each holds.
  private docList: string[] = [];
  private readonly docNumber = new Map<string, number>();
  private readonly held = new Map<string, { gen: number; numbers: number[]; textNumber: number }>();
  private bm25 = new Bm25Index();
  // Whole documents, for the document prior of search (numbers → document numbers).
  private docBm25 = new Bm25Index();
  private docOfTextNumber: number[] = [];
  private dirty = false;
  private repaired = false;
  private writer: WriterLock | null = null;
  private collection: EntryCollection | null = null;

  private constructor(
    readonly workspace: string,
    readonly embeddings: Embeddings,
    readonly space: string,
    private readonly db: Db,
    private readonly chroma: ChromaConnection | null,
  ) {}

  /**
   * Opens the workspace's index. `chroma: false` opens only the local side (catalog, entries
   * and BM25), for commands that need no vectors.
   */
  static async open(workspace: string, options: { chroma?: boolean; embeddings?: EmbeddingsConfig; connection?: ChromaConnection } = {}): Promise<SearchIndex> {
    const config = options.embeddings ?? embeddingsConfigFromEnv();
    await fs.mkdir(workspace, { recursive: true });
    const db = openDb(workspace);
    let chroma: ChromaConnection | null = null;
    try {
      chroma = options.connection ?? (options.chroma === false ? null : await connectChroma(workspace));
    } catch (err) {
      db.close();
      throw err;
    }
    const index = new SearchIndex(workspace, createEmbeddings(config), embeddingsSpace(config), db, chroma);
    try {
      if (chroma) index.collection = await EntryCollection.open(chroma.client, collectionName(index.space), chroma);
      index.loadCatalog();
      index.loadBm25();
    } catch (err) {
      await index.close();
      throw err;
    }
    return index;
  }

  get chromaUrl(): string | null {
    return this.chroma?.url ?? null;
  }

  private dir(name: string): string {
    return path.join(this.workspace, name);
  }

  private get snapshotFile(): string {
    return path.join(this.dir('index'), 'bm25.bin');
  }

  private loadCatalog(): void {
    this.docs.clear();
    const rows = this.db.prepare('SELECT doc_id, source, document, space, gen, entries, meta FROM index_docs').all() as Array<{
      doc_id: string; source: string; document: string; space: string; gen: number; entries: number; meta: string;
    }>;
    for (const r of rows) {
      this.docs.set(r.doc_id, { source: r.source, document: r.document, space: r.space, gen: Number(r.gen), entries: Number(r.entries), meta: JSON.parse(r.meta) as DocumentMeta });
    }
  }

  private numberOfDoc(docId: string): number {
    let n = this.docNumber.get(docId);
    if (n === undefined) {
      n = this.docList.length;
      this.docList.push(docId);
      this.docNumber.set(docId, n);
    }
    return n;
  }

  /** Loads the BM25 snapshot, then brings it up to date with the catalog. */
  private loadBm25(): void {
    this.readSnapshot();
    for (const [docId, h] of [...this.held]) {
      const row = this.docs.get(docId);
      if (!row || row.gen !== h.gen) this.forget(docId);
    }
    for (const [docId, row] of this.docs) if (!this.held.has(docId)) this.hold(docId, row.gen, this.entriesOfDocument(docId));
  }

  private readSnapshot(): void {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.snapshotFile);
    } catch {
      return;
    }
    try {
      const len = bytes.readUInt32LE(0);
      const head = JSON.parse(bytes.subarray(4, 4 + len).toString('utf8')) as {
        format: number; docs: Array<[string, number, number]>; ids: string[]; doc: number[]; units: string[]; amounts: number[]; entryBytes: number;
      };
      if (head.format !== SNAPSHOT_FORMAT) throw new Error(`format ${head.format}`);
      const bm25 = Bm25Index.deserialize(bytes.subarray(4 + len, 4 + len + head.entryBytes));
      const docBm25 = Bm25Index.deserialize(bytes.subarray(4 + len + head.entryBytes));
      if (bm25.capacity !== head.ids.length || docBm25.capacity !== head.docs.length) throw new Error('counts do not match');
      this.bm25 = bm25;
      this.docBm25 = docBm25;
      this.entryIds = head.ids;
      this.entryUnit = head.units;
      this.entryAmount = head.amounts;
      this.entryDoc = [];
      this.docOfTextNumber = [];
      const numbers = head.docs.map(([docId, gen, textNumber]) => {
        const n = this.numberOfDoc(docId);
        this.held.set(docId, { gen, numbers: [], textNumber });
        this.docOfTextNumber[textNumber] = n;
        return n;
      });
      head.doc.forEach((d, i) => {
        const n = numbers[d]!;
        this.entryDoc.push(n);
        this.held.get(this.docList[n]!)!.numbers.push(i);
      });
    } catch {
      // A damaged or older snapshot is rebuilt from the database.
      this.bm25 = new Bm25Index();
      this.docBm25 = new Bm25Index();
      this.entryIds = [];
      this.entryUnit = [];
      this.entryAmount = [];
      this.entryDoc = [];
      this.docOfTextNumber = [];
      this.held.clear();
      this.dirty = true;
    }
  }

  /** Adds a document's entries to BM25 and the entry table, and its whole text to the document BM25. */
  private hold(docId: string, gen: number, entries: readonly Entry[], terms?: { entries: ReadonlyArray<Map<string, number>>; document: Map<string, number> }): void {
    if (this.held.has(docId)) this.forget(docId);
    const d = this.numberOfDoc(docId);
    const numbers: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const n = this.bm25.add(terms?.entries[i] ?? entryTerms(e));
      this.entryIds[n] = e.id;
      this.entryDoc[n] = d;
      this.entryUnit[n] = e.meta.unit;
      this.entryAmount[n] = e.meta.amount;
      this.idToNumber?.set(e.id, n);
      numbers.push(n);
    }
    const textNumber = this.docBm25.add(terms?.document ?? documentTerms(entries));
    this.docOfTextNumber[textNumber] = d;
    this.held.set(docId, { gen, numbers, textNumber });
    this.dirty = true;
  }

  private forget(docId: string): void {
    const h = this.held.get(docId);
    if (!h) return;
    for (const n of h.numbers) {
      this.bm25.remove(n);
      this.idToNumber?.delete(this.entryIds[n]!);
    }
    this.docBm25.remove(h.textNumber);
    this.held.delete(docId);
    this.dirty = true;
  }

  /** Writes the BM25 snapshot (compacted) when it changed. */
  private async saveSnapshot(): Promise<void> {
    if (!this.dirty) return;
    const map = this.bm25.compact();
    const keep = <T>(a: T[], m: Int32Array): T[] => {
      const out: T[] = [];
      for (let i = 0; i < m.length; i++) if (m[i]! >= 0) out[m[i]!] = a[i]!;
      return out;
    };
    this.entryIds = keep(this.entryIds, map);
    this.entryUnit = keep(this.entryUnit, map);
    this.entryAmount = keep(this.entryAmount, map);
    this.entryDoc = keep(this.entryDoc, map);
    this.idToNumber = null;
    const textMap = this.docBm25.compact();
    this.docOfTextNumber = keep(this.docOfTextNumber, textMap);
    for (const h of this.held.values()) {
      h.numbers = h.numbers.map((n) => map[n]!);
      h.textNumber = textMap[h.textNumber]!;
    }
    // Documents numbered by their position in the snapshot's list.
    const docs = [...this.held].map(([docId, h]) => [docId, h.gen, h.textNumber] as [string, number, number]);
    const position = new Map(docs.map(([docId], i) => [this.docNumber.get(docId)!, i]));
    const entryBytes = this.bm25.serialize();
    const head = Buffer.from(
      JSON.stringify({ format: SNAPSHOT_FORMAT, docs, ids: this.entryIds, doc: this.entryDoc.map((d) => position.get(d)!), units: this.entryUnit, amounts: this.entryAmount, entryBytes: entryBytes.length }),
      'utf8',
    );
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length, 0);
    await fs.mkdir(this.dir('index'), { recursive: true });
    await writeAtomic(this.snapshotFile, Buffer.concat([len, head, entryBytes, this.docBm25.serialize()]));
    this.dirty = false;
  }

  /** Documents in the index: docId → source file and entry count. */
  documents(): Record<string, CatalogDoc> {
    const out: Record<string, CatalogDoc> = {};
    for (const docId of [...this.docs.keys()].sort()) {
      const { source, document, entries, space } = this.docs.get(docId)!;
      out[docId] = { source, document, entries, space };
    }
    return out;
  }

  /** The facts of an indexed document that filters test, or null. */
  documentMeta(docId: string): DocumentMeta | null {
    return this.docs.get(docId)?.meta ?? null;
  }

  /**
   * The indexed document a user names: a docId (or its first 8+ characters), a file name
   * ("100.txt"), a source path, or a document number ("85/KH-UBND").
   */
  resolve(ref: string): { docId: string } | { error: string } {
    const abs = path.resolve(ref);
    const wanted = ref.replace(/\s+/g, '').toLowerCase();
    const found = [...this.documentsSorted()].filter(
      ([docId, d]) =>
        docId === ref ||
        (/^[0-9a-f]{8,}$/.test(ref) && docId.startsWith(ref)) ||
        d.source === abs ||
        d.document === path.basename(ref) ||
        (wanted.includes('/') && d.meta.number.toLowerCase() === wanted),
    );
    if (found.length === 1) return { docId: found[0]![0] };
    if (!found.length) return { error: `"${ref}" is not an indexed document in ${this.workspace}; name it by file name, path, document number or id, or index it first (hoptac index ${ref})` };
    return { error: `"${ref}" names ${found.length} indexed documents (${found.map(([id, d]) => `${d.document} ${id.slice(0, 12)}`).join(', ')}); use the id` };
  }

  private documentsSorted(): Array<[string, DocRow]> {
    return [...this.docs].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private entryOf(row: EntryRow): Entry {
    const doc = this.docs.get(row.doc_id)?.meta;
    return { id: row.id, text: row.text, context: row.context, meta: { ...doc, ...(JSON.parse(row.meta) as object) } as EntryMeta };
  }

  entriesOfDocument(docId: string): Entry[] {
    const rows = this.db.prepare('SELECT id, doc_id, unit, text, context, meta FROM entries WHERE doc_id = ? ORDER BY seq').all(docId) as EntryRow[];
    return rows.map((r) => this.entryOf(r));
  }

  async record(docId: string): Promise<DocumentRecord> {
    return RecordSchema.parse(JSON.parse(await fs.readFile(path.join(this.dir('records'), `${docId}.json`), 'utf8')));
  }

  private requireCollection(): EntryCollection {
    if (!this.collection) throw new Error('this index was opened without Chroma');
    return this.collection;
  }

  async count(): Promise<number> {
    return this.requireCollection().count();
  }

  /**
   * Indexes records: their entries are embedded and upserted (stable ids, so a rerun writes
   * the same entries), a document indexed before from the same source file with other
   * content is replaced, and the record and catalog are written last.
   */
  async indexRecords(records: readonly DocumentRecord[], sources: readonly string[] = records.map((r) => r.source.file), options: IndexOptions = {}): Promise<IndexReport> {
    return this.indexRecordStream(records.map((record, r) => ({ record, source: sources[r] ?? record.source.file })), options);
  }

  /** The same for records that come one at a time (read, extracted or OCRed as the index takes them). */
  async indexRecordStream(input: Iterable<RecordToIndex | null> | AsyncIterable<RecordToIndex | null>, options: IndexOptions = {}): Promise<IndexReport> {
    const self = this;
    async function* documents(): AsyncGenerator<IndexDocument | null> {
      for await (const item of input) {
        if (item === null) {
          yield null;
          continue;
        }
        const record = RecordSchema.parse(item.record);
        // Unchanged documents are skipped before their entries are cut.
        if (self.isIndexed(record.id) && !item.force) {
          yield { docId: record.id, source: '', document: '', meta: documentMeta(record), entries: [] };
          continue;
        }
        yield {
          docId: record.id,
          source: path.resolve(item.source),
          document: path.basename(record.source.file),
          meta: documentMeta(record),
          entries: await entriesOf(record),
          record: item.written ? undefined : record,
          force: item.force,
        };
      }
    }
    return this.indexDocuments(documents(), options);
  }

  /** True when the document is in the catalog with vectors of this index's space. */
  isIndexed(docId: string): boolean {
    return this.docs.get(docId)?.space === this.space;
  }

  /**
   * Indexes documents in batches; the embedding of a batch overlaps the Chroma write of the
   * one before. Documents already indexed (same id, same space) are counted as unchanged.
   */
  async indexDocuments(input: Iterable<IndexDocument | null> | AsyncIterable<IndexDocument | null>, options: IndexOptions = {}): Promise<IndexReport> {
    await this.repairPending();
    const report: IndexReport = { indexed: 0, unchanged: 0, replaced: 0, entries: 0 };
    const replaceBySource = options.replaceBySource ?? true;
    let batch: IndexDocument[] = [];
    let batchEntries = 0;
    const inBatch = new Set<string>();
    // Three steps a batch: prepare (embed, count terms: our CPU), write vectors (Chroma's CPU),
    // commit (database, BM25). The next batch is prepared while Chroma writes this one, and this
    // one is committed once the next one's vectors are on their way.
    let inflight: { prepared: Prepared; written: Promise<void> } | null = null;
    const settle = async (next: Prepared | null) => {
      const done = inflight;
      if (done) await done.written;
      inflight = null;
      if (next) {
        const written = this.writeVectors(next);
        written.catch(() => undefined); // awaited at the next settle; a failure surfaces there
        inflight = { prepared: next, written };
      }
      if (done) {
        await this.commit(done.prepared);
        const docs = done.prepared.docs;
        report.indexed += docs.length;
        report.replaced += done.prepared.replaced.length;
        report.entries += docs.reduce((s, d) => s + d.entries.length, 0);
        options.onBatch?.({ ...report });
        options.onDone?.(docs.map((d) => d.docId));
      }
    };
    const flush = async () => {
      if (!batch.length) return;
      const docs = batch;
      batch = [];
      batchEntries = 0;
      inBatch.clear();
      await settle(await this.prepare(docs, replaceBySource));
    };
    try {
      for await (const doc of input) {
        // null: the input is idle; commit what is held rather than wait for a full batch.
        if (doc === null) {
          await flush();
          await settle(null);
          continue;
        }
        if ((this.isIndexed(doc.docId) && !doc.force) || inBatch.has(doc.docId)) {
          report.unchanged++;
          options.onDone?.([doc.docId]);
          continue;
        }
        // A document that would take the batch over its size starts the next one, so one very
        // long document never shares the fate (a full disk, a refused write) of the small ones.
        if (batch.length && batchEntries + doc.entries.length > BATCH_ENTRIES) await flush();
        batch.push(doc);
        inBatch.add(doc.docId);
        batchEntries += doc.entries.length;
        if (batchEntries >= BATCH_ENTRIES) await flush();
      }
      await flush();
      await settle(null);
    } finally {
      // A failure leaves the batch in flight uncommitted: its note makes the next writer repair it.
      const left = inflight as { written: Promise<void> } | null;
      if (left) await left.written.catch(() => undefined);
    }
    return report;
  }

  /** Embeds a batch's entries and counts their terms (yielding between chunks, so the previous batch's request flows). */
  private async prepare(docs: IndexDocument[], replaceBySource: boolean): Promise<Prepared> {
    const entries = docs.flatMap((d) => d.entries);
    const vectors: number[][] = [];
    for (let i = 0; i < entries.length; i += 250) {
      vectors.push(...(await this.embeddings.embedDocuments(entries.slice(i, i + 250).map(embeddingText))));
      await yieldToLoop();
    }
    // Each entry's text is counted once: its own terms, then with its context, then summed
    // into its document's terms.
    const terms: Array<Map<string, number>> = [];
    const documentTermsOf: Array<Map<string, number>> = [];
    for (const d of docs) {
      const own = d.entries.map((e) => termCounts(e.text));
      documentTermsOf.push(documentTerms(d.entries, own));
      d.entries.forEach((e, i) => terms.push(withContext(own[i]!, e.context)));
    }
    await yieldToLoop();
    const replaced = new Set<string>();
    if (replaceBySource) {
      const sources = new Map(docs.map((d) => [d.source, d.docId]));
      for (const [docId, row] of this.docs) {
        const by = sources.get(row.source);
        if (by !== undefined && by !== docId) replaced.add(docId);
      }
    }
    return { docs, vectors, terms, documentTerms: documentTermsOf, replaced: [...replaced] };
  }

  /** Notes the batch's documents as being written, then writes their vectors (and drops replaced ones). */
  private async writeVectors({ docs, vectors, replaced }: Prepared): Promise<void> {
    const collection = this.requireCollection();
    const note = this.db.prepare('INSERT INTO pending_vectors(doc_id, space) VALUES (?, ?) ON CONFLICT(doc_id) DO UPDATE SET space = excluded.space');
    this.db.transaction(() => {
      for (const id of [...docs.map((d) => d.docId), ...replaced]) note.run(id, this.docs.get(id)?.space ?? this.space);
    })();
    let v = 0;
    await collection.upsert(docs.flatMap((d) => d.entries.map((e) => storedEntry(e, vectors[v++]!))));
    for (const id of replaced) await collection.deleteDocument(id);
    // A document indexed again: the entries its new record no longer has go.
    for (const d of docs) {
      if (!this.docs.has(d.docId)) continue;
      const keep = new Set(d.entries.map((e) => e.id));
      const stale = (this.db.prepare('SELECT id FROM entries WHERE doc_id = ?').all(d.docId) as Array<{ id: string }>).map((r) => r.id).filter((id) => !keep.has(id));
      if (stale.length) await collection.delete(stale);
    }
  }

  /** Writes the records, then the catalog and entries in one transaction that also clears the notes. */
  private async commit({ docs, terms, documentTerms: wholeTerms, replaced }: Prepared): Promise<void> {
    await fs.mkdir(this.dir('records'), { recursive: true });
    for (const d of docs) if (d.record) await writeAtomic(path.join(this.dir('records'), `${d.docId}.json`), `${JSON.stringify(d.record, null, 2)}\n`);
    const touched = [...docs.map((d) => d.docId), ...replaced];
    const gen = Number(getSetting(this.db, 'index_gen') ?? '0') + 1;
    const insertEntry = this.db.prepare('INSERT INTO entries(id, doc_id, seq, unit, text, context, meta) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertDoc = this.db.prepare(
      `INSERT INTO index_docs(doc_id, source, document, space, gen, entries, meta) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(doc_id) DO UPDATE SET source = excluded.source, document = excluded.document, space = excluded.space, gen = excluded.gen, entries = excluded.entries, meta = excluded.meta`,
    );
    const clear = this.db.prepare('DELETE FROM pending_vectors WHERE doc_id = ?');
    this.db.transaction(() => {
      for (const id of touched) this.deleteRows(id);
      for (const d of docs) {
        d.entries.forEach((e, seq) => insertEntry.run(e.id, d.docId, seq, e.meta.unit, e.text, e.context, JSON.stringify(ownMeta(e.meta))));
        insertDoc.run(d.docId, d.source, d.document, this.space, gen, d.entries.length, JSON.stringify(d.meta));
      }
      for (const id of touched) clear.run(id);
      setSetting(this.db, 'index_gen', String(gen));
    }).immediate();

    for (const id of replaced) {
      this.docs.delete(id);
      this.forget(id);
      await fs.rm(path.join(this.dir('records'), `${id}.json`), { force: true });
    }
    let t = 0;
    docs.forEach((d, i) => {
      this.docs.set(d.docId, { source: d.source, document: d.document, space: this.space, gen, entries: d.entries.length, meta: d.meta });
      this.hold(d.docId, gen, d.entries, { entries: terms.slice(t, (t += d.entries.length)), document: wholeTerms[i]! });
    });
  }

  private deleteRows(docId: string): void {
    this.db.prepare('DELETE FROM entries WHERE doc_id = ?').run(docId);
    this.db.prepare('DELETE FROM index_docs WHERE doc_id = ?').run(docId);
  }

  /** Removes documents from the index (their vectors, entries, catalog rows and records). */
  async removeDocuments(docIds: readonly string[]): Promise<void> {
    await this.repairPending();
    const gone = docIds.filter((id) => this.docs.has(id));
    if (!gone.length) return;
    const note = this.db.prepare('INSERT OR REPLACE INTO pending_vectors(doc_id, space) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const id of gone) note.run(id, this.docs.get(id)!.space);
    })();
    for (const id of gone) await this.collectionFor(this.docs.get(id)!.space).then((c) => c.deleteDocument(id));
    this.db.transaction(() => {
      for (const id of gone) {
        this.deleteRows(id);
        this.db.prepare('DELETE FROM pending_vectors WHERE doc_id = ?').run(id);
      }
    }).immediate();
    for (const id of gone) {
      this.docs.delete(id);
      this.forget(id);
      await fs.rm(path.join(this.dir('records'), `${id}.json`), { force: true });
    }
  }

  private async collectionFor(space: string): Promise<EntryCollection> {
    if (space === this.space) return this.requireCollection();
    return EntryCollection.open(this.chroma!.client, collectionName(space), this.chroma!);
  }

  /**
   * Repairs what a killed run left: the vectors of every document noted as being written are
   * deleted, and written again from the catalog when the catalog has the document.
   */
  private async repairPending(): Promise<void> {
    // Writing needs the workspace's writer lock (kept until close): a second writer would
    // take this one's batches in flight for a killed run's.
    if (!this.writer) {
      this.writer = acquireWriterLock(this.workspace, 'index');
      for (const sub of ['records', 'index']) removeStaleTemporaries(this.dir(sub));
    }
    if (this.repaired) return;
    const rows = this.db.prepare('SELECT doc_id, space FROM pending_vectors').all() as Array<{ doc_id: string; space: string }>;
    for (const { doc_id: docId, space } of rows) {
      const collection = await this.collectionFor(space);
      await collection.deleteDocument(docId);
      const row = this.docs.get(docId);
      if (row && row.space === space && space === this.space) {
        const entries = this.entriesOfDocument(docId);
        const vectors = await this.embeddings.embedDocuments(entries.map(embeddingText));
        await collection.upsert(entries.map((e, i) => storedEntry(e, vectors[i]!)));
      }
      this.db.prepare('DELETE FROM pending_vectors WHERE doc_id = ?').run(docId);
    }
    this.repaired = true;
  }

  private numberOfEntry(id: string): number | undefined {
    if (!this.idToNumber) {
      this.idToNumber = new Map();
      for (const h of this.held.values()) for (const n of h.numbers) this.idToNumber.set(this.entryIds[n]!, n);
    }
    return this.idToNumber.get(id);
  }

  /**
   * Ranked commitments for a query. Hybrid fuses our BM25 and Chroma's vector search by
   * reciprocal rank; results are one per commitment (an item and the quotas, budgets and
   * passages that fall in it count as one), best first.
   */
  async search(query: string, options: { k?: number; filters?: Filters; mode?: SearchMode; candidates?: number } = {}): Promise<Hit[]> {
    const k = options.k ?? 10;
    const mode = options.mode ?? 'hybrid';
    // A fixed candidate depth, so the first results are the same whatever k is asked for.
    const depth = options.candidates ?? Math.max(100, k);
    const filters = compileFilters(options.filters ?? {});
    // Document filters are decided once a document, then looked up by number.
    let docPass: Uint8Array | null = null;
    if (filters.byDocument) {
      docPass = new Uint8Array(this.docList.length);
      for (const [docId, row] of this.docs) if (filters.acceptDocument(row.meta)) docPass[this.numberOfDoc(docId)] = 1;
    }
    const min = filters.minAmount;
    const accept = (n: number) => (!docPass || docPass[this.entryDoc[n]!] === 1) && (min === null || this.entryAmount[n]! >= min);
    const lists: number[][] = [];
    const ranks = new Map<number, Hit['ranks']>();
    const note = (n: number, key: 'bm25' | 'dense', rank: number) => ranks.set(n, { ...ranks.get(n), [key]: rank });

    if (mode !== 'dense') {
      const found = this.bm25.search(query, depth, docPass || min !== null ? accept : undefined).map(([n]) => n);
      found.forEach((n, r) => note(n, 'bm25', r + 1));
      lists.push(found);
    }
    if (mode !== 'bm25') {
      const found: number[] = [];
      const near = await this.nearest(query, depth, docPass !== null || min !== null ? accept : null);
      for (const n of near) {
        if (!accept(n)) continue;
        found.push(n);
        if (found.length >= depth) break;
      }
      found.forEach((n, r) => note(n, 'dense', r + 1));
      lists.push(found);
    }
    const fused = lists.length === 1 ? lists[0]!.map((n, r) => [n, 1 / (RRF_K + r + 1)] as [number, number]) : fuse(lists, this.entryIds);

    // One candidate a commitment: an item and the quotas, budgets and passages in it count once.
    const units: Array<{ n: number; score: number; doc: number }> = [];
    const seen = new Set<string>();
    for (const [n, score] of fused) {
      const unitKey = `${this.entryDoc[n]}#${this.entryUnit[n]}`;
      if (seen.has(unitKey)) continue;
      seen.add(unitKey);
      units.push({ n, score, doc: this.entryDoc[n]! });
    }
    // The document prior: how well each document answers as a whole (its full text by BM25,
    // unless the mode is dense alone) fused with the order its commitments came in.
    const docLists: number[][] = [];
    if (mode !== 'dense') {
      const accepted = docPass ? (t: number) => docPass![this.docOfTextNumber[t]!] === 1 : undefined;
      docLists.push(this.docBm25.search(query, depth, accepted).map(([t]) => this.docOfTextNumber[t]!));
    }
    const firstSeen: number[] = [];
    for (const u of units) if (!firstSeen.includes(u.doc)) firstSeen.push(u.doc);
    docLists.push(firstSeen);
    const prior = new Map<number, number>();
    for (const list of docLists) list.forEach((d, r) => prior.set(d, (prior.get(d) ?? 0) + 1 / (RRF_K + r + 1)));
    const docRank = new Map([...prior].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([d], r) => [d, r]));
    for (const u of units) {
      const r = docRank.get(u.doc);
      if (r !== undefined) u.score += DOC_PRIOR / (RRF_K + r + 1);
    }
    // Spread the first results over documents: each further commitment of a document already
    // listed counts DIVERSITY times less, so one agreement with many matches does not fill the page.
    const picked: Array<{ n: number; score: number }> = [];
    const shown = new Map<number, number>();
    const pool = [...units];
    while (pool.length && picked.length < k) {
      let best = 0;
      let bestScore = -1;
      for (let i = 0; i < pool.length; i++) {
        const u = pool[i]!;
        const s = u.score * DIVERSITY ** (shown.get(u.doc) ?? 0);
        if (s > bestScore || (s === bestScore && this.entryIds[u.n]! < this.entryIds[pool[best]!.n]!)) {
          best = i;
          bestScore = s;
        }
      }
      const [u] = pool.splice(best, 1);
      picked.push({ n: u!.n, score: bestScore });
      shown.set(u!.doc, (shown.get(u!.doc) ?? 0) + 1);
    }
    return picked.map(({ n, score }) => this.hitOf(n, score, ranks.get(n) ?? {}, query));
  }

  /**
   * Entry numbers nearest the query in Chroma, nearest first. With filters, Chroma is told the
   * passing documents when they are few (a where on docId); otherwise it is asked for more
   * neighbours and the caller checks the filters here: Chroma's own metadata filters measured
   * 4–8× slower than this at 100,000 entries (bench:index).
   */
  private async nearest(query: string, depth: number, accept: ((n: number) => boolean) | null): Promise<number[]> {
    let where: Where | undefined;
    let want = depth;
    if (accept) {
      const docs: string[] = [];
      let entries = 0;
      let live = 0;
      for (const [docId, h] of this.held) {
        let passing = 0;
        for (const n of h.numbers) if (accept(n)) passing++;
        live += h.numbers.length;
        entries += passing;
        if (passing) docs.push(docId);
      }
      if (!docs.length) return [];
      if (docs.length <= NAMED_DOCUMENTS) where = { docId: { $in: docs } };
      else want = Math.min(MAX_NEIGHBOURS, Math.ceil((depth * live) / entries));
    }
    const vector = await this.embeddings.embedQuery(query);
    const out: number[] = [];
    for (const [id] of await this.requireCollection().nearest(vector, want, where)) {
      const n = this.numberOfEntry(id);
      if (n !== undefined && this.bm25.isLive(n)) out.push(n);
    }
    return out;
  }

  private hitOf(n: number, score: number, ranks: Hit['ranks'], query: string): Hit {
    const id = this.entryIds[n]!;
    const docId = this.docList[this.entryDoc[n]!]!;
    const unit = this.entryUnit[n]!;
    // An item hit shows the item's own text; quantities and amounts come from the entry or,
    // for an item, from any value entry that falls in it.
    const inUnit = (this.db.prepare('SELECT id, doc_id, unit, text, context, meta FROM entries WHERE doc_id = ? AND unit = ? ORDER BY seq').all(docId, unit) as EntryRow[]).map((r) =>
      this.entryOf(r),
    );
    const e = inUnit.find((x) => x.id === id) ?? this.entryOf(this.db.prepare('SELECT id, doc_id, unit, text, context, meta FROM entries WHERE id = ?').get(id) as EntryRow);
    const shown = e.meta.kind === 'item' ? e : (inUnit.find((x) => x.meta.kind === 'item') ?? e);
    const values = inUnit.filter((x) => x.meta.quantity || x.meta.amount);
    const q = [shown, ...values].find((x) => x.meta.quantity > 0);
    const a = [shown, ...values].find((x) => x.meta.amount > 0);
    return {
      id: shown.id,
      docId,
      document: e.meta.document,
      number: e.meta.number,
      docType: e.meta.docType,
      title: e.meta.title,
      kind: shown.meta.kind,
      unit,
      label: shown.meta.label,
      text: shown.text,
      snippet: snippet(e.text, query),
      score: Number(score.toFixed(6)),
      quantity: q ? q.meta.quantity : null,
      unitName: q ? q.meta.unitName : null,
      amount: a ? a.meta.amount : null,
      currency: a ? a.meta.currency : null,
      ranks,
    };
  }

  /** Saves the BM25 snapshot when it changed, closes the database and stops a Chroma server this process started. */
  async close(): Promise<void> {
    try {
      await this.saveSnapshot();
    } finally {
      this.db.close();
      this.writer?.release();
      await this.chroma?.close();
    }
  }
}

function collectionName(space: string): string {
  return `hoptac-${space}`;
}

/**
 * The terms of a whole document: its passages' text (every word of it once, give or take the
 * passages' overlap) or, without passages, its entries' text; its context (title, parties) once.
 */
function documentTerms(entries: readonly Entry[], textTerms?: ReadonlyArray<Map<string, number>>): Map<string, number> {
  const hasPassages = entries.some((e) => e.meta.kind === 'passage');
  const counts = new Map<string, number>();
  entries.forEach((e, i) => {
    if (hasPassages && e.meta.kind !== 'passage') return;
    if (textTerms) for (const [t, w] of textTerms[i]!) counts.set(t, (counts.get(t) ?? 0) + w);
    else termCounts(e.text, counts);
  });
  return withContext(counts, entries[0]?.context);
}

/** The entry's own metadata (what is not the document's). */
function ownMeta(meta: EntryMeta): Partial<EntryMeta> {
  const out: Record<string, unknown> = {};
  for (const k of ENTRY_OWN_KEYS) out[k] = meta[k];
  return out as Partial<EntryMeta>;
}

/** Reciprocal rank fusion over entry numbers, ties broken by entry id (stable across runs). */
function fuse(lists: number[][], ids: readonly string[]): Array<[number, number]> {
  const byId = lists.map((l) => l.map((n) => ids[n]!));
  const number = new Map<string, number>();
  lists.forEach((l) => l.forEach((n) => number.set(ids[n]!, n)));
  return reciprocalRankFusion(byId).map(([id, s]) => [number.get(id)!, s]);
}

