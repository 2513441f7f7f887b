// Vocabulary of Vietnamese administrative documents, in folded form (see fold()):
// document kinds and their ND30 type codes, positions, organ names and their abbreviations,
// and the place names that tell which country a party belongs to.
//
// Sources of the facts: Nghị định 30/2020/NĐ-CP Phụ lục III (type codes); the lists of
// Vietnamese provinces before and after the 2025 merger; Lao and Cambodian provinces as
// Vietnamese texts spell them.

import { fold, foldWords } from './vietnamese.js';

export type DocType =
  | 'thoa_thuan'
  | 'ban_ghi_nho'
  | 'ke_hoach'
  | 'quyet_dinh'
  | 'cong_van'
  | 'thong_bao'
  | 'bao_cao'
  | 'to_trinh'
  | 'bien_ban'
  | 'hop_dong'
  | 'nghi_quyet'
  | 'tin_tuc'
  | 'khac';

export const DOC_TYPES: readonly DocType[] = [
  'thoa_thuan', 'ban_ghi_nho', 'ke_hoach', 'quyet_dinh', 'cong_van', 'thong_bao', 'bao_cao',
  'to_trinh', 'bien_ban', 'hop_dong', 'nghi_quyet', 'tin_tuc', 'khac',
];

/** Tên loại as printed at the head of a document (folded), longest first, with its type. */
export const DOC_KINDS: ReadonlyArray<{ kind: string; type: DocType }> = [
  { kind: 'bien ban ghi nho', type: 'ban_ghi_nho' },
  { kind: 'ban ghi nho', type: 'ban_ghi_nho' },
  { kind: 'thoa thuan ghi nho', type: 'ban_ghi_nho' },
  { kind: 'memorandum of understanding', type: 'ban_ghi_nho' },
  { kind: 'ban thoa thuan', type: 'thoa_thuan' },
  { kind: 'thoa thuan', type: 'thoa_thuan' },
  { kind: 'hiep dinh', type: 'thoa_thuan' },
  { kind: 'cooperation agreement', type: 'thoa_thuan' },
  { kind: 'agreement', type: 'thoa_thuan' },
  { kind: 'ke hoach', type: 'ke_hoach' },
  { kind: 'quyet dinh', type: 'quyet_dinh' },
  { kind: 'thong bao', type: 'thong_bao' },
  { kind: 'bao cao', type: 'bao_cao' },
  { kind: 'to trinh', type: 'to_trinh' },
  { kind: 'bien ban', type: 'bien_ban' },
  { kind: 'hop dong', type: 'hop_dong' },
  { kind: 'nghi quyet', type: 'nghi_quyet' },
  { kind: 'cong van', type: 'cong_van' },
  { kind: 'chuong trinh', type: 'khac' },
  { kind: 'de an', type: 'khac' },
  { kind: 'huong dan', type: 'khac' },
  { kind: 'chi thi', type: 'khac' },
  { kind: 'quy che', type: 'khac' },
  { kind: 'quy dinh', type: 'khac' },
  { kind: 'giay moi', type: 'khac' },
  { kind: 'cong dien', type: 'khac' },
  { kind: 'phuong an', type: 'khac' },
];

/** ND30 Phụ lục III type codes (upper case, Đ kept) → the document type they stand for. */
export const TYPE_CODES: Readonly<Record<string, DocType>> = {
  NQ: 'nghi_quyet', 'QĐ': 'quyet_dinh', QD: 'quyet_dinh', CT: 'khac', QC: 'khac', 'QYĐ': 'khac', TC: 'khac',
  TB: 'thong_bao', HD: 'khac', CTR: 'khac', KH: 'ke_hoach', PA: 'khac', 'ĐA': 'khac', DA: 'khac', BC: 'bao_cao',
  BB: 'bien_ban', TTR: 'to_trinh', 'HĐ': 'hop_dong', 'CĐ': 'khac', BGN: 'ban_ghi_nho', BTT: 'thoa_thuan',
  GUQ: 'khac', GM: 'khac', GGT: 'khac', GNP: 'khac', PG: 'khac', PC: 'khac', PB: 'khac', 'TTHT': 'thoa_thuan',
  'NĐ': 'khac', TT: 'khac', TTLT: 'khac', 'QH': 'khac',
};

/** Positions that head a signature block or name a signer's office (folded). */
export const POSITIONS: readonly string[] = [
  'pho chu tich thuong truc', 'pho chu tich', 'chu tich', 'pho tong giam doc', 'tong giam doc',
  'pho giam doc', 'giam doc', 'thu truong', 'bo truong', 'pho hieu truong', 'hieu truong',
  'pho vien truong', 'vien truong', 'pho cuc truong', 'cuc truong', 'pho vu truong', 'vu truong',
  'pho truong ban', 'truong ban', 'pho chanh van phong', 'chanh van phong', 'pho truong phong',
  'truong phong', 'pho tinh truong', 'tinh truong', 'pho do truong', 'do truong', 'thong doc',
  'pho thong doc', 'pho bi thu', 'bi thu', 'pho thu tuong', 'thu tuong', 'chu nhiem', 'pho chu nhiem',
  'truong khoa', 'pho truong khoa', 'tong lanh su', 'dai su', 'pho tong cuc truong', 'tong cuc truong',
  'pho chanh thanh tra', 'chanh thanh tra', 'truong doan', 'pho truong doan', 'pho giam doc phu trach', 'ke toan truong',
  'vice minister', 'minister', 'deputy director general', 'director general', 'deputy director', 'director',
  'vice president', 'president', 'vice rector', 'rector', 'vice governor', 'governor', 'vice chairman',
  'chairman', 'mayor', 'dean', 'head of delegation', 'secretary of state', 'secretary general',
];

/** Authority prefixes of ND30 signature blocks: thay mặt, ký thay, thừa lệnh, quyền, thừa ủy quyền. */
export const AUTHORITY_RE = /^(?:KT|TM|TL|TUQ|Q|T\/M|K\/T|T\/L)\s*\.?\s*(?=\p{Lu})/u;

/**
 * Words that open an organ name, as printed (lower case; both tone placements where they
 * differ). Diacritics matter: "sở" opens an organ, "sơ" (sơ sinh) and "số" do not.
 */
const ORGAN_STARTER_WORDS: readonly string[] = [
  'ủy ban nhân dân', 'uỷ ban nhân dân', 'ubnd', 'hội đồng nhân dân', 'hđnd', 'sở', 'bộ', 'tổng cục', 'cục', 'vụ',
  'trường đại học', 'đại học', 'trường cao đẳng', 'trường trung cấp', 'học viện', 'bệnh viện', 'trung tâm', 'viện',
  'ban', 'văn phòng', 'chi cục', 'chính quyền', 'tổng công ty', 'công ty', 'tỉnh ủy', 'tỉnh uỷ', 'thành ủy', 'thành uỷ',
  'hội', 'liên hiệp', 'tổ chức', 'quỹ', 'đại sứ quán', 'tổng lãnh sự quán', 'chính phủ', 'phòng', 'khoa', 'đoàn',
  'nhà xuất bản', 'báo', 'đài', 'thành đoàn', 'tỉnh đoàn', 'cơ quan', 'ministry', 'university', 'hospital', 'department',
  'government', 'institute', 'committee',
].slice().sort((a, b) => b.length - a.length);

/** Folded keys of the starters, for code that classifies organs ("so", "uy ban nhan dan"). */
export const ORGAN_STARTERS: readonly string[] = [...new Set(ORGAN_STARTER_WORDS.map((w) => `${fold(w)} `))];

// One sticky, case-insensitive alternation of the starters (longest first).
const STARTER_RE = new RegExp(`(?:${ORGAN_STARTER_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'iuy');
const STARTER_KEYS = new Map(ORGAN_STARTER_WORDS.map((w) => [w, fold(w)]));

/** The organ starter printed at text[i] (any case), as its folded key, or null. */
export function organStarterAt(text: string, i: number): { key: string; length: number } | null {
  STARTER_RE.lastIndex = i;
  const m = STARTER_RE.exec(text);
  if (!m) return null;
  const w = m[0].toLowerCase();
  return { key: STARTER_KEYS.get(w) ?? fold(w), length: m[0].length };
}

/** Abbreviations written out (folded pattern → printed expansion). Order matters. */
export const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bTP\.?\s*HCM\b|\bTPHCM\b|\bTP\.?\s*Hồ Chí Minh\b/gu, 'Thành phố Hồ Chí Minh'],
  [/\bUBND\b/gu, 'Ủy ban nhân dân'],
  [/\bHĐND\b/gu, 'Hội đồng nhân dân'],
  [/\bSYT\b/gu, 'Sở Y tế'],
  [/\bBYT\b/gu, 'Bộ Y tế'],
  [/\bCDC\b/gu, 'Trung tâm Kiểm soát bệnh tật'],
  [/\bCHDCND\b/gu, 'Cộng hòa Dân chủ Nhân dân'],
  [/\bSở GD&ĐT\b|\bSở GDĐT\b/gu, 'Sở Giáo dục và Đào tạo'],
  [/\bĐHQG\b/gu, 'Đại học Quốc gia'],
  [/\bTP\.\s*/gu, 'thành phố '],
];

// Vietnamese provinces and centrally-run cities, before and after the 2025 merger.
export const VN_PROVINCES: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bà Rịa Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre',
  'Bình Dương', 'Bình Định', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng', 'Đắk Lắk',
  'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh',
  'Hải Dương', 'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum',
  'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận',
  'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng',
  'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Thừa Thiên - Huế', 'Huế',
  'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái', 'Hồ Chí Minh',
  'Thành phố Hồ Chí Minh',
];

// Lao and Cambodian provinces as Vietnamese texts spell them: one group a place, its
// spellings together (search treats them as one name).
export const FOREIGN_PLACES: ReadonlyArray<{ country: string; names: readonly string[] }> = [
  { country: 'LA', names: ['Viêng Chăn', 'Vientiane', 'Viengchan'] },
  { country: 'LA', names: ['Luông Pha Bang', 'Luang Prabang', 'Luang Pha Bang', 'Luông Prabang'] },
  { country: 'LA', names: ['Xiêng Khoảng', 'Xieng Khouang', 'Xiengkhuang'] },
  { country: 'LA', names: ['Hủa Phăn', 'Houaphanh', 'Hua Phăn', 'Houaphan'] },
  { country: 'LA', names: ['Phông Sa Lỳ', 'Phongsaly', 'Phongsali'] },
  { country: 'LA', names: ['U Đôm Xay', 'Oudomxay', 'Udomxay'] },
  { country: 'LA', names: ['Luông Nậm Thà', 'Luang Namtha'] },
  { country: 'LA', names: ['Bò Kẹo', 'Bokeo'] },
  { country: 'LA', names: ['Xay Nha Bu Ly', 'Xaynhabuly', 'Sayaboury', 'Xayaboury'] },
  { country: 'LA', names: ['Bô Ly Khăm Xay', 'Bolikhamxay', 'Bolikhamsai', 'Bô-ly-khăm-xay', 'Bolikhămxay'] },
  { country: 'LA', names: ['Khăm Muộn', 'Khammouane', 'Khăm Muồn', 'Khammuon'] },
  { country: 'LA', names: ['Sa Vẳn Na Khệt', 'Savannakhet', 'Xa-vẳn-na-khệt', 'Xavannakhet'] },
  { country: 'LA', names: ['Sa La Văn', 'Salavan', 'Saravane', 'Sa-la-van', 'Xa La Văn'] },
  { country: 'LA', names: ['Xê Kông', 'Sekong', 'Sê Kông'] },
  { country: 'LA', names: ['Chăm Pa Sắc', 'Champasak', 'Champassak'] },
  { country: 'LA', names: ['Át Tạ Pư', 'Attapeu', 'Attapư'] },
  { country: 'LA', names: ['Xay Sổm Bun', 'Xây Sôm Bun', 'Xaysomboun', 'Xay Som Bun', 'Xây Sốp Bùn', 'Xaisomboun'] },
  { country: 'KH', names: ['Phnôm Pênh', 'Phnom Penh', 'Nông Pênh'] },
  { country: 'KH', names: ['Xiêm Riệp', 'Siem Reap'] },
  { country: 'KH', names: ['Kông Pông Chàm', 'Kampong Cham'] },
  { country: 'KH', names: ['Ratanakiri', 'Ra-ta-na-ki-ri', 'Rattanakiri', 'Ratanakiri'] },
  { country: 'KH', names: ['Mondulkiri', 'Môn-đun-ki-ri'] },
  { country: 'KH', names: ['Stung Treng', 'Xtung Treng'] },
  { country: 'KH', names: ['Kratie', 'Kra-chê'] },
  { country: 'KH', names: ['Svay Rieng', 'Xvây Riêng'] },
  { country: 'KH', names: ['Prey Veng', 'Prây Veng'] },
  { country: 'KH', names: ['Takeo', 'Ta Keo', 'Ta-keo'] },
  { country: 'KH', names: ['Kampot', 'Căm Pốt', 'Kampốt', 'Cam-pốt'] },
  { country: 'KH', names: ['Kep'] },
  { country: 'KH', names: ['Kandal', 'Kan Đan'] },
  { country: 'KH', names: ['Battambang', 'Bát Tam Bang'] },
  { country: 'KH', names: ['Banteay Meanchey'] },
  { country: 'KH', names: ['Preah Vihear'] },
  { country: 'KH', names: ['Oddar Meanchey'] },
  { country: 'KH', names: ['Koh Kong'] },
  { country: 'KH', names: ['Pursat'] },
  { country: 'KH', names: ['Kampong Speu'] },
  { country: 'KH', names: ['Kampong Thom'] },
  { country: 'KH', names: ['Kampong Chhnang'] },
  { country: 'KH', names: ['Sihanoukville'] },
  { country: 'KH', names: ['Pailin'] },
  { country: 'KH', names: ['Tbong Khmum', 'Tbong Khmun'] },
];
const LA_PLACES = [...FOREIGN_PLACES.filter((p) => p.country === 'LA').flatMap((p) => p.names), 'Lào'];
const KH_PLACES = [...FOREIGN_PLACES.filter((p) => p.country === 'KH').flatMap((p) => p.names), 'Campuchia', 'Cam-pu-chia'];

/** Countries as printed in Vietnamese and English, with their ISO 3166-1 alpha-2 code. */
export const COUNTRIES: ReadonlyArray<[string, string[]]> = [
  ['VN', ['Việt Nam', 'Viet Nam', 'Vietnam', 'CHXHCN Việt Nam']],
  ['LA', ['Lào', 'CHDCND Lào', 'Cộng hòa Dân chủ Nhân dân Lào', 'Lao PDR', 'Laos', 'Lao']],
  ['KH', ['Campuchia', 'Cam-pu-chia', 'Cambodia', 'Vương quốc Campuchia', 'Kingdom of Cambodia']],
  ['CU', ['Cuba', 'Cu ba', 'Cu-ba']],
  ['CN', ['Trung Quốc', 'China']],
  ['JP', ['Nhật Bản', 'Japan']],
  ['KR', ['Hàn Quốc', 'Korea']],
  ['TH', ['Thái Lan', 'Thailand']],
  ['US', ['Hoa Kỳ', 'Mỹ', 'United States', 'USA']],
  ['FR', ['Pháp', 'France']],
  ['DE', ['Đức', 'Germany']],
  ['GB', ['Vương quốc Anh', 'Anh', 'United Kingdom', 'UK']],
  ['AU', ['Australia', 'Úc', 'Ô-xtrây-li-a', 'Ôxtrâylia']],
  ['CA', ['Canađa', 'Canada', 'Ca-na-đa']],
  ['RU', ['Nga', 'Liên bang Nga', 'Russia']],
  ['SG', ['Singapore', 'Xin-ga-po']],
  ['IN', ['Ấn Độ', 'India']],
  ['MM', ['Myanmar', 'Mi-an-ma']],
  ['ID', ['Indonesia', 'In-đô-nê-xi-a']],
  ['MY', ['Malaysia', 'Ma-lai-xi-a']],
  ['PH', ['Philippines', 'Phi-líp-pin']],
  ['BE', ['Bỉ', 'Belgium']],
  ['NL', ['Hà Lan', 'Netherlands']],
  ['SE', ['Thụy Điển', 'Thuỵ Điển', 'Sweden']],
  ['IT', ['Italia', 'Italy']],
  ['HU', ['Hungary', 'Hung-ga-ri']],
  ['CZ', ['Séc', 'Czech']],
  ['BY', ['Belarus', 'Bê-la-rút']],
  ['MN', ['Mông Cổ', 'Mongolia']],
  ['NZ', ['New Zealand', 'Niu Di-lân']],
];

const placeIndex = new Map<string, string>();
for (const p of VN_PROVINCES) placeIndex.set(foldWords(p).replace(/ /g, ''), 'VN');
for (const p of LA_PLACES) placeIndex.set(foldWords(p).replace(/ /g, ''), 'LA');
for (const p of KH_PLACES) placeIndex.set(foldWords(p).replace(/ /g, ''), 'KH');
const countryIndex: Array<[string, string]> = [];
for (const [code, names] of COUNTRIES) for (const n of names) countryIndex.push([foldWords(n), code]);
countryIndex.sort((a, b) => b[0].length - a[0].length);

/** Country of a place name ("Kon Tum" → VN, "Xây Sôm Bun" → LA), or null. Spaces and hyphens are ignored. */
const placeCache = new Map<string, string | null>();

export function countryOfPlace(place: string): string | null {
  let c = placeCache.get(place);
  if (c === undefined) {
    c = placeIndex.get(foldWords(place).replace(/ /g, '')) ?? null;
    if (placeCache.size > 20_000) placeCache.clear();
    placeCache.set(place, c);
  }
  return c;
}

/** Country named in a phrase ("tỉnh Xây Sôm Bun (Lào)" → LA, "Bộ Y tế Cu ba" → CU), or null. */
export function countryNamedIn(phrase: string): string | null {
  const f = ` ${foldWords(phrase)} `;
  for (const [name, code] of countryIndex) {
    if (name.length < 3) continue;
    if (f.includes(` ${name} `)) return code;
  }
  return null;
}

const countryNames = new Set(countryIndex.map(([n]) => n));

/** True if the folded words are a country's name ("cu ba", "lao"). */
export function isCountryName(foldedWords: string): boolean {
  return countryNames.has(foldedWords);
}

/** Country code for a country name on its own ("Lào" → LA), or null. */
export function countryCode(name: string): string | null {
  const f = foldWords(name);
  for (const [n, code] of countryIndex) if (n === f) return code;
  return null;
}

/** All known place names, folded without spaces, for finding the territory in an organ name. */
export function knownPlace(words: string): { country: string } | null {
  const c = countryOfPlace(words);
  return c ? { country: c } : null;
}

export function isPosition(foldedLine: string): boolean {
  const f = foldedLine.replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
  return POSITIONS.some((p) => f === p || f.startsWith(`${p} `) || f.endsWith(` ${p}`));
}

/** True if the text opens with an organ name ("SỞ Y TẾ …", "Bộ Ngoại giao"). */
export function organStartAt(text: string): boolean {
  const lead = text.length - text.trimStart().length;
  return organStarterAt(text, lead) !== null;
}

/** Writes out the abbreviations of an organ name ("UBND tỉnh" → "Ủy ban nhân dân tỉnh"). */
export function expandAbbreviations(name: string): string {
  let out = name;
  for (const [re, rep] of ABBREVIATIONS) out = out.replace(re, rep);
  return out.replace(/\s+/g, ' ').trim();
}

export { fold };
