// Bad scans and PDFs for the tests that feed them to the CLI: each is a file a real archive
// holds now and then, and each must give one clear failure (or, for the photo, a record that
// says it holds no text) while the rest of the batch goes on.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { pngFromIdat } from '../../pipeline/pdf/images.js';

/** Writes truncated.pdf, encrypted.pdf, no-pages.pdf, bomb.png, empty.png and photo.jpg into `dir`, from a good PDF's bytes. */
export async function writeBadScans(dir: string, good: Uint8Array): Promise<void> {
  writeFileSync(path.join(dir, 'truncated.pdf'), good.subarray(0, Math.floor(good.length / 3)));
  const enc = await PDFDocument.create();
  enc.addPage();
  enc.context.trailerInfo.Encrypt = enc.context.register(enc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFHexString.of('00'.repeat(32)), U: PDFHexString.of('11'.repeat(32)), P: -4 }));
  enc.context.trailerInfo.ID = enc.context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
  writeFileSync(path.join(dir, 'encrypted.pdf'), await enc.save({ useObjectStreams: false }));
  writeFileSync(path.join(dir, 'no-pages.pdf'), await (await PDFDocument.create()).save({ addDefaultPage: false }));
  // A PNG whose header claims 30000 × 30000 pixels (900 million): a decompression bomb.
  writeFileSync(path.join(dir, 'bomb.png'), pngFromIdat(30000, 30000, 1, deflateSync(Buffer.alloc(30001))));
  writeFileSync(path.join(dir, 'empty.png'), '');
  // A "photo": soft shapes and gradients, no text.
  const c = createCanvas(1600, 1200);
  const ctx = c.getContext('2d');
  const g = ctx.createLinearGradient(0, 0, 1600, 1200);
  g.addColorStop(0, '#3a6ea5');
  g.addColorStop(1, '#f4d35e');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 1600, 1200);
  ctx.fillStyle = '#2d6a4f';
  ctx.beginPath();
  ctx.ellipse(800, 900, 700, 250, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(1300, 250, 120, 0, Math.PI * 2);
  ctx.fill();
  writeFileSync(path.join(dir, 'photo.jpg'), await c.encode('jpeg', 85));
}
