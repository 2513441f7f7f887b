// Lines of a text with their offsets.

export interface TextLine {
  /** Offset of the first character. */
  start: number;
  /** Offset of the newline (or the end of the text). */
  end: number;
  text: string;
}

export function splitLines(s: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl < 0 ? s.length : nl;
    lines.push({ start, end, text: s.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}
