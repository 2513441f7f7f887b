// End-to-end: `hoptac extract` on scanned and text-layer PDFs and images made on the fly, with
// real OCR (tesseract.js, Vietnamese model from npm) on a few pages, and bad inputs in a batch.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/corpus.js';
import { pageJpeg, scanPdf, textPdf, PLAN_PAGE } from './helpers/pages.js';
import { writeBadScans } from './helpers/bad-inputs.js';
import { nativeTesseractAvailable } from '../pipeline/ocr/native.js';
import { RecordSchema, type DocumentRecord } from '../schemas/record.js';

const BIN = path.join(ROOT, 'bin', 'hoptac.js');
function hoptac(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const read = (file: string): DocumentRecord => RecordSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hoptac-ocr-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hoptac extract on scans and PDFs', () => {
  let result: ReturnType<typeof hoptac>;
  const out = () => path.join(dir, 'out');
  beforeAll(async () => {
    writeFileSync(path.join(dir, 'scan.pdf'), await scanPdf([PLAN_PAGE]));
    writeFileSync(path.join(dir, 'digital.pdf'), await textPdf([PLAN_PAGE]));
    // Page 1 with a text layer, page 2 a scan.
    const mixed = await PDFDocument.create();
    const a = await PDFDocument.load(await textPdf([PLAN_PAGE]));
    const b = await PDFDocument.load(await scanPdf([['2. Hỗ trợ trang thiết bị cho bệnh viện tỉnh.', 'Nơi nhận:', '- Như trên;']]));
    mixed.addPage((await mixed.copyPages(a, [0]))[0]!);
    mixed.addPage((await mixed.copyPages(b, [0]))[0]!);
    writeFileSync(path.join(dir, 'mixed.pdf'), await mixed.save());
    // A page photographed upside down, as a PNG named .jpg (content decides, not the name).
    writeFileSync(path.join(dir, 'upside-down.jpg'), await sharp(await pageJpeg(PLAN_PAGE, { rotate180: true })).png().toBuffer());
    result = hoptac(['extract', dir, '--out', out(), '--text']);
  }, 300_000);

  it('writes a record for each and exits 0', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('OCRs a scanned PDF into the record, with page boxes and a page confidence', () => {
    const r = read(path.join(out(), 'scan.json'));
    expect(r.source).toMatchObject({ mediaType: 'application/pdf', pages: 1, textFrom: 'ocr' });
    expect(r.documentNumber?.value).toBe('125/KH-UBND');
    expect(r.issuedDate?.value).toBe('2024-03-15');
    expect(r.docType).toBe('ke_hoach');
    const box = r.documentNumber!.source![0]!.bbox!;
    // "Số: 125/KH-UBND" is drawn at x = 300 px, second line (baseline 380 px) of a 2480 × 3508 page.
    expect(box[0]).toBeGreaterThan(250);
    expect(box[1]).toBeGreaterThan(300);
    expect(box[1] + box[3]).toBeLessThan(420);
    expect(r.source.pageDetails?.[0]).toMatchObject({ page: 1, textFrom: 'ocr', engine: 'tesseract.js' });
    expect(r.source.pageDetails![0]!.confidence!).toBeGreaterThan(0.8);
    expect(readFileSync(path.join(out(), 'scan.txt'), 'utf8')).toContain('Đào tạo 20 cán bộ y tế cho tỉnh Xê Kông');
    expect(r.quotas.map((q) => q.quantity)).toContain(20);
    expect(r.budgets.map((b) => b.amount)).toContain(1_200_000_000);
  });

  it('reads a text-layer PDF from its text, exactly, without OCR', () => {
    const r = read(path.join(out(), 'digital.json'));
    expect(r.source.textFrom).toBe('text-layer');
    expect(r.source.pageDetails).toEqual([{ page: 1, textFrom: 'text-layer', confidence: null }]);
    expect(r.text).toContain('Triển khai hợp tác với tỉnh Xê Kông (Lào) năm 2024');
    expect(r.documentNumber?.source?.[0]?.bbox).toBeUndefined();
  });

  it('decides page by page in a mixed PDF', () => {
    const r = read(path.join(out(), 'mixed.json'));
    expect(r.source.textFrom).toBe('mixed');
    expect(r.source.pageDetails!.map((p) => p.textFrom)).toEqual(['text-layer', 'ocr']);
    expect(r.text.split('\f')[1]).toContain('Hỗ trợ trang thiết bị');
  });

  it('turns a page that was scanned upside down', () => {
    const r = read(path.join(out(), 'upside-down.json'));
    expect(r.source.mediaType).toBe('image/png');
    expect(r.source.pageDetails![0]!.preparation).toContain('rotate 180°');
    expect(r.documentNumber?.value).toBe('125/KH-UBND');
  });
});

describe('hoptac extract on bad scans and PDFs', () => {
  let result: ReturnType<typeof hoptac>;
  const bad = () => path.join(dir, 'bad');
  const out = () => path.join(dir, 'bad-out');
  beforeAll(async () => {
    const d = bad();
    spawnSync('mkdir', ['-p', d]);
    const good = await scanPdf([PLAN_PAGE]);
    writeFileSync(path.join(d, 'good.pdf'), good);
    await writeBadScans(d, good);
    result = hoptac(['extract', d, '--out', out()]);
  }, 300_000);

  it('goes on past every bad file and exits 2', () => {
    expect(result.code).toBe(2);
    expect(read(path.join(out(), 'good.json')).documentNumber?.value).toBe('125/KH-UBND');
  });

  it.each([
    ['truncated.pdf', /PDF is damaged or truncated/],
    ['encrypted.pdf', /PDF is encrypted/],
    ['no-pages.pdf', /PDF has no pages/],
    ['bomb.png', /larger than the pixel limit/],
    ['empty.png', /is empty \(0 bytes\)/],
  ])('reports %s on one line that names the file and what to do', (file, problem) => {
    const line = result.stderr.split('\n').find((l) => l.includes(file));
    expect(line).toMatch(problem);
    expect(line).toMatch(/^error: .* — /);
  });

  it('keeps a photo with no text as a record that says so, by page', () => {
    const r = read(path.join(out(), 'photo.json'));
    expect(r.messages.map((m) => m.ruleId)).toContain('ocr-no-text');
    expect(r.messages.find((m) => m.ruleId === 'ocr-no-text')!.message).toMatch(/^page 1: /);
  });
});

const native = nativeTesseractAvailable();
describe.skipIf(!native.ok)(`--ocr-engine tesseract (native; ${native.ok ? native.version : `skipped: ${native.reason}`})`, () => {
  it('reads a scanned PDF with the native engine', async () => {
    const file = path.join(dir, 'native.pdf');
    writeFileSync(file, await scanPdf([PLAN_PAGE]));
    const r = hoptac(['extract', file, '--out', path.join(dir, 'native-out'), '--ocr-engine', 'tesseract']);
    expect(r.code).toBe(0);
    const rec = read(path.join(dir, 'native-out', 'native.json'));
    expect(rec.documentNumber?.value).toBe('125/KH-UBND');
    expect(rec.source.pageDetails![0]!.engine).toBe('tesseract');
  }, 120_000);
});
