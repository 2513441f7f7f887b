// Page image preparation for OCR, decided per page by measuring it: resolution, orientation,
// skew, uneven light, specks and dark scanner borders. Moderate scans are left gray (binarizing
// them ourselves turns hỏi into sắc); only what a measurement calls for is done.

import sharp, { type Sharp } from 'sharp';

/** A page image as it arrives: encoded bytes (JPEG, PNG, TIFF…) or raw pixels. */
export interface PageImage {
  bytes: Buffer;
  raw?: { width: number; height: number; channels: 1 | 3 | 4 };
  /** Pixels per inch when known (from the PDF page size or the image's metadata). */
  dpi?: number;
  /** Where the image came from, for diagnostics. */
  origin: string;
  /** Page of a multi-page image file (TIFF), 0-based. */
  subPage?: number;
}

export interface PageMeasures {
  width: number;
  height: number;
  dpi: number;
  /** Quarter turns clockwise that make the page upright (0–3). */
  quarterTurns: number;
  /** Skew in degrees (positive: text rises to the right). */
  skew: number;
  /** Spread of the paper's brightness across the page (0–255); large when light is uneven. */
  lightSpread: number;
  /** Isolated dark specks per million pixels. */
  specks: number;
  /** Width in pixels of dark scanner borders at each edge [top, right, bottom, left]. */
  borders: [number, number, number, number];
  /** Share of dark pixels: near 0 for a blank page or a photo without text lines. */
  ink: number;
}

export interface PreparedPage {
  /** 8-bit gray pixels, row-major. */
  gray: Buffer;
  width: number;
  height: number;
  /** Prepared pixels per original pixel. */
  scale: number;
  measures: PageMeasures;
  /** The steps applied, in order, for the record's diagnostics. */
  steps: string[];
}

export interface PrepareOptions {
  /** Resolution text is brought to (tesseract's LSTM models read 300 dpi text best). */
  targetDpi?: number;
  /** Largest image accepted, in pixels (decompression bombs are refused before decoding). */
  maxPixels?: number;
  /** Pages above this resolution are reduced to it before OCR (0: never; default DEFAULT_OCR_DPI). */
  maxDpi?: number;
  /** Force or forbid steps (for measurement): e.g. { denoise: false }. */
  steps?: Partial<Record<'resize' | 'orient' | 'deskew' | 'flatten' | 'denoise' | 'crop', boolean>>;
}

export const MAX_PAGE_PIXELS = 120_000_000; // ≈ A3 at 1200 dpi; a 30000×30000 image is 900 M

export class ImageError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
    this.name = 'ImageError';
  }
}

/** Decodes a page image to 8-bit gray. */
export async function decodeGray(img: PageImage, maxPixels = MAX_PAGE_PIXELS, maxDpi = 0): Promise<{ gray: Buffer; width: number; height: number; dpi: number; scale: number; sourceDpi: number }> {
  let s: Sharp;
  try {
    s = img.raw
      ? sharp(img.bytes, { raw: img.raw, limitInputPixels: maxPixels })
      : sharp(img.bytes, { limitInputPixels: maxPixels, page: img.subPage ?? 0, failOn: 'truncated' });
    let dpi = img.dpi;
    let w0 = img.raw?.width ?? 0;
    let h0 = img.raw?.height ?? 0;
    if (!img.raw) {
      const meta = await s.metadata();
      if (meta.width * meta.height > maxPixels) throw new ImageError(`image is ${meta.width}×${meta.height} pixels, over the ${Math.round(maxPixels / 1e6)} million pixel limit`, 'scan it at a lower resolution (300 dpi is enough)');
      if (!dpi && meta.density && meta.density >= 100 && meta.density <= 1200) dpi = meta.density;
      if (meta.autoOrient && (meta.orientation ?? 1) > 1) s = s.autoOrient();
      w0 = meta.autoOrient?.width ?? meta.width;
      h0 = meta.autoOrient?.height ?? meta.height;
    }
    // Without a stated resolution, take the page as A4 portrait (8.27 in across the short side).
    const sourceDpi = dpi ?? Math.round(Math.min(w0, h0) / 8.27);
    // A page finer than needed is reduced while it is decoded: everything after works on fewer pixels.
    // lanczos3, though a linear filter is a quarter cheaper (105 vs 139 ms a 300 dpi page) and
    // reads as well character by character (scan corpus CER 0.30% both): with it the table cells
    // came out worse and scan field F1 fell from 96.8 to 96.1.
    let scale = 1;
    if (maxDpi && sourceDpi > maxDpi * 1.05) {
      scale = maxDpi / sourceDpi;
      s = s.resize(Math.round(w0 * scale), Math.round(h0 * scale), { kernel: 'lanczos3' });
    }
    const { data, info } = await s.grayscale().raw().toBuffer({ resolveWithObject: true });
    return { gray: data, width: info.width, height: info.height, dpi: Math.round(sourceDpi * scale), scale, sourceDpi };
  } catch (err) {
    if (err instanceof ImageError) throw err;
    const msg = (err as Error).message;
    if (/pixel limit/i.test(msg)) throw new ImageError('image is larger than the pixel limit (possible decompression bomb)', 'scan it at a lower resolution (300 dpi is enough)');
    throw new ImageError(`image cannot be decoded (${msg.split('\n')[0]})`, 'check that the file is complete; re-export or re-scan it');
  }
}

// ---------------------------------------------------------------- measurements

/** Otsu threshold of a gray histogram. */
function otsu(hist: Float64Array | Uint32Array, total: number): number {
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Paper brightness on a coarse grid (the 90th percentile of each block): the page's light. */
function backgroundGrid(gray: Buffer, width: number, height: number, block: number): { grid: Float32Array; gw: number; gh: number } {
  const gw = Math.ceil(width / block);
  const gh = Math.ceil(height / block);
  const grid = new Float32Array(gw * gh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < gh; by++) {
    for (let bx = 0; bx < gw; bx++) {
      hist.fill(0);
      const x0 = bx * block;
      const y0 = by * block;
      const x1 = Math.min(width, x0 + block);
      const y1 = Math.min(height, y0 + block);
      let n = 0;
      for (let y = y0; y < y1; y += 2) {
        const row = y * width;
        for (let x = x0; x < x1; x += 2) {
          hist[gray[row + x]!]!++;
          n++;
        }
      }
      let acc = 0;
      let v = 255;
      const want = n * 0.9;
      for (let i = 0; i < 256; i++) {
        acc += hist[i]!;
        if (acc >= want) {
          v = i;
          break;
        }
      }
      grid[by * gw + bx] = v;
    }
  }
  return { grid, gw, gh };
}

/** Measures a gray page. */
export function measurePage(gray: Buffer, width: number, height: number, dpi: number): PageMeasures {
  const n = width * height;
  const hist = new Uint32Array(256);
  for (let i = 0; i < n; i += 3) hist[gray[i]!]!++;
  const t = otsu(hist, Math.ceil(n / 3));
  // Light: spread of the paper brightness across blocks of ~1/3 inch.
  const { grid } = backgroundGrid(gray, width, height, Math.max(32, Math.round(dpi / 3)));
  const sorted = Float32Array.from(grid).sort();
  const lightSpread = sorted[Math.floor(sorted.length * 0.95)]! - sorted[Math.floor(sorted.length * 0.05)]!;
  // Ink and specks: a dark pixel with no dark 8-neighbour is a speck (text strokes are ≥2 px wide at ≥150 dpi).
  const dark = Math.min(t, 160);
  let ink = 0;
  let specks = 0;
  for (let y = 1; y < height - 1; y += 2) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      if (gray[i]! >= dark) continue;
      ink++;
      const neighbours =
        +(gray[i - 1]! < dark) + +(gray[i + 1]! < dark) + +(gray[i - width]! < dark) + +(gray[i + width]! < dark) +
        +(gray[i - width - 1]! < dark) + +(gray[i - width + 1]! < dark) + +(gray[i + width - 1]! < dark) + +(gray[i + width + 1]! < dark);
      if (neighbours === 0) specks++;
    }
  }
  const sampled = Math.max(1, ((height - 2) >> 1) * (width - 2));
  const borders = measureBorders(gray, width, height);
  const { quarterTurns, skew } = measureOrientation(gray, width, height, dark, borders);
  return { width, height, dpi, quarterTurns, skew, lightSpread, specks: (specks / sampled) * 1e6, borders, ink: ink / sampled };
}

/** Dark scanner borders: runs of rows/columns from each edge whose mean is very dark. */
function measureBorders(gray: Buffer, width: number, height: number): [number, number, number, number] {
  const rowMean = (y: number) => {
    let s = 0;
    for (let x = 0; x < width; x += 4) s += gray[y * width + x]!;
    return s / Math.ceil(width / 4);
  };
  const colMean = (x: number) => {
    let s = 0;
    for (let y = 0; y < height; y += 4) s += gray[y * width + x]!;
    return s / Math.ceil(height / 4);
  };
  const run = (count: number, mean: (i: number) => number, fromEnd: boolean) => {
    let k = 0;
    const limit = Math.floor(count * 0.15);
    while (k < limit && mean(fromEnd ? count - 1 - k : k) < 100) k++;
    return k;
  };
  return [run(height, rowMean, false), run(width, colMean, true), run(height, rowMean, true), run(width, colMean, false)];
}

/**
 * Orientation and skew from projection profiles of dark pixels on a reduced page: text lines
 * give sharp row profiles when the page is upright (or upside down) and flat ones when it is
 * on its side; the angle with the sharpest profile is the skew.
 */
function measureOrientation(gray: Buffer, width: number, height: number, dark: number, borders: [number, number, number, number]): { quarterTurns: number; skew: number } {
  const step = Math.max(1, Math.round(Math.max(width, height) / 1400));
  const [bt, br, bb, bl] = borders;
  // Dark points of the reduced page, as two typed arrays (grown as needed).
  const grown = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  let xs = new Int32Array(1 << 16);
  let ys = new Int32Array(1 << 16);
  let n = 0;
  for (let y = bt + step; y < height - bb - step; y += step) {
    const row = y * width;
    for (let x = bl + step; x < width - br - step; x += step) {
      if (gray[row + x]! >= dark) continue;
      if (n === xs.length) {
        xs = grown(xs);
        ys = grown(ys);
      }
      xs[n] = x;
      ys[n] = y;
      n++;
    }
  }
  if (n < 100) return { quarterTurns: 0, skew: 0 };
  // Long enough for a profile either way: bins across the page plus the offset of its slope.
  const bins = new Float64Array(Math.ceil(width / step) + Math.ceil(height / step) + 2);
  /** Sum of squared differences of the profile along lines at angleDeg (across the page, or down it). */
  const sharpness = (angleDeg: number, vertical: boolean) => {
    const tan = Math.tan((angleDeg * Math.PI) / 180);
    const along = vertical ? ys : xs;
    const across = vertical ? xs : ys;
    const off = Math.ceil((vertical ? height : width) / step);
    bins.fill(0);
    const inv = 1 / step;
    for (let i = 0; i < n; i++) {
      const b = Math.round((across[i]! - along[i]! * tan) * inv) + off;
      if (b >= 0 && b < bins.length) bins[b]!++;
    }
    let s = 0;
    for (let i = 1; i < bins.length; i++) {
      const d = bins[i]! - bins[i - 1]!;
      s += d * d;
    }
    return s;
  };
  // Coarse to fine: the profile's sharpness falls off steeply either side of the true angle.
  let bestAngle = 0;
  let bestH = sharpness(0, false);
  for (let a = -5; a <= 5.0001; a += 0.5) {
    const s = a === 0 ? bestH : sharpness(a, false);
    if (s > bestH) {
      bestH = s;
      bestAngle = a;
    }
  }
  for (const d of [0.25, 0.1, 0.05]) {
    const centre = bestAngle;
    for (const a of [centre - d, centre + d]) {
      const s = sharpness(a, false);
      if (s > bestH) {
        bestH = s;
        bestAngle = a;
      }
    }
  }
  let bestV = 0;
  for (let a = -5; a <= 5.0001; a += 1) bestV = Math.max(bestV, sharpness(a, true));
  const sideways = bestV > bestH * 1.5;
  // Upright and upside down (or 90° and 270°) give the same profiles; the OCR stage tells them
  // apart by reading the page both ways when the first reading is poor.
  const quarterTurns = sideways ? 1 : 0;
  // Skew of a sideways page is measured again after it is turned.
  return { quarterTurns, skew: sideways ? 0 : Math.round(bestAngle * 100) / 100 };
}

// ---------------------------------------------------------------- preparation

/** Divides each pixel by the paper brightness around it: a shadowed half-page becomes white paper again. */
function flattenLight(gray: Buffer, width: number, height: number, dpi: number): void {
  const block = Math.max(32, Math.round(dpi / 4));
  const { grid, gw, gh } = backgroundGrid(gray, width, height, block);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(gh - 1, Math.max(0, (y - block / 2) / block));
    const y0 = Math.floor(gy);
    const y1 = Math.min(gh - 1, y0 + 1);
    const fy = gy - y0;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(gw - 1, Math.max(0, (x - block / 2) / block));
      const x0 = Math.floor(gx);
      const x1 = Math.min(gw - 1, x0 + 1);
      const fx = gx - x0;
      const bg =
        (grid[y0 * gw + x0]! * (1 - fx) + grid[y0 * gw + x1]! * fx) * (1 - fy) +
        (grid[y1 * gw + x0]! * (1 - fx) + grid[y1 * gw + x1]! * fx) * fy;
      const v = bg > 8 ? (gray[row + x]! * 255) / bg : 255;
      gray[row + x] = v > 255 ? 255 : v;
    }
  }
}

/**
 * Pages scanned finer than this are reduced to it before OCR. Measured on the seed scans
 * (13 pt text): CER 0.20% at 300 dpi, 0.17% at 225, 0.16% at 200, 0.20% at 170 — and OCR
 * time falls with the pixels. Administrative documents are set in 13–14 pt (Nghị định 30).
 */
export const DEFAULT_OCR_DPI = 200;

export const THRESHOLDS = {
  /** Paper brightness spread above which light is flattened. */
  lightSpread: 24,
  /** Specks per million pixels above which a median filter runs. */
  specks: 150,
  /** Below this resolution text is enlarged to the target (measured: enlarging 200 dpi scans to 300 raised CER 2.5% → 3.6%). */
  lowDpi: 150,
};

/** Measures a page and prepares it for OCR. */
export async function preparePage(img: PageImage, options: PrepareOptions = {}): Promise<PreparedPage> {
  const target = options.targetDpi ?? 300;
  const want = (k: keyof NonNullable<PrepareOptions['steps']>, measured: boolean) => options.steps?.[k] ?? measured;
  const dec = await decodeGray(img, options.maxPixels, options.maxDpi ?? DEFAULT_OCR_DPI);
  let { gray, width, height } = dec;
  const measures = measurePage(gray, width, height, dec.dpi);
  const steps: string[] = dec.scale !== 1 ? [`resize ${dec.sourceDpi}→${dec.dpi} dpi`] : [];
  let scale = dec.scale;
  // Each step is run and materialized on its own: sharp orders the operations of one pipeline
  // itself (rotate before extract, one rotation only), and the order matters here.
  const apply = async (f: (s: Sharp) => Sharp) => {
    ({ gray, width, height } = await materialize(f(sharp(gray, { raw: { width, height, channels: 1 } }))));
  };

  const [bt, br, bb, bl] = measures.borders;
  if (want('crop', bt + br + bb + bl > 0)) {
    const w = width - bl - br;
    const h = height - bt - bb;
    if (w > width / 2 && h > height / 2) {
      await apply((s) => s.extract({ left: bl, top: bt, width: w, height: h }));
      steps.push(`crop ${bt},${br},${bb},${bl}`);
    }
  }
  if (measures.quarterTurns !== 0 && want('orient', true)) {
    await apply((s) => s.rotate(measures.quarterTurns * 90));
    steps.push(`rotate ${measures.quarterTurns * 90}°`);
    if (measures.quarterTurns % 2 === 1) measures.skew = measurePage(gray, width, height, dec.dpi).skew;
  }
  if (want('flatten', measures.lightSpread > THRESHOLDS.lightSpread)) {
    flattenLight(gray, width, height, dec.dpi);
    steps.push(`flatten light (spread ${Math.round(measures.lightSpread)})`);
  }
  if (want('denoise', measures.specks > THRESHOLDS.specks)) {
    await apply((s) => s.median(3));
    steps.push(`median 3 (${Math.round(measures.specks)} specks/Mpx)`);
  }
  if (want('deskew', Math.abs(measures.skew) >= 0.2) && measures.skew !== 0) {
    // The measured angle is clockwise; turning back by it brings lines level. New corners are paper white.
    await apply((s) => s.rotate(-measures.skew, { background: { r: 255, g: 255, b: 255 } }));
    steps.push(`deskew ${measures.skew}°`);
  }
  if (want('resize', dec.dpi < THRESHOLDS.lowDpi)) {
    const k = target / dec.dpi;
    scale *= k;
    await apply((s) => s.resize(Math.round(width * k), Math.round(height * k), { kernel: 'cubic' }));
    steps.push(`resize ${dec.dpi}→${target} dpi`);
  }
  return { gray, width, height, scale, measures, steps };
}

async function materialize(s: Sharp): Promise<{ gray: Buffer; width: number; height: number }> {
  const { data, info } = await s.grayscale().raw().toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

/** A binary PGM (P5) of 8-bit gray pixels: the cheapest image tesseract.js accepts. */
export function toPgm(gray: Buffer, width: number, height: number): Buffer {
  const head = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([head, gray.subarray(0, width * height)]);
}
