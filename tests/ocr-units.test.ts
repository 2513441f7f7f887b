// Fast tests of the OCR building blocks (no OCR engine): error rates, TSV parsing, page text
// assembly and boxes, embedded-image extraction, page measurements, post-correction, the
// text-layer quality gate.

import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { editDistance, rate, scoreOcr } from '../pipeline/ocr/metrics.js';
import { parseTsv, type OcrWord } from '../pipeline/ocr/engine.js';
import { assemblePage, boxOf } from '../pipeline/ocr/assemble.js';
import { embeddedPageImage, pngFromIdat } from '../pipeline/pdf/images.js';
import { measurePage, preparePage, decodeGray } from '../pipeline/ocr/image.js';
import { correctWords } from '../pipeline/ocr/correct.js';
import { numeralValue, repairSectionNumerals } from '../pipeline/ocr/sections.js';
import { usableTextLayer } from '../pipeline/pdf/read.js';
import { sniffKind } from '../pipeline/stages/read.js';
import { drawPage, pageJpeg, PLAN_PAGE, predictedRows } from './helpers/pages.js';

const word = (text: string, line = 1, x = 0): OcrWord => ({ text, confidence: 0.9, bbox: [x, line * 50, 40, 30], block: 1, paragraph: 1, line });

describe('OCR error rates', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['tháng', 'thắng', 1],
    ['same', 'same', 0],
  ])('edit distance of %s and %s is %i', (a, b, d) => {
    expect(editDistance(Int32Array.from(a, (c) => c.codePointAt(0)!), Int32Array.from(b, (c) => c.codePointAt(0)!))).toBe(d);
  });

  it('ignores layout: line breaks, form feeds and runs of spaces count as one space', () => {
    const s = scoreOcr('Số: 12/KH-UBND\n\nKon Tum', 'Số: 12/KH-UBND \f Kon   Tum');
    expect(s.chars.errors).toBe(0);
  });

  it('counts a lost tone mark in CER but not in the diacritic-insensitive CER', () => {
    const s = scoreOcr('tỉnh Kon Tum', 'tính Kon Tum');
    expect(s.chars.errors).toBe(1);
    expect(s.charsFolded.errors).toBe(0);
    expect(rate(s.words)).toBeCloseTo(1 / 3);
  });
});

describe('tesseract TSV and page text', () => {
  const tsv = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t',
    '5\t1\t1\t1\t1\t1\t300\t200\t80\t40\t96.5\tSố:',
    '5\t1\t1\t1\t1\t2\t400\t200\t200\t40\t91.0\t125/KH-UBND',
    '5\t1\t1\t1\t2\t1\t300\t260\t120\t40\t88.0\tKon',
    '5\t1\t2\t1\t1\t1\t300\t400\t120\t40\t70.0\tKẾ',
  ].join('\n');

  it('reads words with boxes, confidences and reading order', () => {
    const words = parseTsv(tsv);
    expect(words.map((w) => w.text)).toEqual(['Số:', '125/KH-UBND', 'Kon', 'KẾ']);
    expect(words[1]).toMatchObject({ bbox: [400, 200, 200, 40], confidence: 0.91, block: 1, line: 1 });
  });

  it('joins words by spaces, lines by line breaks and blocks by a blank line, keeping each word span', () => {
    const page = assemblePage(parseTsv(tsv));
    expect(page.text).toBe('Số: 125/KH-UBND\nKon\n\nKẾ');
    const n = page.words[1]!;
    expect(page.text.slice(n.start, n.end)).toBe('125/KH-UBND');
  });

  it('sets the parts of a side-by-side header at their column on the page, so they line up', () => {
    // Two lines whose left parts are set in letters of different widths, each with a right part at x = 1300.
    const w = (text: string, x: number, line: number, width = 40 * text.length): OcrWord => ({ text, confidence: 0.9, bbox: [x, line * 60, width, 40], block: 1, paragraph: 1, line });
    const page = assemblePage([w('UBND', 300, 1), w('TỈNH', 480, 1), w('CỘNG', 1300, 1), w('HÒA', 1480, 1), w('SỞ', 300, 2, 120), w('GIÁO', 440, 2, 240), w('DỤC', 700, 2, 180), w('ĐÀO', 900, 2, 180), w('Độc', 1300, 2), w('lập', 1440, 2)]);
    const [a, b] = page.text.split('\n');
    expect(a!.indexOf('CỘNG')).toBe(b!.indexOf('Độc'));
    expect(a!.indexOf('CỘNG')).toBeGreaterThan(a!.indexOf('TỈNH') + 8);
  });

  it('maps boxes back to page pixels and unites the boxes of a span', () => {
    const page = assemblePage(parseTsv(tsv), 2);
    expect(page.words[0]!.bbox).toEqual([150, 100, 40, 20]);
    expect(boxOf(page.words, 0, 15)).toEqual([150, 100, 150, 20]);
    expect(boxOf(page.words, 100, 120)).toBeUndefined();
  });
});

describe('post-correction', () => {
  it.each([
    [['ngày', '10', 'thắng', '10', 'năm', '2O22'], ['ngày', '10', 'tháng', '10', 'năm', '2022']],
    [['Số:', 'l25/KH-UBND'], ['Số:', '125/KH-UBND']],
    [['25/O8/2022'], ['25/08/2022']],
    [['Il.', 'NỘI', 'DUNG'], ['II.', 'NỘI', 'DUNG']],
    [['II', 'NỘI', 'DUNG'], ['II.', 'NỘI', 'DUNG']],
    [['V', 'là', 'chữ'], ['V', 'là', 'chữ']],
    [['Xây', 'Sôm', 'Bun', 'Oanh'], ['Xây', 'Sôm', 'Bun', 'Oanh']],
    [['thắng', 'lợi'], ['thắng', 'lợi']],
    [['SỞ', 'Y', 'TẾ', 'TÍNH', 'KON', 'TUM'], ['SỞ', 'Y', 'TẾ', 'TỈNH', 'KON', 'TUM']],
    [['chuyến', 'giao', 'kỹ', 'thuật'], ['chuyển', 'giao', 'kỹ', 'thuật']],
    [['tính', 'toán', 'chi', 'phí'], ['tính', 'toán', 'chi', 'phí']],
    [['-', 'Lưu:', 'VỊ', 'NVY.'], ['-', 'Lưu:', 'VT,', 'NVY.']],
    [['-', 'Lưu:', 'VIL,', 'TCHC.'], ['-', 'Lưu:', 'VT,', 'TCHC.']],
    [['-', 'Lưu:', 'VI.'], ['-', 'Lưu:', 'VT.']],
    [['-', 'Lưu:', 'VT.'], ['-', 'Lưu:', 'VT.']],
    [['Phụ', 'lục', 'VI'], ['Phụ', 'lục', 'VI']],
    [['Sở', 'V', 'tế', 'tỉnh'], ['Sở', 'Y', 'tế', 'tỉnh']],
    [['SỞ', 'V', 'TẾ'], ['SỞ', 'Y', 'TẾ']],
    [['cán', 'bộ', 'ngành', 'v', 'tế'], ['cán', 'bộ', 'ngành', 'y', 'tế']],
    [['tại', 'Chương', 'V', 'của', 'Luật'], ['tại', 'Chương', 'V', 'của', 'Luật']],
    [['Mục', 'V', 'Phụ', 'lục'], ['Mục', 'V', 'Phụ', 'lục']],
    [['tạo', 'lập', 'dữ', 'liệu', 'dùng', 'chung'], ['tạo', 'lập', 'dữ', 'liệu', 'dùng', 'chung']],
    [['Thành', 'Phõ', 'Hồ', 'Chí', 'Minh'], ['Thành', 'Phó', 'Hồ', 'Chí', 'Minh']],
  ])('%j → %j', (input, expected) => {
    expect(correctWords(input.map((t) => word(t))).map((w) => w.text)).toEqual(expected);
  });
});

describe('section numerals repaired from their count', () => {
  const doc = (...headings: string[]) => headings.map((h) => `${h}. NỘI DUNG PHẦN\nvăn bản của phần.`).join('\n');
  const numerals = (text: string) => [...text.matchAll(/^([IVX]+)\./gm)].map((m) => m[1]);

  it.each([
    [['I', 'I', 'II', 'IV'], ['I', 'II', 'III', 'IV']],
    [['I', 'II', 'II'], ['I', 'II', 'III']],
    [['I', 'I', 'III'], ['I', 'II', 'III']],
    [['I', 'II', 'III', 'I', 'II'], ['I', 'II', 'III', 'I', 'II']],
    [['I', 'II', 'IV'], ['I', 'II', 'IV']],
    [['I', 'V', 'VI'], ['I', 'V', 'VI']],
    [['I', 'II', 'III', 'IV', 'V', 'V', 'VII'], ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']],
    [['I', 'IH', 'III'], ['I', 'II', 'III']],
    [['I', 'II', 'H', 'IV'], ['I', 'II', 'III', 'IV']],
    [['I', 'IH'], ['I', 'II']],
  ])('headings %j are read as %j', (read, expected) => {
    const page = { text: doc(...read), from: 'ocr' as const };
    repairSectionNumerals([page]);
    expect(numerals(page.text)).toEqual(expected);
  });

  it('never changes a text-layer page, but counts its headings', () => {
    const layer = { text: doc('I', 'I', 'II'), from: 'text-layer' as const };
    const scanned = { text: doc('II', 'IV'), from: 'ocr' as const };
    expect(repairSectionNumerals([layer, scanned])).toBe(1);
    expect(numerals(layer.text)).toEqual(['I', 'I', 'II']);
    expect(numerals(scanned.text)).toEqual(['III', 'IV']);
  });

  it('ignores a numeral that does not start a heading in capitals', () => {
    const page = { text: 'I. MỤC ĐÍCH\nI. điểm này viết thường\nII. NỘI DUNG', from: 'ocr' as const };
    expect(repairSectionNumerals([page])).toBe(0);
  });

  it('moves the word boxes after a corrected numeral with the text', () => {
    const text = 'I. MỤC ĐÍCH YÊU CẦU\nI. NỘI DUNG HỢP TÁC\nIII. KINH PHÍ';
    const at = text.indexOf('I. NỘI');
    const words = [
      { start: at, end: at + 2, bbox: [0, 0, 1, 1] as [number, number, number, number], confidence: 1 },
      { start: at + 3, end: at + 6, bbox: [0, 0, 1, 1] as [number, number, number, number], confidence: 1 },
    ];
    const page = { text, from: 'ocr' as const, words };
    expect(repairSectionNumerals([page])).toBe(1);
    expect(page.text.slice(words[0]!.start, words[0]!.end)).toBe('II.');
    expect(page.text.slice(words[1]!.start, words[1]!.end)).toBe('NỘI');
  });

  it.each([['I', 1], ['IV', 4], ['IX', 9], ['XIV', 14], ['IIII', NaN], ['VX', NaN]])('roman %s is %d', (s, v) => {
    expect(numeralValue(s)).toBe(v);
  });
});

describe('PDF page images', () => {
  it('takes a JPEG scan image out of the PDF as it is stored, with its resolution', async () => {
    const jpeg = await pageJpeg(['Kon Tum']);
    const pdf = await PDFDocument.create();
    const img = await pdf.embedJpg(jpeg);
    pdf.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const doc = await PDFDocument.load(await pdf.save());
    const got = embeddedPageImage(doc, doc.getPage(0));
    expect(got?.origin).toBe('embedded-jpeg');
    expect(got?.dpi).toBe(300);
    expect(Buffer.compare(got!.bytes, jpeg)).toBe(0);
  });

  it('re-wraps PNG-predicted Flate rows as a PNG file that decodes to the same pixels', async () => {
    const pixels = Uint8Array.from({ length: 64 * 8 }, (_, i) => (i * 37) % 256);
    const png = pngFromIdat(64, 8, 1, predictedRows(64, 8, pixels));
    const { data, info } = await sharp(png).grayscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 8]);
    expect(Buffer.compare(data, Buffer.from(pixels))).toBe(0);
  });

  it('renders instead when the page has text or drawing of its own', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('hello');
    const doc = await PDFDocument.load(await pdf.save());
    expect(embeddedPageImage(doc, doc.getPage(0))).toBeNull();
  });
});

describe('page measurements', () => {
  const page = drawPage(PLAN_PAGE);

  it('finds no skew, no border and some ink on a straight clean page', () => {
    const m = measurePage(page.gray, page.width, page.height, 300);
    expect(Math.abs(m.skew)).toBeLessThan(0.2);
    expect(m.quarterTurns).toBe(0);
    expect(m.borders).toEqual([0, 0, 0, 0]);
    expect(m.ink).toBeGreaterThan(0.001);
  });

  // Angles on and between the coarse search's half-degree steps.
  it.each([1.5, -2, 0.35, -1.15, 3.7])('measures a page turned by %f° to a tenth of a degree and levels it', async (angle) => {
    const turned = await sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } }).rotate(angle, { background: '#fff' }).png().toBuffer();
    const prepared = await preparePage({ bytes: turned, dpi: 300, origin: 'test' });
    expect(Math.abs(prepared.measures.skew - angle)).toBeLessThanOrEqual(0.1);
    expect(prepared.steps.some((s) => s.startsWith('deskew'))).toBe(true);
  });

  it('sees a page on its side', async () => {
    const side = await sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } }).rotate(90).png().toBuffer();
    const prepared = await preparePage({ bytes: side, dpi: 300, origin: 'test' });
    expect(prepared.measures.quarterTurns).toBe(1);
    expect(prepared.width).toBeLessThan(prepared.height);
  });

  it('flattens a shadowed half-page and leaves an evenly lit page alone', async () => {
    const shadowed = Buffer.from(page.gray);
    for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width / 2; x++) shadowed[y * page.width + x] = Math.round(shadowed[y * page.width + x]! * 0.45);
    const png = await sharp(shadowed, { raw: { width: page.width, height: page.height, channels: 1 } }).png().toBuffer();
    const prepared = await preparePage({ bytes: png, dpi: 300, origin: 'test' });
    expect(prepared.steps.some((s) => s.startsWith('flatten light'))).toBe(true);
    const even = await preparePage({ bytes: await pageJpeg(PLAN_PAGE), dpi: 300, origin: 'test' });
    expect(even.steps.filter((s) => s.startsWith('flatten') || s.startsWith('median'))).toEqual([]);
  });

  it('refuses an image over the pixel limit before decoding it', async () => {
    const big = await sharp({ create: { width: 4000, height: 4000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await expect(decodeGray({ bytes: big, origin: 'test' }, 1_000_000)).rejects.toThrow(/pixel limit/);
  });
});

describe('what the bytes are', () => {
  it.each([
    [Buffer.from('%PDF-1.7\n'), 'pdf'],
    [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'png'],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    [Buffer.from([0x49, 0x49, 0x2a, 0x00]), 'tiff'],
    [Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'webp'],
    [Buffer.from('KẾ HOẠCH số 12'), 'text'],
  ])('sniffs %s as %s', (bytes, kind) => {
    expect(sniffKind(bytes)).toBe(kind);
  });

  it.each([
    ['Sở Y tế tỉnh Kon Tum thống nhất một số nội dung hợp tác và phát triển', true],
    ['', false],
    ['Së Y tÕ tØnh Kon Tum thèng nhÊt mét sè néi dung hîp t¸c vµ ph¸t triÓn', false],
  ])('judges the text layer %j usable: %s', (text, ok) => {
    expect(usableTextLayer(text).ok).toBe(ok);
  });
});
