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

/** Feature weights of the hashed embedding (per occurrence, before the log and the norm). */
const W = { syllable: 1, bigram: 1.2, exact: 0.35, trigram: 0.25, name: 1.6, concept: 0.8 };

/** The hashed vector of one text (L2-normalized; all zeros for a text with no letters). */
export function hashedVector(text: string, dimensions = HASHED_DIMENSIONS): number[] {
  const counts = new Map<string, number>();
  const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w);
  for (const clause of text.split(/[.;:!?()[\]\n"“”]+(?!\d)/)) {
    // Names are one feature however they are spelled ("Xây Sôm Bun" = "Xaysomboun").
    const syl = withNamesJoined(foldedSyllables(clause));
    for (let i = 0; i < syl.length; i++) {
      const s = syl[i]!;
      if (!isStopSyllable(s) && !s.startsWith('@')) add(`s:${s}`, W.syllable);
      if (i + 1 < syl.length) add(`b:${s} ${syl[i + 1]}`, W.bigram);
    }
    // Character trigrams of the words run together catch other spellings of one name
    // ("Xaysomboun" / "Xay Som Bun") and OCR slips inside a word.
    const run = `^${syl.filter((x) => !isStopSyllable(x) && !x.startsWith('@')).join('')}$`;
    for (let i = 0; i + 3 <= run.length; i++) add(`c:${run.slice(i, i + 3)}`, W.trigram);
  }
  for (const e of exactSyllables(text)) if (/[^\x00-\x7f]/.test(e)) add(`e:${e}`, W.exact);
  for (const t of phraseTokens(foldedSyllables(text))) add(t, t.startsWith('@') ? W.name : W.concept);

  const v = new Float64Array(dimensions);
  for (const [f, w] of counts) {
    const h = fnv1a(f);
    const sign = h & 1 ? 1 : -1;
    // Sub-linear weight: a word said five times is not five times the topic.
    v[(h >>> 1) % dimensions]! += sign * (f.startsWith('c:') ? w : Math.log1p(w));
  }
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
  if (config.provider === 'hashed') return `hashed-v1-${HASHED_DIMENSIONS}`;
  return `${config.provider}-${(config.model ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 50);
}
