// The one scan image of a PDF page, taken out of the file as it is stored (what `pdfimages`
// does): a JPEG (DCTDecode) stream is already a JPEG file; a Flate stream with PNG predictors is
// the IDAT of a PNG, re-wrapped with its header; a plain Flate stream is raw pixels. Anything
// else (JBIG2, CCITT, JPX, 1-bit or indexed images, pages with text or vector drawing) returns
// null and the page is rasterized instead.

import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { PageImage } from '../ocr/image.js';

function num(dict: PDFDict, key: string): number | undefined {
  const v = dict.lookup(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

function name(dict: PDFDict, key: string): string | undefined {
  const v = dict.lookup(PDFName.of(key));
  if (v instanceof PDFName) return v.asString().replace(/^\//, "");
  if (v instanceof PDFArray && v.size() === 1) {
    const first = v.lookup(0);
    return first instanceof PDFName ? first.asString().replace(/^\//, "") : undefined;
  }
  return undefined;
}

/** Image XObjects named in the page's resources. */
function pageImages(doc: PDFDocument, page: PDFPage): PDFRawStream[] {
  const resources = page.node.Resources();
  const xobjects = resources?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return [];
  const out: PDFRawStream[] = [];
  for (const [, ref] of xobjects.entries()) {
    const obj = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(obj instanceof PDFRawStream)) return [];
    const subtype = name(obj.dict, 'Subtype');
    if (subtype !== 'Image') return []; // a form XObject: drawn content, rasterize
    out.push(obj);
  }
  return out;
}

function hasFonts(page: PDFPage): boolean {
  const fonts = page.node.Resources()?.lookup(PDFName.of('Font'));
  return fonts instanceof PDFDict && fonts.entries().length > 0;
}

/** Returns the page's single scan image, or null when the page must be rendered. */
export function embeddedPageImage(doc: PDFDocument, page: PDFPage): PageImage | null {
  if (hasFonts(page)) return null;
  const images = pageImages(doc, page);
  if (images.length !== 1) return null;
  const img = images[0]!;
  const d = img.dict;
  const width = num(d, 'Width');
  const height = num(d, 'Height');
  const bpc = num(d, 'BitsPerComponent');
  const cs = name(d, 'ColorSpace');
  if (!width || !height || bpc !== 8 || d.has(PDFName.of('SMask')) || d.has(PDFName.of('Decode')) || d.has(PDFName.of('ImageMask'))) return null;
  const channels = cs === 'DeviceGray' ? 1 : cs === 'DeviceRGB' ? 3 : 0;
  const filter = name(d, 'Filter');
  const { width: pw, height: ph } = page.getSize();
  // Pixels per inch of the page as printed; a scan page image spans the whole page.
  const dpi = Math.round((Math.max(width, height) / Math.max(pw, ph)) * 72);
  if (filter === 'DCTDecode') {
    // JPEG decoders read gray, RGB and CMYK JPEGs by themselves; Adobe CMYK JPEGs are often inverted: render those.
    if (cs === 'DeviceCMYK') return null;
    return { bytes: Buffer.from(img.contents), dpi, origin: 'embedded-jpeg' };
  }
  if (filter === 'FlateDecode' && channels > 0) {
    const parms = d.lookup(PDFName.of('DecodeParms'));
    const predictor = parms instanceof PDFDict ? num(parms, 'Predictor') ?? 1 : 1;
    if (predictor >= 10) {
      const colors = parms instanceof PDFDict ? num(parms, 'Colors') ?? 1 : 1;
      const columns = parms instanceof PDFDict ? num(parms, 'Columns') ?? width : width;
      if (colors !== channels || columns !== width) return null;
      return { bytes: pngFromIdat(width, height, channels, img.contents), dpi, origin: 'embedded-png' };
    }
    if (predictor !== 1) return null; // TIFF predictor 2: rare; let the renderer do it
    const raw = inflateSync(img.contents);
    if (raw.length < width * height * channels) return null;
    return { bytes: raw, raw: { width, height, channels: channels as 1 | 3 }, dpi, origin: 'embedded-raw' };
  }
  return null;
}

// --- a minimal PNG container around an existing zlib stream of predicted scanlines ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = CRC_TABLE[(c ^ p[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([head.subarray(4), data]), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file whose IDAT is the given zlib stream (PNG-predicted 8-bit gray or RGB rows). */
export function pngFromIdat(width: number, height: number, channels: 1 | 3 | number, idat: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 1 ? 0 : 2; // gray or truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
