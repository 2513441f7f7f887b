// Names of organs (cơ quan, tổ chức): splitting a header into organ names, writing out
// abbreviations, ordinary case for all-capitals names, and the territory an organ belongs to.

import { ORGAN_STARTERS, expandAbbreviations } from './lexicon.js';
import { foldKeepOffsets, isUpperText, ordinaryCase } from './vietnamese.js';

export interface OrganPiece {
  /** Printed text (may span several header lines, joined by single spaces). */
  raw: string;
  start: number;
  end: number;
  /** The starter word ("so", "uy ban nhan dan") in folded form, or '' when none. */
  starter: string;
  /** Joined to the next organ by a dash at the end of its line ("SỞ Y TẾ TP HCM –"). */
  joined: boolean;
}

/** Finds organ starters in folded text at word starts; returns [offset, starter] pairs. */
function starterPositions(folded: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let i = 0;
  while (i < folded.length) {
    if (i === 0 || /[\s(–-]/.test(folded[i - 1]!)) {
      const rest = folded.slice(i);
      const hit = ORGAN_STARTERS.find((s) => rest.startsWith(s) || (s.endsWith(' ') && rest === s.trimEnd()));
      if (hit) {
        out.push([i, hit.trim()]);
        i += hit.length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/**
 * Splits header lines into organ names. Each line is [text, start offset]; a line that does
 * not open with a starter continues the organ above it ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG").
 */
export function splitOrgans(lines: Array<{ text: string; start: number }>): OrganPiece[] {
  const pieces: OrganPiece[] = [];
  for (const line of lines) {
    const folded = foldKeepOffsets(line.text);
    const starts = starterPositions(folded);
    const cuts = starts.map(([o]) => o);
    if (cuts.length === 0 || cuts[0]! > 0) {
      // Continuation of the previous organ (or a name without starter).
      const endCut = cuts[0] ?? line.text.length;
      const part = line.text.slice(0, endCut).trim();
      const prev = pieces[pieces.length - 1];
      if (prev && !prev.joined) {
        prev.raw = `${prev.raw} ${part}`.trim();
        prev.end = line.start + endCut;
      } else if (part) {
        pieces.push({ raw: part, start: line.start, end: line.start + endCut, starter: '', joined: false });
      }
    }
    for (let k = 0; k < starts.length; k++) {
      const [o, starter] = starts[k]!;
      const e = k + 1 < starts.length ? starts[k + 1]![0] : line.text.length;
      const part = line.text.slice(o, e).trim();
      pieces.push({ raw: part, start: line.start + o, end: line.start + o + part.length, starter, joined: false });
    }
    const last = pieces[pieces.length - 1];
    if (last && /\s*[–-]\s*$/.test(last.raw)) {
      last.raw = last.raw.replace(/\s*[–-]\s*$/, '');
      last.joined = true;
    }
  }
  return pieces.filter((p) => p.raw.length > 1);
}

/** A printed organ name as a value: abbreviations written out, ordinary case, single spaces. */
export function organName(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').replace(/[,;:]+$/, '').trim();
  s = expandAbbreviations(s);
  if (isUpperText(s)) s = ordinaryCase(s);
  // "Sở Y tế TPHCM" style capital Y tế after Sở/Bộ is kept by ordinaryCase; fix "y Tế".
  return s.replace(/(?<!\p{L})Y Tế(?!\p{L})/gu, 'Y tế');
}

const TERRITORY = /(?:^|\s)((?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã)\s+.+)$/iu;

/** The territory named at the end of an organ name ("… tỉnh Bắc Giang" → "tỉnh Bắc Giang"), or null. */
export function territoryOf(name: string): string | null {
  const m = TERRITORY.exec(name);
  if (!m) return null;
  return m[1]!.replace(/\s*[–-].*$/, '').trim();
}

/** Organ kinds that sit under a people's committee and name their territory after them. */
export function isProvincialDepartment(starter: string): boolean {
  return ['so', 'ban', 'chi cuc', 'trung tam', 'van phong', 'benh vien', 'thanh tra'].includes(starter);
}

/** Parent organs: a people's committee, a ministry, a university, a province-level party body. */
export function isParentOrgan(starter: string): boolean {
  return ['uy ban nhan dan', 'ubnd', 'hoi dong nhan dan', 'hdnd', 'bo', 'dai hoc', 'tinh uy', 'thanh uy', 'tong cuc', 'chinh phu'].includes(starter);
}
