// Money amounts in Vietnamese (and English) text: "1.766.925.000 đồng", "2,8 tỷ đồng",
// "1 tỷ 200 triệu đồng", "500.000 USD", "4 triệu đô la Canađa", "USD 1.2 million", and the
// "Bằng chữ: …" line that repeats an amount in words.

import { parseAmountInWords, parseNumber } from './numbers.js';

export interface MoneyMention {
  amount: number;
  currency: string;
  start: number;
  end: number;
  raw: string;
  /** The number had a scale word (triệu, tỷ): a rounded, stated figure. */
  scaled: boolean;
}

const NUM = String.raw`\d{1,3}(?:[.,]\d{3})+(?:,\d{1,4})?|\d+(?:[.,]\d{1,4})?`;
const SCALE = String.raw`(?:tỷ|tỉ|triệu|nghìn|ngàn|trăm)`;
const EN_SCALE = String.raw`(?:billion|million|thousand|bn|m)`;

// Currency words after the amount → ISO code. Longest first.
const CURRENCY_AFTER: Array<[string, string]> = [
  ['đô la Canađa', 'CAD'], ['đô la Canada', 'CAD'], ['đô-la Canada', 'CAD'], ['Canadian dollars?', 'CAD'],
  ['đô la Úc', 'AUD'], ['đô la Australia', 'AUD'], ['Australian dollars?', 'AUD'],
  ['đô la Singapore', 'SGD'], ['đô la Mỹ', 'USD'], ['đô-la Mỹ', 'USD'], ['Đô la Mỹ', 'USD'], ['US dollars?', 'USD'],
  ['đô la', 'USD'], ['đô-la', 'USD'], ['dollars?', 'USD'], ['USD', 'USD'], ['US\\$', 'USD'],
  ['yên Nhật', 'JPY'], ['Yên Nhật', 'JPY'], ['yên', 'JPY'], ['Yên', 'JPY'], ['JPY', 'JPY'], ['yen', 'JPY'],
  ['euro', 'EUR'], ['Euro', 'EUR'], ['EUR', 'EUR'], ['€', 'EUR'],
  ['bảng Anh', 'GBP'], ['GBP', 'GBP'], ['nhân dân tệ', 'CNY'], ['NDT', 'CNY'], ['CNY', 'CNY'],
  ['won', 'KRW'], ['KRW', 'KRW'], ['bạt', 'THB'], ['baht', 'THB'], ['THB', 'THB'], ['kíp', 'LAK'], ['Kíp', 'LAK'], ['LAK', 'LAK'],
  ['riel', 'KHR'], ['Riel', 'KHR'], ['KHR', 'KHR'], ['rúp', 'RUB'], ['RUB', 'RUB'], ['peso', 'CUP'], ['CUP', 'CUP'],
  ['VNĐ', 'VND'], ['VND', 'VND'], ['vnđ', 'VND'], ['VNđ', 'VND'], ['đồng', 'VND'], ['Đồng', 'VND'], ['đ', 'VND'],
];
const CURRENCY_BEFORE: Array<[string, string]> = [
  ['USD', 'USD'], ['US\\$', 'USD'], ['\\$', 'USD'], ['EUR', 'EUR'], ['€', 'EUR'], ['JPY', 'JPY'], ['¥', 'JPY'],
  ['CAD', 'CAD'], ['AUD', 'AUD'], ['GBP', 'GBP'], ['£', 'GBP'], ['VND', 'VND'], ['VNĐ', 'VND'],
];

const after = CURRENCY_AFTER.map(([w]) => w).join('|');
const before = CURRENCY_BEFORE.map(([w]) => w).join('|');
// Amount: a number, optionally followed by scale words and further "number scale" groups.
const AMOUNT = String.raw`(?:${NUM})(?:\s*${SCALE})?(?:\s+(?:${NUM})\s*${SCALE})*(?:\s+(?:${NUM}))?`;
const AFTER_RE = new RegExp(String.raw`(?<![\p{L}\d.,])(${AMOUNT})\s*(${after})(?![\p{L}])`, 'gu');
const BEFORE_RE = new RegExp(String.raw`(?<![\p{L}])(${before})\s?(${NUM})(?:\s*(${EN_SCALE}|${SCALE}))?(?![\p{L}\d])`, 'gu');
const EN_AFTER_RE = new RegExp(String.raw`(?<![\p{L}\d.,])(${NUM})\s*(${EN_SCALE})\s+(${after})(?![\p{L}])`, 'gu');

// "đồng" that is not money: đồng chí (comrade), đồng bào, đồng thời, đồng ý …
const NOT_MONEY_AFTER_DONG = /^\s*(?:chí|bào|thời|ý|nghiệp|bộ|hành|tác|thuận|loạt|đều|tâm|lòng|minh|hương|phục|nhất|góp|hồ|bằng|sáng|chủ|tổ chức|cấp|nghĩa)(?!\p{L})/u;

const SCALE_VALUE: Record<string, number> = {
  tỷ: 1e9, tỉ: 1e9, triệu: 1e6, nghìn: 1e3, ngàn: 1e3, trăm: 100,
  billion: 1e9, bn: 1e9, million: 1e6, m: 1e6, thousand: 1e3,
};

const compiled = new Map<Array<[string, string]>, Array<[RegExp, string]>>();

function currencyOf(word: string, table: Array<[string, string]>): string {
  let res = compiled.get(table);
  if (!res) {
    res = table.map(([w, code]) => [new RegExp(`^${w}$`, 'u'), code]);
    compiled.set(table, res);
  }
  for (const [re, code] of res) if (re.test(word)) return code;
  return 'VND';
}

/** Value of "1 tỷ 200 triệu", "2,8 tỷ", "1.766.925.000", "750 nghìn". */
export function parseScaledAmount(s: string): { value: number; scaled: boolean } | null {
  const groups = [...s.matchAll(new RegExp(String.raw`(${NUM})\s*(${SCALE}|${EN_SCALE})?`, 'gu'))];
  if (groups.length === 0) return null;
  let total = 0;
  let scaled = false;
  for (const g of groups) {
    const scaleWord = g[2];
    const n = parseNumber(g[1]!, Boolean(scaleWord));
    if (n === null) return null;
    if (scaleWord) {
      scaled = true;
      total += n * (SCALE_VALUE[scaleWord] ?? 1);
    } else total += n;
  }
  return { value: Math.round(total), scaled };
}

// A cheap test for a currency word: the money patterns run only on lines that have one.
const CURRENCY_HINT = /đồng|Đồng|đ|VN[ĐD]|vnđ|USD|US\$|\$|đô|Đô|dollar|yên|Yên|JPY|yen|euro|Euro|EUR|€|bảng|GBP|nhân dân tệ|NDT|CNY|won|KRW|bạt|baht|THB|kíp|Kíp|LAK|riel|Riel|KHR|rúp|RUB|peso|CUP|CAD|AUD|£|¥/;

/** All money amounts in `text` (offsets relative to `text`). */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (CURRENCY_HINT.test(line) && /\d/.test(line)) for (const m of findMoneyInLine(line)) found.push({ ...m, start: m.start + lineStart, end: m.end + lineStart });
    lineStart = lineEnd + 1;
  }
  return found;
}

function findMoneyInLine(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const m of text.matchAll(AFTER_RE)) {
    const cur = m[2]!;
    const end = m.index! + m[0].length;
    if (/^(?:đồng|Đồng|đ)$/.test(cur) && NOT_MONEY_AFTER_DONG.test(text.slice(end, end + 12))) continue;
    // "đ" alone must follow the number directly or with one space ("500.000đ", "500.000 đ").
    const amount = parseScaledAmount(m[1]!);
    if (!amount || amount.value <= 0) continue;
    // A bare year or count before "đồng" is not money unless it is large or scaled.
    if (!amount.scaled && amount.value < 1000 && currencyOf(cur, CURRENCY_AFTER) === 'VND') continue;
    found.push({ amount: amount.value, currency: currencyOf(cur, CURRENCY_AFTER), start: m.index!, end, raw: m[0], scaled: amount.scaled });
  }
  for (const m of text.matchAll(EN_AFTER_RE)) {
    const amount = parseScaledAmount(`${m[1]} ${m[2]}`);
    if (!amount) continue;
    found.push({ amount: amount.value, currency: currencyOf(m[3]!, CURRENCY_AFTER), start: m.index!, end: m.index! + m[0].length, raw: m[0], scaled: true });
  }
  for (const m of text.matchAll(BEFORE_RE)) {
    const n = parseNumber(m[2]!, Boolean(m[3]));
    if (n === null) continue;
    const value = Math.round(n * (m[3] ? SCALE_VALUE[m[3]] ?? 1 : 1));
    if (value <= 0) continue;
    found.push({ amount: value, currency: currencyOf(m[1]!, CURRENCY_BEFORE), start: m.index!, end: m.index! + m[0].length, raw: m[0], scaled: Boolean(m[3]) });
  }
  // Overlaps: keep the longest mention.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MoneyMention[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

export interface AmountInWords {
  text: string;
  value: number | null;
  start: number;
  end: number;
}

const IN_WORDS_RE = /(?:bằng chữ|viết bằng chữ|ghi bằng chữ)\s*:?\s*([^\n)]{3,200}?)(?=\)|\n|\.\/\.|;|$)/iu;
const PAREN_WORDS_RE = /^\s*\(\s*((?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)[^)\n]{3,200})\)/iu;

/** The amount in words printed right after a figure ("Bằng chữ: …" or "(Một tỷ … đồng)"). */
export function findAmountInWords(text: string, from: number, window = 240): AmountInWords | null {
  const slice = text.slice(from, from + window);
  const m = IN_WORDS_RE.exec(slice) ?? PAREN_WORDS_RE.exec(slice);
  if (!m) return null;
  // Another figure between the amount and the words means the words belong to that one.
  const between = slice.slice(0, m.index);
  if (/\d{1,3}(?:[.,]\d{3}){2,}/.test(between)) return null;
  const words = m[1]!.trim().replace(/[.\s]+$/, '');
  const start = from + m.index! + m[0].indexOf(m[1]!);
  return { text: words, value: parseAmountInWords(words), start, end: start + m[1]!.trimEnd().length };
}
