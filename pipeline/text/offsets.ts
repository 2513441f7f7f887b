// Offset maps: every transformation of the text (decoding, NFC, line repair, OCR fixes)
// records where each output character came from, so a span found in the final text can be
// traced back to the raw input (and, with OCR, to a word box).

/** For each index of a derived text (and one past its end), the index in the text it came from. */
export type Origin = Int32Array;

export function identityOrigin(length: number): Origin {
  const o = new Int32Array(length + 1);
  for (let i = 0; i <= length; i++) o[i] = i;
  return o;
}

/** origin of C in A, given origin of B in A (`outer`) and of C in B (`inner`). */
export function composeOrigins(outer: Origin, inner: Origin): Origin {
  const o = new Int32Array(inner.length);
  for (let i = 0; i < inner.length; i++) o[i] = outer[inner[i]!]!;
  return o;
}

/** Maps a span [start, end) of the derived text to the span of the source it came from. */
export function mapSpan(origin: Origin, start: number, end: number): [number, number] {
  const s = origin[Math.max(0, Math.min(start, origin.length - 1))]!;
  const e = end > start ? origin[Math.min(end - 1, origin.length - 1)]! + 1 : s;
  return [s, Math.max(s, e)];
}

/** Builds a text piece by piece, remembering where each piece came from in a source string. */
export class TextBuilder {
  private parts: string[] = [];
  // Runs of output: [outLength, srcStart, srcEnd, mode] where mode 0 = copied (1:1),
  // 1 = replaced (every character points into [srcStart, srcEnd)).
  private runs: number[] = [];
  private length = 0;

  /** Copies source[start, end) unchanged. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(source.slice(start, end));
    this.runs.push(end - start, start, end, 0);
    this.length += end - start;
  }

  /** Emits `text` in place of source[start, end): a same-length replacement maps 1:1, any
   * other maps every new character to the start of the replaced range (clamped inside it). */
  replace(text: string, start: number, end: number): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.runs.push(text.length, start, end, text.length === end - start ? 0 : 1);
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  finish(sourceLength: number): { text: string; origin: Origin } {
    const o = new Int32Array(this.length + 1);
    let k = 0;
    for (let r = 0; r < this.runs.length; r += 4) {
      const len = this.runs[r]!;
      const start = this.runs[r + 1]!;
      const end = this.runs[r + 2]!;
      if (this.runs[r + 3] === 0) for (let i = 0; i < len; i++) o[k++] = start + i;
      else for (let i = 0; i < len; i++) o[k++] = Math.min(start + i, Math.max(start, end - 1));
    }
    o[this.length] = sourceLength;
    return { text: this.parts.join(''), origin: o };
  }
}
