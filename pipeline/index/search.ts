// The workspace's search index: entries in Chroma (vectors) and on disk (BM25, metadata),
// hybrid retrieval fused by reciprocal rank, and document replacement.
//
// Workspace layout (default ./hoptac-data):
//   records/<docId>.json   the records indexed
//   entries/<docId>.json   their entries (text, context, metadata), the BM25 side's source
//   index/catalog.json     which documents are indexed, from which source file, in which space
//   chroma/, chroma.pid, chroma.log   the local Chroma server's data, pid and log

import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type { DocumentRecord } from '../../schemas/record.js';
import { RecordSchema } from '../../schemas/record.js';
import { writeAtomic } from '../io/write.js';
import { Bm25Index, reciprocalRankFusion } from './bm25.js';
import { connectChroma, EntryCollection, type ChromaConnection, type StoredEntry } from './chroma.js';
import { createEmbeddings, embeddingsConfigFromEnv, embeddingsSpace, type EmbeddingsConfig } from './embeddings.js';
import { entriesOf, type Entry, type EntryMeta } from './entries.js';
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

interface CatalogDoc {
  source: string;
  document: string;
  entries: number;
  space: string;
}

interface Catalog {
  version: 1;
  docs: Record<string, CatalogDoc>;
}

export interface IndexReport {
  indexed: number;
  unchanged: number;
  replaced: number;
  entries: number;
}

/** Text given to the embedding model for an entry: its words, then where it belongs. */
export function embeddingText(e: Pick<Entry, 'text' | 'context'>): string {
  return e.context ? `${e.text}\n(${e.context})` : e.text;
}

function storedEntry(e: Entry, vector: readonly number[]): StoredEntry {
  return { id: e.id, vector: vector as number[], text: e.text, metadata: { ...e.meta } as Record<string, string | number> };
}

export class SearchIndex {
  private entries: Entry[] = [];
  private readonly byId = new Map<string, number>();
  private bm25 = new Bm25Index();
  private bm25Stale = true;
  /** Entries by "docId#unit", built with the BM25 index. */
  private readonly byUnit = new Map<string, number[]>();
  private catalog: Catalog = { version: 1, docs: {} };
  private collection: EntryCollection | null = null;

  private constructor(
    readonly workspace: string,
    readonly embeddings: Embeddings,
    readonly space: string,
    private readonly chroma: ChromaConnection | null,
  ) {}

  /**
   * Opens the workspace's index. `chroma: false` opens only the local side (BM25 and metadata),
   * for commands that need no vectors.
   */
  static async open(workspace: string, options: { chroma?: boolean; embeddings?: EmbeddingsConfig; connection?: ChromaConnection } = {}): Promise<SearchIndex> {
    const config = options.embeddings ?? embeddingsConfigFromEnv();
    await fs.mkdir(workspace, { recursive: true });
    const chroma = options.connection ?? (options.chroma === false ? null : await connectChroma(workspace));
    const index = new SearchIndex(workspace, createEmbeddings(config), embeddingsSpace(config), chroma);
    try {
      if (chroma) index.collection = await EntryCollection.open(chroma.client, `hoptac-${index.space}`);
      await index.load();
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

  private async load(): Promise<void> {
    try {
      this.catalog = JSON.parse(await fs.readFile(path.join(this.dir('index'), 'catalog.json'), 'utf8')) as Catalog;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the index catalog in ${this.dir('index')} is unreadable (${(err as Error).message}); delete it and index again`);
    }
    this.entries = [];
    this.byId.clear();
    for (const docId of Object.keys(this.catalog.docs).sort()) {
      const file = path.join(this.dir('entries'), `${docId}.json`);
      if (!existsSync(file)) continue;
      const list = JSON.parse(await fs.readFile(file, 'utf8')) as Entry[];
      for (const e of list) this.addLocal(e);
    }
    this.bm25Stale = true;
  }

  private addLocal(e: Entry): void {
    const known = this.byId.get(e.id);
    if (known !== undefined) this.entries[known] = e;
    else {
      this.byId.set(e.id, this.entries.length);
      this.entries.push(e);
    }
    this.bm25Stale = true;
  }

  private dropLocal(docId: string): void {
    const kept = this.entries.filter((e) => e.meta.docId !== docId);
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.byId.clear();
    kept.forEach((e, i) => this.byId.set(e.id, i));
    this.bm25Stale = true;
  }

  private ensureBm25(): Bm25Index {
    if (this.bm25Stale) {
      this.bm25 = new Bm25Index();
      this.byUnit.clear();
      this.entries.forEach((e, i) => {
        this.bm25.add(e);
        const key = `${e.meta.docId}#${e.meta.unit}`;
        const list = this.byUnit.get(key);
        if (list) list.push(i);
        else this.byUnit.set(key, [i]);
      });
      this.bm25Stale = false;
    }
    return this.bm25;
  }

  /** Documents in the index: docId → source file and entry count. */
  documents(): Record<string, CatalogDoc> {
    return this.catalog.docs;
  }

  /**
   * The indexed document a user names: a docId (or its first 8+ characters), a file name
   * ("100.txt"), a source path, or a document number ("85/KH-UBND").
   */
  resolve(ref: string): { docId: string } | { error: string } {
    const docs = Object.entries(this.catalog.docs);
    const abs = path.resolve(ref);
    const wanted = ref.replace(/\s+/g, '').toLowerCase();
    const numberOf = (docId: string) => (this.entries[this.byId.get(this.entriesOfDocument(docId)[0]?.id ?? '') ?? -1]?.meta.number ?? '').toLowerCase();
    const found = docs.filter(
      ([docId, d]) =>
        docId === ref ||
        (/^[0-9a-f]{8,}$/.test(ref) && docId.startsWith(ref)) ||
        d.source === abs ||
        d.document === path.basename(ref) ||
        (wanted.includes('/') && numberOf(docId) === wanted),
    );
    if (found.length === 1) return { docId: found[0]![0] };
    if (!found.length) return { error: `"${ref}" is not an indexed document in ${this.workspace}; name it by file name, path, document number or id, or index it first (hoptac index ${ref})` };
    return { error: `"${ref}" names ${found.length} indexed documents (${found.map(([id, d]) => `${d.document} ${id.slice(0, 12)}`).join(', ')}); use the id` };
  }

  entriesOfDocument(docId: string): Entry[] {
    return this.entries.filter((e) => e.meta.docId === docId);
  }

  allEntries(): readonly Entry[] {
    return this.entries;
  }

  async record(docId: string): Promise<DocumentRecord> {
    return RecordSchema.parse(JSON.parse(await fs.readFile(path.join(this.dir('records'), `${docId}.json`), 'utf8')));
  }

  private requireCollection(): EntryCollection {
    if (!this.collection) throw new Error('this index was opened without Chroma');
    return this.collection;
  }

  /**
   * Indexes records: their entries are embedded and upserted (stable ids, so a rerun writes
   * the same entries), a document indexed before from the same source file with other
   * content is replaced, and the record, its entries and the catalog are written last.
   */
  async indexRecords(records: readonly DocumentRecord[], sources: readonly string[] = records.map((r) => r.source.file)): Promise<IndexReport> {
    const report: IndexReport = { indexed: 0, unchanged: 0, replaced: 0, entries: 0 };
    const collection = this.requireCollection();
    await fs.mkdir(this.dir('records'), { recursive: true });
    await fs.mkdir(this.dir('entries'), { recursive: true });
    await fs.mkdir(this.dir('index'), { recursive: true });
    for (let r = 0; r < records.length; r++) {
      const record = RecordSchema.parse(records[r]);
      const source = path.resolve(sources[r] ?? record.source.file);
      const known = this.catalog.docs[record.id];
      if (known && known.space === this.space && existsSync(path.join(this.dir('entries'), `${record.id}.json`))) {
        report.unchanged++;
        continue;
      }
      const entries = await entriesOf(record);
      await this.addEntries(record.id, entries, collection, !!known);
      // The same source file indexed before with other content: its old entries go.
      for (const [docId, doc] of Object.entries(this.catalog.docs)) {
        if (docId !== record.id && doc.source === source) {
          await this.removeDocument(docId);
          report.replaced++;
        }
      }
      await writeAtomic(path.join(this.dir('records'), `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
      await writeAtomic(path.join(this.dir('entries'), `${record.id}.json`), JSON.stringify(entries));
      this.catalog.docs[record.id] = { source, document: path.basename(record.source.file), entries: entries.length, space: this.space };
      await this.saveCatalog();
      for (const e of entries) this.addLocal(e);
      report.indexed++;
      report.entries += entries.length;
    }
    return report;
  }

  /** Embeds and upserts one document's entries; drops stored entries it no longer has. */
  async addEntries(docId: string, entries: readonly Entry[], collection = this.requireCollection(), seenBefore = true): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(entries.map(embeddingText));
    await collection.upsert(entries.map((e, i) => storedEntry(e, vectors[i]!)));
    if (seenBefore) {
      const keep = new Set(entries.map((e) => e.id));
      const stale = (await collection.idsOf(docId)).filter((id) => !keep.has(id));
      if (stale.length) await collection.delete(stale);
    }
  }

  /** Upserts entries whose vectors are already computed (benchmarks load many documents at once). */
  async upsertVectors(entries: readonly Entry[], vectors: readonly number[][]): Promise<void> {
    await this.requireCollection().upsert(entries.map((e, i) => storedEntry(e, vectors[i]!)));
  }

  async count(): Promise<number> {
    return this.requireCollection().count();
  }

  /** Adds entries to the local side only (BM25 and metadata), for benchmarks and tests. */
  addLocalEntries(entries: readonly Entry[]): void {
    for (const e of entries) this.addLocal(e);
  }

  async removeDocument(docId: string): Promise<void> {
    await this.requireCollection().deleteDocument(docId);
    delete this.catalog.docs[docId];
    await this.saveCatalog();
    await fs.rm(path.join(this.dir('entries'), `${docId}.json`), { force: true });
    await fs.rm(path.join(this.dir('records'), `${docId}.json`), { force: true });
    this.dropLocal(docId);
  }

  private async saveCatalog(): Promise<void> {
    const sorted: Catalog = { version: 1, docs: Object.fromEntries(Object.entries(this.catalog.docs).sort(([a], [b]) => (a < b ? -1 : 1))) };
    await writeAtomic(path.join(this.dir('index'), 'catalog.json'), `${JSON.stringify(sorted, null, 2)}\n`);
  }

  /**
   * Ranked commitments for a query. Hybrid fuses our BM25 and Chroma's vector search by
   * reciprocal rank; results are one per commitment (an item and the quotas, budgets and
   * passages that fall in it count as one), best first.
   */
  async search(query: string, options: { k?: number; filters?: Filters; mode?: SearchMode; candidates?: number } = {}): Promise<Hit[]> {
    const k = options.k ?? 10;
    const mode = options.mode ?? 'hybrid';
    const depth = options.candidates ?? Math.max(50, k * 5);
    const filters = compileFilters(options.filters ?? {});
    const bm25Index = this.ensureBm25();
    const lists: string[][] = [];
    const ranks = new Map<string, Hit['ranks']>();
    const note = (id: string, key: 'bm25' | 'dense', rank: number) => ranks.set(id, { ...ranks.get(id), [key]: rank });

    if (mode !== 'dense') {
      const bm25 = bm25Index.search(query, depth, (i) => filters.accept(this.entries[i]!.meta));
      const ids = bm25.map(([i]) => this.entries[i]!.id);
      ids.forEach((id, r) => note(id, 'bm25', r + 1));
      lists.push(ids);
    }
    if (mode !== 'bm25') {
      let docIds: string[] = [];
      if (filters.byDocument) {
        const seenDoc = new Set<string>();
        for (const e of this.entries) {
          if (seenDoc.has(e.meta.docId)) continue;
          seenDoc.add(e.meta.docId);
          if (filters.accept({ ...e.meta, amount: Number.MAX_SAFE_INTEGER })) docIds.push(e.meta.docId);
        }
      }
      if (!filters.byDocument || docIds.length) {
        const vector = await this.embeddings.embedQuery(query);
        const near = await this.requireCollection().nearest(vector, depth, filters.where(docIds));
        const ids = near.map(([id]) => id).filter((id) => this.byId.has(id));
        ids.forEach((id, r) => note(id, 'dense', r + 1));
        lists.push(ids);
      } else lists.push([]);
    }
    const fused = lists.length === 1 ? lists[0]!.map((id, r) => [id, 1 / (60 + r + 1)] as [string, number]) : reciprocalRankFusion(lists);

    const hits: Hit[] = [];
    const seen = new Set<string>();
    for (const [id, score] of fused) {
      const e = this.entries[this.byId.get(id)!]!;
      const unitKey = `${e.meta.docId}#${e.meta.unit}`;
      if (seen.has(unitKey)) continue;
      seen.add(unitKey);
      hits.push(this.hitOf(e, score, ranks.get(id) ?? {}, query));
      if (hits.length >= k) break;
    }
    return hits;
  }

  private hitOf(e: Entry, score: number, ranks: Hit['ranks'], query: string): Hit {
    // An item hit shows the item's own text; quantities and amounts come from the entry or,
    // for an item, from any value entry that falls in it.
    const item = e.meta.kind === 'item' ? e : this.entries[this.byId.get(e.id.replace(/:(quota|budget|passage):.*$/, `:item:${e.meta.unit}`)) ?? -1];
    const shown = item ?? e;
    const values = (this.byUnit.get(`${e.meta.docId}#${e.meta.unit}`) ?? []).map((i) => this.entries[i]!).filter((x) => x.meta.quantity || x.meta.amount);
    const q = [shown, ...values].find((x) => x.meta.quantity > 0);
    const a = [shown, ...values].find((x) => x.meta.amount > 0);
    return {
      id: shown.id,
      docId: e.meta.docId,
      document: e.meta.document,
      number: e.meta.number,
      docType: e.meta.docType,
      title: e.meta.title,
      kind: shown.meta.kind,
      unit: e.meta.unit,
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

  async close(): Promise<void> {
    await this.chroma?.close();
  }
}
