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
