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
    if (l && outOfSequence(node, l, stack, roots, labels, i, to)) continue;
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
  trimLastItems(roots, units, labels);
  return roots;
}

/**
 * A numbered line out of its list's sequence is not the next item but text of the item before
 * it: the same number again or a smaller one (a table row read by OCR, "3 | 2025 …" after item
 * 5; a cited clause), or a jump past the next number when the next number follows ("4 …
 * COVID-19, … 5." in a text whose lines were lost). A list that starts again at 1 is a new list.
 */
function outOfSequence(node: Section, l: Label, stack: Section[], roots: Section[], labels: Map<number, Label>, at: number, to: number): boolean {
  if (l.kind !== 'arabic' && l.kind !== 'roman' && l.kind !== 'letter' && l.kind !== 'dieu') return false;
  let depth = stack.length;
  while (depth > 0 && stack[depth - 1]!.rank >= node.rank) depth--;
  const siblings = depth > 0 ? stack[depth - 1]!.children : roots;
  const prev = siblings[siblings.length - 1];
  const sameList = (path: number[]) => path.length === prev!.path.length && path.slice(0, -1).every((n, k) => n === prev!.path[k]);
  if (!prev || prev.kind !== node.kind || !node.path.length || !sameList(node.path)) return false;
  const n = node.path[node.path.length - 1]!;
  const before = prev.path[prev.path.length - 1]!;
  if (n === before || (n > 1 && n < before)) return true;
  if (n <= before + 1) return false;
  // A jump: an outlier when the next label of this list is the number that should have come.
  for (let j = at + 1; j < to; j++) {
    const next = labels.get(j);
    if (!next) continue;
    if (labelRank(next) < node.rank) return false;
    if (next.kind === node.kind && sameList(next.path)) return next.path[next.path.length - 1] === before + 1;
  }
  return false;
}

/**
 * The last item of a list runs to the end of its parent, so it would swallow the unnumbered
 * paragraphs that close the parent section ("4. Hợp tác … / Các nội dung hợp tác nhằm …").
 * An item whose line is a full sentence keeps only the lines that belong to it: its children,
 * dash or lettered points, and lines continuing it without a blank line. An item that is a
 * heading ("1. Mục đích") keeps its paragraphs.
 */
function trimLastItems(list: Section[], units: Unit[], labels: Map<number, Label>): void {
  const last = list[list.length - 1];
  for (const s of list) trimLastItems(s.children, units, labels);
  if (!last || last.kind === 'heading' || last.kind === 'roman' || last.kind === 'dieu') return;
  const first = units[last.unit]!;
  if (!/[.;!?…]["”)]*$/.test(first.text)) return;
  // Lines the earlier items also have ("Cơ quan chủ trì: …" under each) belong to the last one too.
  const shared = new Set<string>();
  for (const sib of list.slice(0, -1)) {
    for (let i = sib.unit + 1; i < units.length && units[i]!.start < sib.end; i++) shared.add(opening(units[i]!));
  }
  let end = first.end;
  for (let i = last.unit + 1; i < units.length && units[i]!.start < last.end; i++) {
    const u = units[i]!;
    const belongs =
      labels.has(i) || (!u.blankBefore && !u.upper) || shared.has(opening(u)) || last.children.some((c) => u.start >= c.start && u.start < c.end);
    if (!belongs) break;
    end = u.end;
  }
  last.end = end;
}

function opening(u: Unit): string {
  return u.fold.split(/\s+/).slice(0, 3).join(' ');
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
