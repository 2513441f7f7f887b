// Test documents made on the fly: a page of text drawn with DejaVu Serif (full Vietnamese
// glyphs, from an npm package), as a scan-like image PDF, an image file or a text-layer PDF.

import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
export const FONT = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf');
GlobalFonts.registerFromPath(FONT, 'TestSerif');

const W = 2480;
const H = 3508;

/** 8-bit gray pixels of an A4 page at 300 dpi with the lines drawn at 13 pt. */
export function drawPage(lines: string[], options: { rotate180?: boolean } = {}): { gray: Buffer; width: number; height: number } {
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#000';
  ctx.font = '54px TestSerif';
  if (options.rotate180) {
    ctx.translate(W, H);
    ctx.rotate(Math.PI);
  }
  lines.forEach((l, i) => ctx.fillText(l, 300, 300 + i * 80));
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const gray = Buffer.alloc(W * H);
  for (let i = 0, j = 0; j < gray.length; i += 4, j++) gray[j] = rgba[i]!;
  return { gray, width: W, height: H };
}

export async function pageJpeg(lines: string[], options: { rotate180?: boolean } = {}): Promise<Buffer> {
  const p = drawPage(lines, options);
  return sharp(p.gray, { raw: { width: p.width, height: p.height, channels: 1 } }).jpeg({ quality: 85 }).toBuffer();
}

/** A PDF whose pages are each one JPEG scan image, as scanners and img2pdf make them. */
export async function scanPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const lines of pages) {
    const img = await pdf.embedJpg(await pageJpeg(lines));
    pdf.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return pdf.save();
}

/** A PDF with a real text layer in an embedded Unicode font. */
export async function textPdf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(readFileSync(FONT), { subset: true });
  for (const lines of pages) {
    const page = pdf.addPage([595.28, 841.89]);
    lines.forEach((l, i) => page.drawText(l, { x: 72, y: 770 - i * 18, size: 12, font }));
  }
  return pdf.save();
}

export const PLAN_PAGE = [
  'ỦY BAN NHÂN DÂN TỈNH KON TUM',
  'Số: 125/KH-UBND',
  'Kon Tum, ngày 15 tháng 3 năm 2024',
  'KẾ HOẠCH',
  'Triển khai hợp tác với tỉnh Xê Kông (Lào) năm 2024',
  'I. MỤC ĐÍCH, YÊU CẦU',
  '1. Đào tạo 20 cán bộ y tế cho tỉnh Xê Kông.',
  '2. Hỗ trợ trang thiết bị cho bệnh viện tỉnh.',
  'Kinh phí thực hiện: 1.200.000.000 đồng.',
];

/** A zlib stream of PNG "None"-filtered rows, as img2pdf stores a gray PNG in a PDF. */
export function predictedRows(width: number, height: number, pixels: Uint8Array): Buffer {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0;
    rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return deflateSync(rows);
}
