// The hoptac library: extract typed records from Vietnamese cooperation documents.

export { extract, extractBytesSync, type ExtractInput, type ExtractOptions } from './extract.js';
export { HoptacError, InputError } from './errors.js';
export { PIPELINE_VERSION } from './version.js';
export * from '../schemas/record.js';
export { evaluateDirs, formatReport, scoreDocument, normalizeName, diceSimilarity, type EvalReport } from './eval/score.js';
// Vietnamese text utilities.
export { fold, foldWords, normalizeTonePlacement, matchKey, stripTones, isVietnameseSyllable } from './text/vietnamese.js';
export { decodeText, type DecodedText, type TextEncoding } from './text/decode.js';
export { convertLegacy, detectLegacy } from './text/legacy.js';
export { parseNumber, parseNumberWords, parseAmountInWords, parseQuantity } from './text/numbers.js';
export { findMoney, findAmountInWords, parseScaledAmount } from './text/money.js';
export { findDates, isoDate } from './text/dates.js';
export { parseDocNumber, normalizeDocNumber } from './text/docnumber.js';
export { segment, type Segmented } from './stages/segment.js';
// Search index.
export { SearchIndex, DEFAULT_WORKSPACE, embeddingText, type Hit, type SearchMode, type IndexReport } from './index/search.js';
export { entriesOf, type Entry, type EntryMeta } from './index/entries.js';
export { HashedVietnameseEmbeddings, OllamaEmbeddings, OpenAICompatibleEmbeddings, createEmbeddings, embeddingsConfigFromEnv } from './index/embeddings.js';
export { Bm25Index, reciprocalRankFusion } from './index/bm25.js';
export { connectChroma, ChromaUnavailableError } from './index/chroma.js';
export type { Filters } from './index/filters.js';
