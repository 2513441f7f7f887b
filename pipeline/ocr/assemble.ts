// From OCR words to page text: words joined by spaces, lines by line breaks, blocks and
// paragraphs by a blank line — with each word's character span kept, so that a span of the
// record's text finds its boxes on the page.

import type { OcrWord } from './engine.js';

export interface PlacedWord {
  start: number;
  end: number;
  /** [x, y, width, height] in page pixels. */
  bbox: [number, number, number, number];
  confidence: number;
}

export interface PageText {
  text: string;
  words: PlacedWord[];
}

/** Width of one character of a word, in pixels. */
function charWidth(w: OcrWord): number {
  return w.bbox[2] / Math.max(1, [...w.text].length);
}

/**
 * Orders words as tesseract numbered them and writes the page text. `scale` maps prepared
 * pixels back to page pixels. Layout that the extractors read is kept as spaces, the way a
 * typed document keeps it: a wide gap inside a line (signature blocks or a header side by
 * side) becomes a run of spaces up to the next part's column on the page (so that columns
 * line up from line to line), and a line that starts far to the right (a centred motto, a
 * place–date line) is indented.
 */
export function assemblePage(words: OcrWord[], scale = 1): PageText {
  let text = '';
  const placed: PlacedWord[] = [];
  let prev: OcrWord | undefined;
  let left = Infinity;
  const widths: number[] = [];
  for (const w of words) {
    left = Math.min(left, w.bbox[0]);
    if (w.text.length >= 3) widths.push(charWidth(w));
  }
  widths.sort((a, b) => a - b);
  const cw = widths.length ? widths[widths.length >> 1]! : 20;
  const indent = (w: OcrWord) => {
    const cols = Math.round((w.bbox[0] - left) / cw);
    return cols >= 12 ? ' '.repeat(cols) : '';
  };
  let lineStart = 0;
  for (const w of words) {
    if (prev) {
      if (w.block !== prev.block || w.paragraph !== prev.paragraph) {
        text += '\n\n';
        lineStart = text.length;
        text += indent(w);
      } else if (w.line !== prev.line) {
        text += '\n';
        lineStart = text.length;
        text += indent(w);
      } else {
        const gap = w.bbox[0] - (prev.bbox[0] + prev.bbox[2]);
        // A part after a wide gap starts at its column on the page, so that the parts of a
        // header or signature block set side by side line up from one line to the next.
        const column = Math.round((w.bbox[0] - left) / cw);
        text += gap > 3 * cw ? ' '.repeat(Math.max(4, column - (text.length - lineStart))) : ' ';
      }
    } else text += indent(w);
    const start = text.length;
    text += w.text;
    const [x, y, bw, bh] = w.bbox;
    placed.push({
      start,
      end: text.length,
      bbox: [Math.round(x / scale), Math.round(y / scale), Math.round(bw / scale), Math.round(bh / scale)],
      confidence: w.confidence,
    });
    prev = w;
  }
  return { text, words: placed };
}

/** Union of the boxes of the words overlapping [start, end) of one page's text. */
export function boxOf(words: PlacedWord[], start: number, end: number): [number, number, number, number] | undefined {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  // Words are in text order: binary search the first that ends after start.
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < words.length && words[i]!.start < end; i++) {
    const [x, y, w, h] = words[i]!.bbox;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return x0 === Infinity ? undefined : [x0, y0, x1 - x0, y1 - y0];
}
