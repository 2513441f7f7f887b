// The neural embedding providers against local stand-in servers that speak the real HTTP
// protocols (Ollama's /api/embed, OpenAI's /v1/embeddings): requests, answers and failures.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmbeddings,
  embeddingsConfigFromEnv,
  embeddingsSpace,
  EmbeddingServiceError,
  HashedVietnameseEmbeddings,
  OllamaEmbeddings,
  OpenAICompatibleEmbeddings,
} from '../pipeline/index/embeddings.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: { model?: string; input?: string[] };
}

/** A stand-in server: records requests, answers with `reply` (status, JSON). */
function standIn(reply: (req: Seen) => [number, unknown]) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: data ? JSON.parse(data) : {} };
      seen.push(s);
      const [status, body] = reply(s);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  return {
    seen,
    server,
    start: () => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const fakeVector = (text: string) => [text.length, 1, 0.5];

describe('Ollama provider', () => {
  const ollama = standIn((s) =>
    s.url === '/api/embed' && s.method === 'POST' ? [200, { model: s.body.model, embeddings: s.body.input!.map(fakeVector) }] : [404, { error: 'not found' }],
  );
  let url: string;
  beforeAll(async () => (url = await ollama.start()));
  afterAll(() => ollama.stop());

  it('posts batches to /api/embed with the model and returns one vector per text, in order', async () => {
    const e = new OllamaEmbeddings({ url, model: 'bge-m3', batchSize: 2 });
    const vectors = await e.embedDocuments(['một', 'hai ba', 'bốn năm sáu']);
    expect(vectors).toEqual([fakeVector('một'), fakeVector('hai ba'), fakeVector('bốn năm sáu')]);
    expect(ollama.seen.map((s) => s.body.input)).toEqual([['một', 'hai ba'], ['bốn năm sáu']]);
    expect(ollama.seen[0]!.body.model).toBe('bge-m3');
    expect(await e.embedQuery('đào tạo')).toEqual(fakeVector('đào tạo'));
  });
});

describe('OpenAI-compatible provider', () => {
  const openai = standIn((s) => {
    if (s.url !== '/v1/embeddings') return [404, { error: { message: 'no route' } }];
    if (s.headers.authorization !== 'Bearer sk-test') return [401, { error: { message: 'Incorrect API key provided' } }];
    // Answers out of order, as the protocol allows: the client must sort by index.
    const data = s.body.input!.map((t, index) => ({ object: 'embedding', index, embedding: fakeVector(t) })).reverse();
    return [200, { object: 'list', data, model: s.body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }];
  });
  let url: string;
  beforeAll(async () => (url = `${await openai.start()}/v1`));
  afterAll(() => openai.stop());

  it('sends the key and the model, and puts the vectors back in input order', async () => {
    const e = new OpenAICompatibleEmbeddings({ url, model: 'text-embedding-3-small', apiKey: 'sk-test' });
    expect(await e.embedDocuments(['a', 'bb', 'ccc'])).toEqual([fakeVector('a'), fakeVector('bb'), fakeVector('ccc')]);
    const last = openai.seen.at(-1)!;
    expect(last.body).toMatchObject({ model: 'text-embedding-3-small', input: ['a', 'bb', 'ccc'], encoding_format: 'float' });
  });

  it('reports a refused key with the URL and the server answer', async () => {
    const e = new OpenAICompatibleEmbeddings({ url, model: 'm', apiKey: 'wrong', maxRetries: 0 });
    await expect(e.embedQuery('x')).rejects.toThrow(/embeddings answered 401.*Incorrect API key/);
  });
});

describe('provider failures and configuration', () => {
  it('names the URL and what to do when nothing listens there', async () => {
    const e = new OllamaEmbeddings({ url: 'http://127.0.0.1:9', model: 'bge-m3', maxRetries: 0 });
    const err = await e.embedQuery('x').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmbeddingServiceError);
    expect((err as Error).message).toMatch(/http:\/\/127\.0\.0\.1:9\/api\/embed.*HOPTAC_EMBEDDINGS=hashed/);
  });

  it('rejects an answer that is not one vector per text', async () => {
    const bad = standIn(() => [200, { embeddings: [[1, 2]] }]);
    const url = await bad.start();
    try {
      const e = new OllamaEmbeddings({ url, model: 'x', maxRetries: 0 });
      await expect(e.embedDocuments(['a', 'b'])).rejects.toThrow(/did not return 2 vectors/);
    } finally {
      await bad.stop();
    }
  });

  it.each([
    [{}, 'hashed', HashedVietnameseEmbeddings],
    [{ HOPTAC_EMBEDDINGS: 'ollama', HOPTAC_EMBEDDINGS_MODEL: 'nomic-embed-text' }, 'ollama', OllamaEmbeddings],
    [{ HOPTAC_EMBEDDINGS: 'openai', OPENAI_API_KEY: 'k' }, 'openai', OpenAICompatibleEmbeddings],
  ])('configuration from the environment %j', (env, provider, cls) => {
    const config = embeddingsConfigFromEnv(env);
    expect(config.provider).toBe(provider);
    expect(createEmbeddings(config)).toBeInstanceOf(cls);
  });

  it('keeps vectors of different models in different collections, and refuses an unknown provider', () => {
    expect(embeddingsSpace({ provider: 'ollama', model: 'bge-m3' })).not.toBe(embeddingsSpace({ provider: 'ollama', model: 'nomic-embed-text' }));
    expect(() => embeddingsConfigFromEnv({ HOPTAC_EMBEDDINGS: 'word2vec' })).toThrow(/use hashed/);
  });
});
