// The search index's parts without a server: Vietnamese terms, BM25, fusion, filters, entries,
// snippets, hashed embeddings and the retrieval metrics.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25Index, reciprocalRankFusion } from '../pipeline/index/bm25.js';
import { readPidFile } from '../pipeline/index/chroma.js';
import { alignGreedy } from '../pipeline/index/compare.js';
import { hashedVector } from '../pipeline/index/embeddings.js';
import { entriesOf, sentenceAround, type EntryMeta } from '../pipeline/index/entries.js';
import { compileFilters, dateBound, docTypeOf, FilterError } from '../pipeline/index/filters.js';
import { snippet } from '../pipeline/index/snippet.js';
import { queryTerms, termCounts } from '../pipeline/index/terms.js';
import { creditedGrades, scoreQuery, withoutDiacritics } from '../pipeline/eval/retrieval.js';
import { extractBytesSync } from '../pipeline/extract.js';
import { ROOT } from './helpers/corpus.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const terms = (s: string) => [...termCounts(s).keys()];

describe('Vietnamese retrieval terms', () => {
  it.each([
    ['đào tạo cán bộ y tế cho Lào', 'dao tao can bo y te cho lao'],
    ['Thỏa thuận hợp tác', 'THOẢ THUẬN HỢP TÁC'],
    ['hoà bình, khoẻ mạnh', 'hòa bình, khỏe mạnh'],
  ])('a query with and without diacritics or tone placement gives the same terms: %s', (a, b) => {
    expect(queryTerms(a)).toEqual(queryTerms(b));
  });

  it.each([
    ['tỉnh Xây Sôm Bun', 'Xaysomboun', '@xaysombun'],
    ['Xay Sổm Bun', 'Xây Sốp Bùn', '@xaysombun'],
    ['Cam-pu-chia', 'Campuchia', '@campuchia'],
    ['Vương quốc Cambodia', 'Cam pu chia', '@campuchia'],
    ['tỉnh Sa-la-van', 'Salavan', '@salavan'],
    ['Viêng Chăn', 'Vientiane', '@viengchan'],
    ['Cu Ba', 'Cuba', '@cuba'],
  ])('the spellings "%s" and "%s" share the name token %s', (a, b, token) => {
    expect(terms(a)).toContain(token);
    expect(terms(b)).toContain(token);
  });

  it('a Lao province counts as Laos as well', () => {
    expect(terms('tỉnh Bô-ly-khăm-xay')).toContain('@lao');
  });

  it.each([
    ['bồi dưỡng', 'đào tạo', '~train'],
    ['nhân viên', 'cán bộ', '~staff'],
    ['kinh phí', 'ngân sách', '~funding'],
    ['hội chẩn trực tuyến', 'telemedicine', '~telemedicine'],
  ])('"%s" and "%s" meet in the concept %s', (a, b, concept) => {
    expect(terms(a)).toContain(concept);
    expect(terms(b)).toContain(concept);
  });

  it('bigrams stay within a clause, and numbers lose their thousands dots', () => {
    const t = terms('Hỗ trợ Lào. Đào tạo 1.200 lượt');
    expect(t).toContain('dao tao');
    expect(t).toContain('1200');
    expect(t).not.toContain('lao dao');
  });
});

describe('BM25 and fusion', () => {
  const docs = [
    { text: 'Đào tạo 15 cán bộ y tế của tỉnh Bô-ly-khăm-xay', context: 'Thỏa thuận Hà Tĩnh — Lào' },
    { text: 'Hỗ trợ xây dựng nhà lớp học cho trường phổ thông', context: 'Thỏa thuận Hà Tĩnh — Lào' },
    { text: 'Trao đổi đoàn cấp cao hằng năm', context: 'Thỏa thuận Kiên Giang — Campuchia' },
    { text: 'Bồi dưỡng nghiệp vụ cho nhân viên y tế tuyến huyện', context: 'Kế hoạch Sở Y tế An Giang' },
  ];
  const index = new Bm25Index();
  for (const d of docs) index.add(d);

  it('ranks the entry with the query words first, with or without diacritics', () => {
    expect(index.search('đào tạo cán bộ y tế', 4)[0]![0]).toBe(0);
    expect(index.search('dao tao can bo y te', 4)[0]![0]).toBe(0);
  });

  it('finds words of the context, at a lower weight than the text', () => {
    expect(index.search('Campuchia', 4).map(([i]) => i)).toEqual([2]);
    const laos = index.search('đào tạo Lào', 4).map(([i]) => i);
    expect(laos[0]).toBe(0);
  });

  it('matches synonyms through their concept', () => {
    const ranked = index.search('tập huấn nhân viên', 4).map(([i]) => i);
    expect(ranked[0]).toBe(3);
  });

  it('applies a filter before ranking and returns nothing for a query with no known word', () => {
    expect(index.search('đào tạo', 4, (i) => i !== 0).map(([i]) => i)).not.toContain(0);
    expect(index.search('xyzzy', 4)).toEqual([]);
  });

  it('reciprocal rank fusion rewards ids ranked well in both lists', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c'], ['b', 'c', 'a']]);
    expect(fused.map(([id]) => id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]![1]).toBeCloseTo(1 / 62 + 1 / 61, 10);
  });
});

describe('hashed embeddings', () => {
  it('are unit vectors, the same for a query with or without diacritics', () => {
    const a = hashedVector('đào tạo cán bộ y tế cho Lào');
    const b = hashedVector('dao tao can bo y te cho lao');
    expect(cosine(a, a)).toBeCloseTo(1, 6);
    expect(cosine(a, b)).toBeGreaterThan(0.9);
  });

  it('put two spellings of a partner closer than an unrelated text', () => {
    const q = hashedVector('hỗ trợ tỉnh Xaysomboun');
    const same = hashedVector('hỗ trợ tỉnh Xây Sôm Bun');
    const other = hashedVector('hỗ trợ tỉnh Kampốt');
    expect(cosine(q, same)).toBeGreaterThan(cosine(q, other) + 0.2);
  });

  it('give an empty text a zero vector rather than NaN', () => {
    expect(hashedVector('...').every((x) => x === 0)).toBe(true);
  });
});

describe('entries of a record', () => {
  const file = path.join(ROOT, 'corpus/docs/100.txt');
  const record = extractBytesSync('corpus/docs/100.txt', readFileSync(file));

  it('has one entry per item, per quota or budget sentence, and passages, with stable ids', async () => {
    const a = await entriesOf(record);
    const b = await entriesOf(record);
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    expect(a.filter((e) => e.meta.kind === 'item')).toHaveLength(record.items.length);
    expect(a.some((e) => e.meta.kind === 'passage')).toBe(true);
    const budget = a.find((e) => e.meta.kind === 'budget')!;
    expect(budget.meta.amount).toBe(4_500_000_000);
    expect(budget.text).toContain('4,5 tỷ đồng');
    expect(budget.meta.unit).toBe('Điều 2/6');
    expect(a[0]!.meta.places).toContain('@lao');
    expect(a[0]!.meta.document).toBe('100.txt');
  });

  it.each([
    ['Câu một. Hỗ trợ 4,5 tỷ đồng cho trường; câu ba.', '4,5', 'Hỗ trợ 4,5 tỷ đồng cho trường;'],
    ['Dòng đầu\n- Năm 2024: đào tạo 06 cán bộ.\nDòng sau', '06', '- Năm 2024: đào tạo 06 cán bộ.'],
  ])('cuts the sentence around a value: %j', (text, value, sentence) => {
    const at = text.indexOf(value);
    const s = sentenceAround(text, at, at + value.length);
    expect(text.slice(s.start, s.end).trim()).toBe(sentence);
  });
});

describe('filters', () => {
  const meta = (over: Partial<EntryMeta>): EntryMeta => ({
    docId: 'x', kind: 'item', unit: '1', label: '1', document: 'a.txt', docType: 'thoa_thuan', number: '', title: '', issuers: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    parties: 'Ủy ban nhân dân tỉnh Hà Tĩnh | Chính quyền tỉnh Bô-ly-khăm-xay', places: '@bolykhamxay @hatinh @lao', year: 2024, periodFrom: 2024, periodTo: 2026,
    date: 20240119, quantity: 0, unitName: '', amount: 0, currency: '', start: 0, end: 1, ...over,
  });
  it.each([
    [{ party: 'Hà Tĩnh' }, true],
    [{ party: 'ha tinh' }, true],
    [{ party: 'Bolikhamxay' }, true],
    [{ party: 'Lào' }, true],
    [{ party: 'Kon Tum' }, false],
    [{ issuer: 'UBND tỉnh Hà Tĩnh' }, true],
    [{ issuer: 'Sở Y tế' }, false],
    [{ issuer: 'Hà Tĩnh' }, true],
    [{ type: 'thỏa thuận' }, true],
    [{ type: 'ke_hoach' }, false],
    [{ year: 2025 }, true],
    [{ year: 2023 }, false],
    [{ from: '2024-01' }, true],
    [{ to: '2023' }, false],
    [{ minAmount: 1 }, false],
  ])('%j → %s', (f, expected) => {
    expect(compileFilters(f).accept(meta({}))).toBe(expected);
  });

  it('tests a document without its entries\' amounts, and says when document facts are filtered', () => {
    const c = compileFilters({ party: 'Lào', minAmount: 1000 });
    expect(c.acceptDocument(meta({}))).toBe(true);
    expect(c.accept(meta({}))).toBe(false);
    expect(c.accept(meta({ amount: 1000 }))).toBe(true);
    expect(c.minAmount).toBe(1000);
    expect(c.byDocument).toBe(true);
    expect(compileFilters({ minAmount: 5 }).byDocument).toBe(false);
  });

  it('explains a bad filter value', () => {
    expect(() => docTypeOf('hợp đồng mua bán')).toThrow(FilterError);
    expect(() => dateBound('05/2024', false, '--from')).toThrow(/--from 05\/2024/);
    expect(docTypeOf('KH')).toBe('ke_hoach');
  });
});

describe('snippets', () => {
  it('mark the query words, matched without diacritics, as runs', () => {
    expect(snippet('Tỉnh Hà Tĩnh tiếp nhận, đào tạo cán bộ y tế của tỉnh bạn.', 'dao tao can bo')).toBe(
      'Tỉnh Hà Tĩnh tiếp nhận, «đào tạo cán bộ» y tế của tỉnh bạn.',
    );
  });
  it('cut a long text around the best window', () => {
    const text = `${'Mở đầu văn bản dài. '.repeat(30)}Hỗ trợ học bổng cho sinh viên Lào. ${'Kết thúc. '.repeat(30)}`;
    const s = snippet(text, 'học bổng sinh viên', 80);
    expect(s.startsWith('…')).toBe(true);
    expect(s).toContain('«học bổng»');
    expect(s.length).toBeLessThan(110);
  });
});

describe('retrieval metrics', () => {
  const judged = [
    { doc: 'a.txt', path: 'II/1', grade: 2 as const },
    { doc: 'b.txt', path: null, grade: 1 as const },
  ];
  it('credit each judgment once, an exact item before a whole document', () => {
    const grades = creditedGrades(
      [{ doc: 'a.txt', unit: 'II/1' }, { doc: 'a.txt', unit: 'II/1' }, { doc: 'b.txt', unit: '¶2' }, { doc: 'b.txt', unit: '¶3' }],
      judged,
    );
    expect(grades).toEqual([2, 0, 1, 0]);
  });
  it.each([
    [[{ doc: 'a.txt', unit: 'II/1' }, { doc: 'b.txt', unit: '¶1' }], 1, 1, 1],
    [[{ doc: 'c.txt', unit: '1' }, { doc: 'a.txt', unit: 'II/1' }], (3 / Math.log2(3)) / (3 + 1 / Math.log2(3)), 0.5, 0.5],
    [[], 0, 0, 0],
  ])('score a ranking: %j', (results, ndcg, mrr, recall) => {
    const s = scoreQuery(results, judged);
    expect(s.ndcg10).toBeCloseTo(ndcg, 6);
    expect(s.mrr).toBeCloseTo(mrr, 6);
    expect(s.recall10).toBeCloseTo(recall, 6);
  });
  it('type a query without diacritics as users do', () => {
    expect(withoutDiacritics('Đào tạo cán bộ cho Lào')).toBe('dao tao can bo cho lao');
  });
});

describe('commitment alignment', () => {
  it('pairs each commitment at most once, best pairs first, none below the threshold', () => {
    const sim = [
      [0.9, 0.5, 0.1],
      [0.8, 0.2, 0.1],
      [0.1, 0.1, 0.25],
    ];
    expect(alignGreedy(sim, 0.3)).toEqual([[0, 0, 0.9]]);
    expect(alignGreedy([[0.9, 0.85], [0.88, 0.1]], 0.3)).toEqual([[0, 0, 0.9]]);
    expect(alignGreedy([[0.4, 0.1], [0.1, 0.5]], 0.3)).toEqual([[0, 0, 0.4], [1, 1, 0.5]]);
  });
});

describe('the Chroma pid file', () => {
  it.each([
    ['empty (cut short)', ''],
    ['damaged', '{"pid": 12'],
    ['without a pid', '{"port": 8000}'],
  ])('when %s, is removed rather than left to block every later start', (_, content) => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'hoptac-pid-'));
    writeFileSync(path.join(ws, 'chroma.pid'), content);
    expect(readPidFile(ws)).toBeNull();
    expect(existsSync(path.join(ws, 'chroma.pid'))).toBe(false);
    rmSync(ws, { recursive: true, force: true });
  });

  it('is read back when whole', () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'hoptac-pid-'));
    writeFileSync(path.join(ws, 'chroma.pid'), JSON.stringify({ pid: 123, port: 8000, path: ws }));
    expect(readPidFile(ws)).toMatchObject({ pid: 123, port: 8000 });
    rmSync(ws, { recursive: true, force: true });
  });
});
