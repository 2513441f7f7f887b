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
  private origin: number[] = [];
  private length = 0;

  /** Copies source[start, end) unchanged. */
  copy(source: string, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(source.slice(start, end));
    for (let i = start; i < end; i++) this.origin.push(i);
    this.length += end - start;
  }

  /** Emits `text` in place of source[start, end): every new character points at `start`
   * (or, for a same-length replacement, at its counterpart). */
  replace(text: string, start: number, end: number): void {
    this.parts.push(text);
    const sameLength = text.length === end - start;
    for (let i = 0; i < text.length; i++) this.origin.push(sameLength ? start + i : Math.min(start + i, Math.max(start, end - 1)));
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  /** The last emitted character, or '' */
  lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i]!;
      if (p.length) return p[p.length - 1]!;
    }
    return '';
  }

  finish(sourceLength: number): { text: string; origin: Origin } {
    const o = new Int32Array(this.origin.length + 1);
    o.set(this.origin);
    o[this.origin.length] = sourceLength;
    return { text: this.parts.join(''), origin: o };
  }
}
