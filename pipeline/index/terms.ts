// Vietnamese retrieval terms: the one analysis shared by BM25, the hashed embeddings and the
// snippet highlighter, so that a query typed with or without diacritics, with new- or
// classic-style tone placement, or with another spelling of a partner's name, meets the
// document's words.
//
// Terms are strings of three kinds:
//   "dao"        a folded syllable (no diacritics, đ → d, lower case)
//   "dao tao"    a folded syllable bigram (the space marks it)
//   "@campuchia" a name (place or country) written any of its known ways
//   "~train"     a concept several Vietnamese phrasings share (đào tạo / bồi dưỡng / tập huấn)

import { fold, normalizeTonePlacement } from '../text/vietnamese.js';
import { COUNTRIES, FOREIGN_PLACES, VN_PROVINCES } from '../text/lexicon.js';

/** Syllables of a text, lower-case, NFC, classic tone placement (exact form). */
export function exactSyllables(text: string): string[] {
  const lower = normalizeTonePlacement(text.normalize('NFC')).toLowerCase();
  return lower.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Folded syllables ("Đào tạo" → ["dao", "tao"]). Numbers keep their digits: "1.200" → "1200". */
export function foldedSyllables(text: string): string[] {
  const f = fold(text.replace(/(\d)[.,](?=\d{3}\b)/g, '$1'));
  return f.match(/[a-z0-9]+/g) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Names and concepts, matched on folded syllables joined without spaces, so "Cam-pu-chia",
// "Cam pu chia" and "Campuchia" are one string.

const COUNTRY_TOKEN: Record<string, string> = {};

// Spellings are kept in a character trie over the joined folded syllables, so matching walks
// the text's characters once from each syllable instead of joining strings.
interface PhraseNode {
  next: Map<string, PhraseNode>;
  /** Tokens of the spelling that ends here (at a syllable end), or null. */
  tokens: string[] | null;
  /** The first name token among them ("@lao"), or null. */
  name: string | null;
}
const newNode = (): PhraseNode => ({ next: new Map(), tokens: null, name: null });
const trie = newNode();
let longest = 1;

function addPhrase(spelling: string, tokens: string[]): void {
  const syl = foldedSyllables(spelling);
  if (!syl.length) return;
  let node = trie;
  for (const ch of syl.join('')) {
    let child = node.next.get(ch);
    if (!child) node.next.set(ch, (child = newNode()));
    node = child;
  }
  node.tokens = [...new Set([...(node.tokens ?? []), ...tokens])];
  node.name = node.tokens.find((t) => t.startsWith('@')) ?? null;
  longest = Math.max(longest, syl.length);
}

/** Calls `found(n, node)` for every spelling that starts at syllable i and ends after n syllables. */
function walkFrom(syl: readonly string[], i: number, found: (n: number, node: PhraseNode) => void): void {
  let node: PhraseNode | undefined = trie;
  for (let n = 1; n <= longest && i + n <= syl.length; n++) {
    const s = syl[i + n - 1]!;
    for (let c = 0; c < s.length && node; c++) node = node.next.get(s[c]!);
    if (!node) return;
    if (node.tokens) found(n, node);
  }
}

for (const [code, names] of COUNTRIES) {
  const token = `@${foldedSyllables(names[0]!).join('')}`;
  COUNTRY_TOKEN[code] = token;
  for (const n of names) if (foldedSyllables(n).join('').length >= 3) addPhrase(n, [token]);
}
for (const place of FOREIGN_PLACES) {
  const token = `@${foldedSyllables(place.names[0]!).join('')}`;
  const country = COUNTRY_TOKEN[place.country];
  for (const n of place.names) addPhrase(n, country ? [token, country] : [token]);
}
for (const p of VN_PROVINCES) addPhrase(p, [`@${foldedSyllables(p).join('')}`]);
for (const [variant, canonical] of [
  ['TPHCM', 'Hồ Chí Minh'], ['TP HCM', 'Hồ Chí Minh'], ['HCM', 'Hồ Chí Minh'], ['Sài Gòn', 'Hồ Chí Minh'],
  ['Thừa Thiên Huế', 'Huế'], ['Hà Nội', 'Hà Nội'], ['Hanoi', 'Hà Nội'],
] as const) addPhrase(variant, [`@${foldedSyllables(canonical).join('')}`]);

// Concepts policy staff name in several ways. Written from the genre (Nghị định 30 plans and
// agreements), not from any one document.
const CONCEPTS: Record<string, readonly string[]> = {
  train: ['đào tạo', 'bồi dưỡng', 'tập huấn', 'huấn luyện', 'đào tạo lại', 'nâng cao năng lực', 'cầm tay chỉ việc', 'training'],
  staff: ['cán bộ', 'nhân viên', 'nhân lực', 'viên chức', 'công chức', 'người lao động', 'chuyên viên', 'staff'],
  doctor: ['bác sĩ', 'điều dưỡng', 'y sĩ', 'y bác sĩ', 'kỹ thuật viên', 'nhân viên y tế', 'cán bộ y tế', 'thầy thuốc'],
  health: ['y tế', 'sức khỏe', 'sức khoẻ', 'chăm sóc sức khỏe', 'khám chữa bệnh', 'khám, chữa bệnh', 'bệnh viện', 'health'],
  scholarship: ['học bổng', 'suất học bổng', 'suất học', 'scholarship'],
  student: ['sinh viên', 'học sinh', 'lưu học sinh', 'học viên', 'nghiên cứu sinh', 'du học sinh', 'student'],
  teacher: ['giảng viên', 'giáo viên', 'chuyên gia giảng dạy', 'lecturer', 'teacher'],
  funding: ['kinh phí', 'ngân sách', 'nguồn vốn', 'tài trợ', 'viện trợ', 'không hoàn lại', 'tỷ đồng', 'triệu đồng', 'tiền', 'budget', 'funding'],
  care: ['khám bệnh', 'chữa bệnh', 'khám chữa bệnh', 'điều trị', 'cấp thuốc', 'phẫu thuật', 'tiếp nhận người bệnh', 'người bệnh', 'bệnh nhân'],
  free: ['miễn phí', 'nhân đạo', 'không thu phí', 'từ thiện'],
  techtransfer: ['chuyển giao kỹ thuật', 'chuyển giao công nghệ', 'chuyển giao', 'kỹ thuật chuyên môn'],
  telemedicine: ['hội chẩn từ xa', 'hội chẩn trực tuyến', 'telemedicine', 'khám bệnh từ xa', 'y tế từ xa'],
  epidemic: ['phòng chống dịch', 'phòng, chống dịch', 'dịch bệnh', 'giám sát dịch', 'bệnh truyền nhiễm', 'cảnh báo dịch', 'tiêm chủng', 'vắc xin', 'vaccine'],
  school: ['trường học', 'phòng học', 'lớp học', 'nhà lớp học', 'ký túc xá', 'trường phổ thông', 'school'],
  build: ['xây dựng công trình', 'xây dựng', 'xây mới', 'sửa chữa', 'nâng cấp', 'cơ sở vật chất', 'công trình'],
  equipment: ['trang thiết bị', 'thiết bị', 'máy móc', 'vật tư', 'trang bị', 'equipment'],
  agriculture: ['nông nghiệp', 'trồng trọt', 'chăn nuôi', 'lâm nghiệp', 'thú y', 'cây giống', 'giống cây', 'nông dân', 'thủy sản', 'nông thôn'],
  border: ['biên giới', 'vùng biên', 'giáp biên', 'cửa khẩu', 'khu vực biên giới', 'đường biên'],
  defence: ['quốc phòng', 'an ninh', 'quân sự', 'biên phòng', 'trật tự an toàn xã hội', 'tội phạm'],
  culture: ['văn hóa', 'văn hoá', 'thể thao', 'văn nghệ', 'giao lưu nhân dân', 'lễ hội', 'nghệ thuật'],
  tourism: ['du lịch', 'tour du lịch', 'lữ hành', 'tourism'],
  trade: ['thương mại', 'đầu tư', 'xuất nhập khẩu', 'hội chợ', 'xúc tiến thương mại', 'doanh nghiệp', 'hàng hóa', 'kinh tế'],
  research: ['nghiên cứu khoa học', 'đề tài nghiên cứu', 'nghiên cứu', 'hội thảo khoa học', 'công bố khoa học', 'research'],
  traditional: ['y học cổ truyền', 'y dược cổ truyền', 'châm cứu', 'dược liệu', 'thuốc nam', 'bài thuốc'],
  delegation: ['trao đổi đoàn', 'đoàn công tác', 'đoàn cấp cao', 'thăm và làm việc', 'đón tiếp đoàn', 'hội đàm'],
  exchange: ['trao đổi', 'chia sẻ kinh nghiệm', 'chia sẻ thông tin', 'học tập kinh nghiệm', 'giao lưu'],
  language: ['tiếng Việt', 'tiếng Lào', 'ngôn ngữ', 'dạy tiếng'],
  digital: ['chuyển đổi số', 'công nghệ thông tin', 'phần mềm', 'hồ sơ sức khỏe điện tử', 'trực tuyến', 'số hóa'],
  mother: ['sơ sinh', 'bà mẹ', 'trẻ em', 'sản khoa', 'sản nhi', 'nhi khoa', 'chăm sóc sơ sinh', 'thai sản'],
  drug: ['thuốc', 'dược', 'dược phẩm', 'đấu thầu thuốc', 'quản lý dược', 'sinh phẩm'],
  environment: ['môi trường', 'tài nguyên', 'rừng', 'biến đổi khí hậu', 'thiên tai', 'nước sạch'],
};
for (const [name, spellings] of Object.entries(CONCEPTS)) for (const s of spellings) addPhrase(s, [`~${name}`]);

/** Name and concept tokens found in a run of folded syllables. */
export function phraseTokens(syl: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < syl.length; i++) walkFrom(syl, i, (_, node) => out.push(...node.tokens!));
  return out;
}

/**
 * The syllables with every place or country name replaced by its one token ("tỉnh Xây Sôm
 * Bun" → ["tinh", "@xaysombun"]), longest name first: the form the embeddings see, so two
 * spellings of a name are the same feature.
 */
export function withNamesJoined(syl: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < syl.length; ) {
    let hit: { n: number; token: string } | null = null;
    walkFrom(syl, i, (n, node) => {
      if (node.name) hit = { n, token: node.name };
    });
    const h = hit as { n: number; token: string } | null;
    if (h) {
      out.push(h.token);
      i += h.n;
    } else out.push(syl[i++]!);
  }
  return out;
}

/** The most specific name in each name found ("tỉnh Xây Sôm Bun" → @xaysombun, not also @lao). */
export function specificNames(syl: readonly string[]): string[] {
  return withNamesJoined(syl).filter((t) => t.startsWith('@'));
}

/** The token a country code is indexed under ("LA" → "@lao"), or null. */
export function countryToken(code: string | null | undefined): string | null {
  return code ? (COUNTRY_TOKEN[code] ?? null) : null;
}

// Function words that carry no topic; kept out of unigram scores (bigrams keep them, since
// "cho Lào" and "của Lào" still tell something).
const STOP = new Set(
  'cua va cac cho trong duoc voi nhung theo tai ve co la de tu den nay do mot hai ben nam nhu khi thi ma se da dang cung moi nhieu tren duoi sau truoc giua hoac nham vao ra con bi boi vi nen thuoc tung gom'
    .split(' '),
);

export function isStopSyllable(s: string): boolean {
  return STOP.has(s);
}

/** Terms of a text with their counts: folded syllables, bigrams, names and concepts. */
export function termCounts(text: string, into = new Map<string, number>(), weight = 1): Map<string, number> {
  // Bigrams stay inside a clause; names and concepts are looked for across the whole text.
  for (const clause of text.split(/[.;:!?()[\]\n"“”]+(?!\d)/)) {
    const syl = foldedSyllables(clause);
    for (let i = 0; i < syl.length; i++) {
      const s = syl[i]!;
      if (!STOP.has(s)) into.set(s, (into.get(s) ?? 0) + weight);
      if (i + 1 < syl.length) {
        const b = `${s} ${syl[i + 1]}`;
        into.set(b, (into.get(b) ?? 0) + weight);
      }
    }
  }
  for (const t of phraseTokens(foldedSyllables(text))) into.set(t, (into.get(t) ?? 0) + weight);
  return into;
}

/** Query terms with weights: names count fully, concepts (softer evidence) at half. */
export function queryTerms(query: string): Map<string, number> {
  const counts = termCounts(query);
  const out = new Map<string, number>();
  for (const [t, n] of counts) out.set(t, (t.startsWith('~') ? 0.5 : 1) * Math.min(n, 2));
  return out;
}
