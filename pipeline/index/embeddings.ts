// Embeddings behind langchain's `Embeddings` interface. The default needs nothing downloaded:
// Vietnamese text hashed into a fixed-size vector (folded syllables and bigrams, exact
// syllables, character trigrams, names in any of their spellings, concepts). Neural
// providers — an Ollama server or any OpenAI-compatible endpoint — are chosen by
// configuration and spoken to over their real HTTP APIs.

import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { exactSyllables, foldedSyllables, isStopSyllable, phraseTokens, withNamesJoined } from './terms.js';

export const HASHED_DIMENSIONS = 768;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Two 32-bit hashes into one (a murmur-style finalizer over their combination). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Syllables repeat endlessly: each one's hash is computed once.
const hashes = new Map<string, number>();
function hashOf(s: string): number {
  let h = hashes.get(s);
  if (h === undefined) {
    h = fnv1a(s);
    if (hashes.size < 500_000) hashes.set(s, h);
  }
  return h;
}

/** Feature kinds, mixed into each feature's hash so a syllable and a bigram never share a slot by design. */
const KIND = { syllable: 1, bigram: 2, exact: 3, trigram: 4, name: 5, concept: 6 };

/** Feature weights of the hashed embedding (per occurrence, before the log and the norm). */
const W = { syllable: 1, bigram: 1.2, exact: 0.35, trigram: 0.25, name: 1.6, concept: 0.8 };

/** What one clause contributes: counted features (hash, weight) and character trigrams. */
interface ClauseFeatures {
  counted: number[];
  trigrams: number[];
}

function clauseFeatures(clause: string): ClauseFeatures {
  const counted: number[] = [];
  const trigrams: number[] = [];
  const folded = foldedSyllables(clause);
  // Names are one feature however they are spelled ("Xây Sôm Bun" = "Xaysomboun").
  const syl = withNamesJoined(folded);
  let prev = -1;
  for (let i = 0; i < syl.length; i++) {
    const s = syl[i]!;
    const h = hashOf(s);
    if (!isStopSyllable(s) && !s.startsWith('@')) counted.push(mix(h, KIND.syllable), W.syllable);
    if (prev >= 0) counted.push(mix(mix(prev, h), KIND.bigram), W.bigram);
    prev = h;
  }
  // Character trigrams of the words run together catch other spellings of one name
  // ("Xaysomboun" / "Xay Som Bun") and OCR slips inside a word.
  const run = `^${syl.filter((x) => !isStopSyllable(x) && !x.startsWith('@')).join('')}$`;
  for (let i = 0; i + 3 <= run.length; i++) trigrams.push(mix(mix(mix(run.charCodeAt(i), run.charCodeAt(i + 1)), run.charCodeAt(i + 2)), KIND.trigram));
  for (const e of exactSyllables(clause)) if (/[^\x00-\x7f]/.test(e)) counted.push(mix(hashOf(e), KIND.exact), W.exact);
  for (const t of phraseTokens(folded)) {
    const name = t.startsWith('@');
    counted.push(mix(hashOf(t), name ? KIND.name : KIND.concept), name ? W.name : W.concept);
  }
  return { counted, trigrams };
}

// Clauses repeat across the entries of a document (its title and parties): each is analysed once.
const clauseCache = new Map<string, ClauseFeatures>();
function cachedClause(clause: string): ClauseFeatures {
  let f = clauseCache.get(clause);
  if (!f) {
    f = clauseFeatures(clause);
    if (clauseCache.size >= 4096) clauseCache.delete(clauseCache.keys().next().value!);
    clauseCache.set(clause, f);
  }
  return f;
}

/** The hashed vector of one text (L2-normalized; all zeros for a text with no letters). */
export function hashedVector(text: string, dimensions = HASHED_DIMENSIONS): number[] {
  const v = new Float64Array(dimensions);
  const put = (h: number, w: number) => {
    v[(h >>> 1) % dimensions]! += h & 1 ? w : -w;
  };
  // Counted features get a sub-linear weight (a word said five times is not five times the
  // topic); character trigrams go straight into the vector.
  const counts = new Map<number, number>();
  for (const clause of text.split(/[.;:!?()[\]\n"“”]+(?!\d)/)) {
    if (!clause) continue;
    const f = cachedClause(clause);
    for (let i = 0; i < f.counted.length; i += 2) counts.set(f.counted[i]!, (counts.get(f.counted[i]!) ?? 0) + f.counted[i + 1]!);
    for (const h of f.trigrams) put(h, W.trigram);
  }
  for (const [h, w] of counts) put(h, Math.log1p(w));
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return Array.from(v, (x) => (norm ? x / norm : 0));
}

/** Offline default: no model, no download, deterministic. */
export class HashedVietnameseEmbeddings extends Embeddings {
  readonly dimensions: number;
  constructor(params: EmbeddingsParams & { dimensions?: number } = {}) {
    super(params);
    this.dimensions = params.dimensions ?? HASHED_DIMENSIONS;
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => hashedVector(d, this.dimensions));
  }
  async embedQuery(document: string): Promise<number[]> {
    return hashedVector(document, this.dimensions);
  }
}

export class EmbeddingServiceError extends Error {
  constructor(readonly url: string, message: string) {
    super(message);
    this.name = 'EmbeddingServiceError';
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string>, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new EmbeddingServiceError(url, `cannot reach the ${what} embedding service at ${url} (${cause}); start it, or set HOPTAC_EMBEDDINGS=hashed to use the offline embeddings`);
  }
  const text = await res.text();
  if (!res.ok) throw new EmbeddingServiceError(url, `the ${what} embedding service at ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new EmbeddingServiceError(url, `the ${what} embedding service at ${url} answered something that is not JSON: ${text.slice(0, 120)}`);
  }
}

function checkVectors(vectors: unknown, n: number, url: string, what: string): number[][] {
  if (!Array.isArray(vectors) || vectors.length !== n || !vectors.every((v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'))) {
    throw new EmbeddingServiceError(url, `the ${what} embedding service at ${url} did not return ${n} vectors of numbers`);
  }
  return vectors as number[][];
}

interface ServiceParams extends EmbeddingsParams {
  url: string;
  model: string;
  batchSize?: number;
}

/** An Ollama server: POST {url}/api/embed {model, input: [...]} → {embeddings: [[...]]}. */
export class OllamaEmbeddings extends Embeddings {
  readonly url: string;
  readonly model: string;
  readonly batchSize: number;
  constructor(params: ServiceParams) {
    super(params);
    this.url = params.url.replace(/\/+$/, '');
    this.model = params.model;
    this.batchSize = params.batchSize ?? 64;
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const batch = documents.slice(i, i + this.batchSize);
      const endpoint = `${this.url}/api/embed`;
      const body = (await this.caller.call(() => postJson(endpoint, { model: this.model, input: batch }, {}, 'Ollama'))) as { embeddings?: unknown };
      out.push(...checkVectors(body.embeddings, batch.length, endpoint, 'Ollama'));
    }
    return out;
  }
  async embedQuery(document: string): Promise<number[]> {
    return (await this.embedDocuments([document]))[0]!;
  }
}

/** Any OpenAI-compatible endpoint: POST {url}/embeddings {model, input} → {data: [{index, embedding}]}. */
export class OpenAICompatibleEmbeddings extends Embeddings {
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly batchSize: number;
  constructor(params: ServiceParams & { apiKey?: string }) {
    super(params);
    this.url = params.url.replace(/\/+$/, '');
    this.model = params.model;
    this.apiKey = params.apiKey;
    this.batchSize = params.batchSize ?? 128;
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const headers: Record<string, string> = this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {};
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const batch = documents.slice(i, i + this.batchSize);
      const endpoint = `${this.url}/embeddings`;
      const body = (await this.caller.call(() =>
        postJson(endpoint, { model: this.model, input: batch, encoding_format: 'float' }, headers, 'OpenAI-compatible'),
      )) as { data?: Array<{ index: number; embedding: number[] }> };
      const data = Array.isArray(body.data) ? [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding) : undefined;
      out.push(...checkVectors(data, batch.length, endpoint, 'OpenAI-compatible'));
    }
    return out;
  }
  async embedQuery(document: string): Promise<number[]> {
    return (await this.embedDocuments([document]))[0]!;
  }
}

export interface EmbeddingsConfig {
  provider: 'hashed' | 'ollama' | 'openai';
  url?: string;
  model?: string;
  apiKey?: string;
}

/** Configuration from the environment: HOPTAC_EMBEDDINGS=hashed|ollama|openai, _URL, _MODEL, _API_KEY. */
export function embeddingsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EmbeddingsConfig {
  const provider = (env.HOPTAC_EMBEDDINGS ?? 'hashed').toLowerCase();
  if (provider !== 'hashed' && provider !== 'ollama' && provider !== 'openai') {
    throw new Error(`HOPTAC_EMBEDDINGS=${provider} is not a provider hoptac knows; use hashed (default, offline), ollama or openai`);
  }
  return {
    provider,
    url: env.HOPTAC_EMBEDDINGS_URL ?? (provider === 'ollama' ? 'http://127.0.0.1:11434' : provider === 'openai' ? 'https://api.openai.com/v1' : undefined),
    model: env.HOPTAC_EMBEDDINGS_MODEL ?? (provider === 'ollama' ? 'bge-m3' : provider === 'openai' ? 'text-embedding-3-small' : undefined),
    apiKey: env.HOPTAC_EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY,
  };
}

export function createEmbeddings(config: EmbeddingsConfig): Embeddings {
  switch (config.provider) {
    case 'hashed':
      return new HashedVietnameseEmbeddings();
    case 'ollama':
      return new OllamaEmbeddings({ url: config.url!, model: config.model!, maxRetries: 2 });
    case 'openai':
      return new OpenAICompatibleEmbeddings({ url: config.url!, model: config.model!, apiKey: config.apiKey, maxRetries: 2 });
  }
}

/** A name for the vector space, so entries embedded by different models never share a collection. */
export function embeddingsSpace(config: EmbeddingsConfig): string {
  if (config.provider === 'hashed') return `hashed-v2-${HASHED_DIMENSIONS}`;
  return `${config.provider}-${(config.model ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 50);
}
