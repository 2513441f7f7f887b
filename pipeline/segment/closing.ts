// The end of an administrative document: signature blocks (KT./TM./TL./Q. lines, position,
// name, sometimes the organ on whose behalf) and the Nơi nhận list. Both may sit side by side
// (two columns flattened into cells) or one after the other.

import { AUTHORITY_RE, isPosition, organStartAt, POSITIONS } from '../text/lexicon.js';
import type { Unit } from './units.js';
import { foldKeepOffsets } from '../text/vietnamese.js';

export interface SignatureBlock {
  authority: Unit[];
  organization: Unit[];
  position: Unit | null;
  name: Unit;
  /** Academic or courtesy prefix printed before the name ("PGS.TS."), if any, as offsets. */
  nameStart: number;
  nameEnd: number;
}

export interface Closing {
  /** Index of the first unit of the closing zone (end of the body). */
  start: number;
  signatures: SignatureBlock[];
  recipients: Unit[];
  noiNhan: Unit | null; // the "Nơi nhận:" line
}

const SIGN_NOTE = /^[([]?\s*(?:đã ký|da ky|ký tên|ký,|ký và|ky ten|signed|sign|chữ ký|đóng dấu|seal|sealed|ký, ghi rõ|ký, đóng dấu|\(?ký\)?)/i;
export const NAME_PREFIX = /^(?:(?:GS|PGS|TS|ThS|BS|BSCKII|BSCKI|BS\.CKII|BS\.CKI|CKII|CKI|DS|KS|CN|NCS|TTND|TTUT|NGND|NGƯT|Dr\.?\s*C\.(?=\s)|Dr|Prof|Assoc|Mr|Mrs|Ms|Ông|Bà|H\.E)\.?\s*[.,]?\s*)+/u;
// Words that never occur in a person's name here (names such as Quốc, Trung, Việt, Nam, Thành,
// Tâm, Hòa are common Vietnamese given names, so they are not listed).
const NOT_NAME_WORDS =
  /^(?:sở|bộ|ủy|uỷ|ban|tỉnh|phố|giám|đốc|chủ|tịch|phó|tế|cộng|xã|hội|độc|lập|nơi|nhận|lưu|diện|bên|bệnh|viện|kt|tm|tl|the|for|of|ministry|university|minister|director|president|rector|and|on|behalf|phòng|chính|quyền|cục|vụ|người|ký|đã|kế|hoạch|điều|đào|tạo|hợp|tác|thỏa|thoả|thuận|government|hospital|province|department|mặt|thay|governor|chairman|vice|deputy|dean|của|và|với|tại|ngày|tháng|năm|số|lào|campuchia|nhân|dân|trường|đại|học|ubnd|huyện|quận|trung tâm)$/iu;

/** Strips courtesy/academic prefixes and sign notes; returns the name span inside the unit or null. */
export function personName(u: Unit): { start: number; end: number; name: string } | null {
  let text = u.text;
  let offset = 0;
  const pre = NAME_PREFIX.exec(text);
  if (pre && pre[0].length < text.length) {
    offset = pre[0].length;
    text = text.slice(offset);
  }
  text = text.replace(/\s*[([]?\s*(?:đã ký|signed|ký)\s*[)\]]?\s*$/i, '');
  const trimmed = text.replace(/[.,;:]+$/, '').trimEnd();
  if (!looksLikeName(trimmed) || isPosition(foldKeepOffsets(trimmed))) return null;
  return { start: u.start + offset, end: u.start + offset + trimmed.length, name: trimmed };
}

export function looksLikeName(s: string): boolean {
  if (s.length < 4 || s.length > 60) return false;
  if (/[0-9:;/@()"“”]/.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length < 2 || words.length > 7) return false;
  let upperWords = 0;
  for (const w of words) {
    if (!/^\p{Lu}/u.test(w)) {
      // Foreign names may carry particles: "de", "da", "van".
      if (!/^(?:de|da|del|van|von|la|bin|binti)$/.test(w)) return false;
      continue;
    }
    if (!/^[\p{L}\p{M}'’.-]+$/u.test(w)) return false;
    if (NOT_NAME_WORDS.test(w)) return false;
    if (w === w.toUpperCase() && w.replace(/\./g, '').length > 1) upperWords++;
  }
  const initials = words.filter((w) => /^\p{Lu}\.$/u.test(w)).length;
  // Either Title Case or ALL CAPS consistently (initials such as "C." aside).
  return upperWords === 0 || upperWords === words.length - initials;
}

function isAuthority(u: Unit): boolean {
  return AUTHORITY_RE.test(u.text) || /^(?:ĐẠI DIỆN|THAY MẶT|FOR THE|ON BEHALF OF|FOR AND ON BEHALF|BÊN [AB]\b)/u.test(u.text);
}

function isSignatureLine(u: Unit): boolean {
  if (isAuthority(u)) return true;
  if (SIGN_NOTE.test(u.text)) return true;
  if (u.upper && u.text.length <= 90 && !/[.;]$/.test(u.text)) return true;
  if (personName(u)) return true;
  if (isPosition(u.fold) && u.text.length <= 60) return true;
  return false;
}

const NOI_NHAN = /^(?:nơi nhận|noi nhan)\s*:?/i;

/**
 * Finds the closing zone by walking back from `end` while units look like signature lines,
 * Nơi nhận entries or sign notes. `from` bounds the walk (start of the body).
 */
export function findClosing(units: Unit[], from: number, end: number): Closing {
  let start = end;
  let noiNhanIdx = -1;
  for (let i = end - 1; i >= from; i--) {
    const u = units[i]!;
    if (NOI_NHAN.test(u.text)) {
      noiNhanIdx = i;
      start = i;
      continue;
    }
    if (isRecipientLine(u) || isSignatureLine(u) || (u.cells > 1 && lineIsClosing(units, i))) {
      start = i;
      continue;
    }
    // File names and page furniture after the signature ("TTr_NC_05.2018", "Trang 3/3").
    if (start === i + 1 && end - i <= 3 && isTrailingNoise(u)) {
      start = i;
      continue;
    }
    // Flattened two-column closings put "Nơi nhận:" into a cell of a line with signature text.
    break;
  }
  // The last body sentence may share its line with nothing else; keep the zone starting at a line start.
  while (start > from && start < end && !units[start]!.virtual && units[start - 1]!.line === units[start]!.line) start--;
  const zone = units.slice(start, end);
  const recipients: Unit[] = [];
  let noiNhan: Unit | null = null;
  const signatureUnits: Unit[] = [];
  const noiNhanCol = noiNhanIdx >= 0 ? units[noiNhanIdx]!.col : -1;
  const noiNhanLine = noiNhanIdx >= 0 ? units[noiNhanIdx]!.line : -1;
  let inRecipients = false;
  for (const u of zone) {
    if (NOI_NHAN.test(u.text)) {
      noiNhan = u;
      inRecipients = true;
      const after = u.text.replace(NOI_NHAN, '').trim();
      if (after) recipients.push(u);
      continue;
    }
    const leftColumn = noiNhanCol >= 0 && u.cells > 1 && u.col <= noiNhanCol + 4 && u.line >= noiNhanLine;
    if (inRecipients && (isRecipientLine(u) || leftColumn) && !isAuthority(u)) {
      recipients.push(u);
      continue;
    }
    if (inRecipients && u.cells === 1 && !isSignatureLine(u)) {
      recipients.push(u);
      continue;
    }
    if (u.cells === 1 && !isRecipientLine(u)) inRecipients = inRecipients && !isSignatureLine(u);
    signatureUnits.push(u);
  }
  return { start, signatures: signatureBlocks(signatureUnits), recipients, noiNhan };
}

function isTrailingNoise(u: Unit): boolean {
  return (
    (!/\s/.test(u.text) && /[_.\d]/.test(u.text)) ||
    /\.(?:docx?|pdf|odt)$/i.test(u.text) ||
    /^trang\s+\d/i.test(u.text) ||
    // A file name whose underscores OCR read as spaces: "TTr NC Binh 05.2018".
    (u.text.length <= 40 && u.text.split(/\s+/).length <= 5 && /\d+[._]\d{2,4}[^\s\p{L}]*$/u.test(u.text) && !/^[-–+•*]/.test(u.text))
  );
}

function lineIsClosing(units: Unit[], i: number): boolean {
  const line = units[i]!.line;
  return units.filter((u) => u.line === line).some((u) => isSignatureLine(u) || isRecipientLine(u) || NOI_NHAN.test(u.text));
}

function isRecipientLine(u: Unit): boolean {
  return /^[-–+•*]\s*\S/.test(u.text) && u.text.length < 160 || /^lưu\s*:?\s*(?:vt|văn thư)/i.test(u.text);
}

/** Groups signature-zone units into blocks, column by column; a name closes a block. */
export function signatureBlocks(zone: Unit[]): SignatureBlock[] {
  const columns = splitColumns(zone);
  const blocks: Array<SignatureBlock & { order: number }> = [];
  for (const col of columns) {
    let pending: Unit[] = [];
    for (const u of col) {
      if (SIGN_NOTE.test(u.text) && !personName(u)) continue;
      const name = !u.upper || pending.length > 0 ? personName(u) : null;
      const namedAfterPosition = name && pending.some((p) => isPosition(p.fold) || isAuthority(p));
      if (name && (namedAfterPosition || pending.length > 0)) {
        blocks.push({ ...blockOf(pending, u, name), order: u.line * 10 + columns.indexOf(col) });
        pending = [];
        continue;
      }
      pending.push(u);
    }
  }
  blocks.sort((a, b) => a.order - b.order || a.name.start - b.name.start);
  return blocks.map(({ order: _order, ...b }) => b);
}

function blockOf(lines: Unit[], nameUnit: Unit, name: { start: number; end: number }): SignatureBlock {
  const authority: Unit[] = [];
  const organization: Unit[] = [];
  let position: Unit | null = null;
  // Only the lines just above the name belong to it: stop at a previous block's leftovers.
  for (const u of lines) {
    if (AUTHORITY_RE.test(u.text)) authority.push(u);
    // "BỘ TRƯỞNG BỘ Y TẾ …" opens with a position even though "bộ" also opens organ names.
    else if (isPosition(u.fold) && (!organStartAt(u.text) || startsWithPosition(u.fold))) position = u;
    else if (/^(?:ĐẠI DIỆN|THAY MẶT|FOR THE|ON BEHALF OF|FOR AND ON BEHALF|BÊN [AB]\b)/u.test(u.text) || u.upper) organization.push(u);
  }
  return { authority, organization, position, name: nameUnit, nameStart: name.start, nameEnd: name.end };
}

function startsWithPosition(folded: string): boolean {
  const f = folded.replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return POSITIONS.some((p) => f === p || f.startsWith(`${p} `));
}

/**
 * The organ a block signs for, as printed: its organ lines without "ĐẠI DIỆN", "BÊN A /
 * FOR PARTY A" and the like, or the organ after a position ("BỘ TRƯỞNG BỘ Y TẾ"), or the organ
 * of a "TM." line. Null when the block names none.
 */
export function blockOrganization(b: SignatureBlock): { raw: string; units: Unit[] } | null {
  const parts: string[] = [];
  const units: Unit[] = [];
  const fromPosition = b.position ? positionOrgan(b.position.text) : null;
  if (fromPosition) {
    parts.push(fromPosition);
    units.push(b.position!);
  }
  for (const u of b.organization) {
    const t = u.text
      .replace(/^(?:ĐẠI DIỆN|THAY MẶT|FOR THE|ON BEHALF OF|FOR AND ON BEHALF OF)\s+/u, '')
      .replace(/\s*\/\s*(?:FOR|ON BEHALF OF)\b.*$/iu, '')
      .replace(/^BÊN\s+[AB]\b\s*[:-]?\s*/u, '')
      .trim();
    if (t.length > 1) {
      parts.push(t);
      units.push(u);
    }
  }
  if (parts.length === 0) {
    const tm = b.authority.find((u) => /^(?:TM|T\/M)\.?\s+/u.test(u.text));
    if (!tm) return null;
    return { raw: tm.text.replace(/^(?:TM|T\/M)\.?\s+/u, ''), units: [tm] };
  }
  return { raw: parts.join(' '), units };
}

/** "BỘ TRƯỞNG BỘ Y TẾ" → "BỘ Y TẾ": the organ printed after a position, if any. */
export function positionOrgan(line: string): string | null {
  const words = line.trim().split(/\s+/);
  for (let k = Math.min(5, words.length - 1); k >= 1; k--) {
    const head = foldKeepOffsets(words.slice(0, k).join(' ')).replace(/[^a-z ]/g, '').trim();
    const rest = words.slice(k).join(' ');
    if (POSITIONS.includes(head) && organStartAt(rest)) return rest;
  }
  return null;
}

/** Side-by-side blocks come as cells of the same lines: split them into columns by position. */
function splitColumns(zone: Unit[]): Unit[][] {
  const multi = zone.filter((u) => u.cells > 1);
  if (multi.length === 0) return [zone];
  const cols = [...new Set(multi.map((u) => u.col))].sort((a, b) => a - b);
  // Boundary: the middle of the widest gap between column starts, when it is wide enough to part
  // two columns. Starts a few characters apart are one column set unevenly (as OCR gives it back).
  let gap = 0;
  let boundary = Infinity;
  for (let k = 1; k < cols.length; k++) {
    if (cols[k]! - cols[k - 1]! > gap) {
      gap = cols[k]! - cols[k - 1]!;
      boundary = (cols[k]! + cols[k - 1]!) / 2;
    }
  }
  if (gap < 8) return [zone];
  const left: Unit[] = [];
  const right: Unit[] = [];
  for (const u of zone) (u.col > boundary && u.col > 8 ? right : left).push(u);
  return right.length ? [left, right] : [left];
}
