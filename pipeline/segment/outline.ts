// The body as a tree of sections: I. / 1. / 1.1. / a) / - / Điều n, plus unnumbered
// capitalised headings in documents that have no roman sections.

import { labelRank, outlineLabelAt, type Label, type LabelKind } from './labels.js';
import type { Unit } from './units.js';

export interface Section {
  kind: LabelKind | 'heading';
  /** "II", "1", "1.2", "a", "Điều 3", "-", or the heading text for an unnumbered heading. */
  label: string;
  path: number[];
  /** Index of the unit that opens the section. */
  unit: number;
  /** Document offsets: the label, the heading line (label excluded) and the whole section. */
  labelStart: number;
  labelEnd: number;
  headingStart: number;
  headingEnd: number;
  start: number;
  end: number;
  rank: number;
  children: Section[];
}

const HEADING_MAX = 140;

/** Builds the outline of units[from, to). `bodyEnd` closes the last sections. */
export function buildOutline(units: Unit[], from: number, to: number, bodyEnd: number, tableUnits: Set<number>, skipEnglish = false): Section[] {
  const roots: Section[] = [];
  const stack: Section[] = [];
  let hasRoman = false;
  const labels = new Map<number, Label>();
  for (let i = from; i < to; i++) {
    const u = units[i]!;
    if (tableUnits.has(i) || u.cell > 0 || (skipEnglish && u.lang === 'en')) continue;
    const l = outlineLabelAt(u.text);
    if (l) {
      labels.set(i, l);
      if (l.kind === 'roman') hasRoman = true;
    }
  }
  for (let i = from; i < to; i++) {
    const u = units[i]!;
    const l = labels.get(i);
    let node: Section | null = null;
    if (l) {
      node = {
        kind: l.kind,
        label: l.value,
        path: l.path,
        unit: i,
        labelStart: u.start + l.start,
        labelEnd: u.start + l.end,
        headingStart: u.start + l.bodyStart,
        headingEnd: u.end,
        start: u.start + l.start,
        end: bodyEnd,
        rank: labelRank(l),
        children: [],
      };
    } else if (!hasRoman && isUnnumberedHeading(u) && !(skipEnglish && u.lang === 'en')) {
      node = {
        kind: 'heading',
        label: u.text,
        path: [],
        unit: i,
        labelStart: u.start,
        labelEnd: u.start,
        headingStart: u.start,
        headingEnd: u.end,
        start: u.start,
        end: bodyEnd,
        rank: 4,
        children: [],
      };
    }
    if (!node) continue;
    while (stack.length && stack[stack.length - 1]!.rank >= node.rank) {
      const closed = stack.pop()!;
      closed.end = node.start;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  for (const s of stack) s.end = Math.min(s.end, bodyEnd);
  return roots;
}

function isUnnumberedHeading(u: Unit): boolean {
  return u.upper && u.text.length <= HEADING_MAX && !/[.;,]$/.test(u.text) && /\p{L}{2}/u.test(u.text) && u.text.split(/\s+/).length >= 2;
}

/** Depth-first walk. */
export function* walk(sections: Section[]): Generator<Section> {
  for (const s of sections) {
    yield s;
    yield* walk(s.children);
  }
}
