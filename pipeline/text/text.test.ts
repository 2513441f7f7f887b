import { describe, expect, it } from 'vitest';
import { fold, foldKeepOffsets, isVietnameseSyllable, normalizeTonePlacement } from './vietnamese.js';
import { decodeText, NotTextError } from './decode.js';
import { convertLegacy, readAsCp1252 } from './legacy.js';
import { parseAmountInWords, parseNumber, parseNumberWords, parseQuantity } from './numbers.js';
import { findAmountInWords, findMoney } from './money.js';
import { findDates } from './dates.js';
import { normalizeDocNumber, parseDocNumber } from './docnumber.js';

describe('folding and tone placement', () => {
  it.each([
    ['Thỏa thuận hợp tác', 'thoa thuan hop tac'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Số: 123 /KH-SYT', 'so: 123 /kh-syt'],
  ])('folds %s', (input, expected) => expect(fold(input)).toBe(expected));

  it('keeps every offset when folding', () => {
    const s = 'Cộng hòa xã hội chủ nghĩa Việt Nam';
    expect(foldKeepOffsets(s)).toHaveLength(s.length);
  });

  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['khoẻ', 'khỏe'],
    ['quý', 'quý'],
    ['hoàng', 'hoàng'],
  ])('compares %s under the classic placement', (input, expected) => expect(normalizeTonePlacement(input)).toBe(expected));

  it.each([
    ['thuật', true],
    ['nghiêng', true],
    ['khuya', true],
    ['and', false],
    ['xyz', false],
  ])('%s is a Vietnamese syllable: %s', (w, ok) => expect(isVietnameseSyllable(w)).toBe(ok));
});

// Byte values from TCVN 5712:1993 (VN3) and VNI-Windows, written out by hand.
const TCVN3_CONG_HOA = [0x43, 0xe9, 0x6e, 0x67, 0x20, 0x68, 0xdf, 0x61]; // "Cộng hòa"
const VNI_TRUONG = [0x54, 0x72, 0xf6, 0xf4, 0xf8, 0x6e, 0x67]; // "Trường": ư=ö, ơ+huyền=ôø

describe('decoding legacy and other encodings', () => {
  it('converts raw TCVN3 bytes', () => {
    const text = 'Céng hßa x· héi chñ nghÜa ViÖt Nam. Së Y tÕ tØnh Qu¶ng TrÞ tæ chøc ®µo t¹o c¸n bé.';
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const d = decodeText(bytes);
    expect(d.encoding).toBe('tcvn3');
    expect(d.text.normalize('NFC')).toContain('Cộng hòa xã hội chủ nghĩa Việt Nam. Sở Y tế tỉnh Quảng Trị tổ chức đào tạo cán bộ.');
    expect(convertLegacy(readAsCp1252(Uint8Array.from(TCVN3_CONG_HOA)), 'tcvn3').text).toBe('Cộng hòa');
  });

  it('restores capitals typed in the .VnTimeH font (stored as lower-case codes)', () => {
    expect(convertLegacy('CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM', 'tcvn3').text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('converts raw VNI-Windows bytes', () => {
    expect(convertLegacy(readAsCp1252(Uint8Array.from(VNI_TRUONG)), 'vni').text).toBe('Trường');
    const text = 'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Sôû Y teá tænh Ñoàng Thaùp toå chöùc ñaøo taïo caùn boä.';
    const d = decodeText(Uint8Array.from([...text].map((c) => c.charCodeAt(0))));
    expect(d.encoding).toBe('vni');
    expect(d.text).toContain('Cộng hòa xã hội chủ nghĩa Việt Nam. Sở Y tế tỉnh Đồng Tháp tổ chức đào tạo cán bộ.');
  });

  it('converts the mojibake left when TCVN3 text was saved as UTF-8 through Windows-1252', () => {
    const d = decodeText(new TextEncoder().encode('Céng hßa x· héi chñ nghÜa ViÖt Nam. Së Y tÕ tØnh Hµ TÜnh tæ chøc ®µo t¹o.'));
    expect(d.encoding).toBe('utf-8+tcvn3-mojibake');
    expect(d.text).toContain('Cộng hòa xã hội chủ nghĩa Việt Nam. Sở Y tế tỉnh Hà Tĩnh');
  });

  it('converts VNI mojibake in UTF-8', () => {
    const d = decodeText(new TextEncoder().encode('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Sôû Y teá tænh Ñoàng Thaùp.'));
    expect(d.encoding).toBe('utf-8+vni-mojibake');
    expect(d.text).toContain('Sở Y tế tỉnh Đồng Tháp');
  });

  it('reads Windows-1258 (base letter + combining tone byte)', () => {
    // cp1258 keeps tones as combining bytes: 0xCC grave, 0xEC acute, 0xDE tilde, 0xD2 hook,
    // 0xF2 dot below; ă = 0xE3, ê = 0xEA, Đ = 0xD0.
    const bytes = Uint8Array.from([0x48, 0x6f, 0x61, 0xcc, 0x20, 0x62, 0x69, 0xcc, 0x6e, 0x68, 0x2c, 0x20, 0xd0, 0x61, 0xec, 0x20, 0x4e, 0xe3, 0xde, 0x6e, 0x67, 0x20, 0x76, 0x61, 0xcc, 0x20, 0x48, 0x75, 0xea, 0xec, 0x20, 0x6c, 0x61, 0xcc, 0x20, 0x62, 0x61, 0xcc, 0x6e, 0x20, 0x68, 0x6f, 0xf2, 0x63]);
    const d = decodeText(bytes);
    expect(d.encoding).toBe('windows-1258');
    expect(d.text.normalize('NFC')).toContain('Đá Nẵng và Huế là bàn học');
  });

  it('reads UTF-16 with and without a byte-order mark', () => {
    const s = 'Thỏa thuận hợp tác giữa hai tỉnh';
    const le = Buffer.from(s, 'utf16le');
    expect(decodeText(Uint8Array.from([0xff, 0xfe, ...le])).text).toBe(s);
    expect(decodeText(Uint8Array.from(le)).encoding).toBe('utf-16le');
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj'), 'pdf'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'png'],
    ['binary junk', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x11, 0x12, 0x00]), 'binary'],
  ])('refuses %s as text', (_name, bytes, kind) => {
    expect(() => decodeText(bytes)).toThrowError(NotTextError);
    try {
      decodeText(bytes);
    } catch (e) {
      expect((e as NotTextError).kind).toBe(kind);
    }
  });
});

describe('numbers, quantities and amounts in words', () => {
  it.each([
    ['1.766.925.000', false, 1766925000],
    ['2,8', true, 2.8],
    ['2,141', true, 2.141],
    ['3.660', true, 3660],
    ['50,000', false, 50000],
    ['1O0', false, 100],
  ])('parses %s (scale word: %s)', (s, scale, v) => expect(parseNumber(s, scale)).toBe(v));

  it.each([
    ['Một tỷ, bảy trăm sáu mươi sáu triệu, chín trăm hai mươi lăm nghìn đồng', 1766925000],
    ['một trăm linh năm', 105],
    ['hai mươi tư nghìn', 24000],
    ['mười lăm', 15],
    ['một nghìn tỷ', 1e12],
    ['một triệu rưỡi', 1500000],
  ])('reads "%s"', (w, v) => expect(parseNumberWords(w)).toBe(v));

  it('reads a "Bằng chữ" line', () => expect(parseAmountInWords('(Bằng chữ: Hai tỷ, ba trăm năm mươi triệu đồng chẵn./.)')).toBe(2350000000));
  it.each([
    ['03 (ba)', 3],
    ['hơn 100', 100],
    ['hai', 2],
  ])('reads the quantity "%s"', (s, v) => expect(parseQuantity(s)).toBe(v));
});

describe('money', () => {
  it.each([
    ['1.766.925.000 đồng', 1766925000, 'VND'],
    ['2,8 tỷ đồng', 2800000000, 'VND'],
    ['1 tỷ 200 triệu đồng', 1200000000, 'VND'],
    ['500.000 USD', 500000, 'USD'],
    ['USD 1.2 million', 1200000, 'USD'],
    ['4 triệu đô la Canađa', 4000000, 'CAD'],
    ['350.000 euro', 350000, 'EUR'],
    ['2,5 tỷ kíp', 2500000000, 'LAK'],
  ])('finds %s', (s, amount, currency) => {
    expect(findMoney(`Kinh phí ${s} cho dự án.`)).toMatchObject([{ amount, currency }]);
  });

  it('does not take "đồng chí" or a year for money', () => {
    expect(findMoney('Có 03 đồng chí tham gia năm 2024 đồng thời báo cáo.')).toEqual([]);
  });

  it('finds the words printed after a figure', () => {
    const t = 'Tổng: 5.850.000.000 đồng (Bằng chữ: Năm tỷ, tám trăm năm mươi triệu đồng).';
    expect(findAmountInWords(t, t.indexOf('đồng') + 4)?.value).toBe(5850000000);
  });
});

describe('dates', () => {
  it.each([
    ['Bắc Giang, ngày 10 tháng 10 năm 2022', '2022-10-10'],
    ['ngày 05 thắng 6 năm 2023', '2023-06-05'],
    ['ngày 03/4/2024', '2024-04-03'],
    ['ngày 25-8-2022', '2022-08-25'],
    ['ngày 14/7/202l', '2021-07-14'],
    ['signed on 15 March 2024', '2024-03-15'],
    ['March 15, 2024', '2024-03-15'],
  ])('reads %s', (s, iso) => expect(findDates(s, foldKeepOffsets(s))[0]?.iso).toBe(iso));

  it('rejects impossible dates', () => expect(findDates('ngày 31/02/2024', foldKeepOffsets('ngày 31/02/2024'))).toEqual([]));
});

describe('document numbers', () => {
  it.each([
    ['Số: 123 /KH-SYT', '123/KH-SYT'],
    ['1O5/KH–UBND', '105/KH-UBND'],
    ['số 60/2021/NĐ-CP', '60/2021/NĐ-CP'],
  ])('normalizes %s', (raw, v) => expect(normalizeDocNumber(raw)).toBe(v));

  it.each([
    ['123/KH-SYT', { number: 123, year: null, typeCode: 'KH', issuerCode: 'SYT' }],
    ['60/2021/NĐ-CP', { number: 60, year: 2021, typeCode: 'NĐ', issuerCode: 'CP' }],
    ['1234/SYT-NVY', { number: 1234, typeCode: null, issuerCode: 'SYT-NVY' }],
    ['25-CT/TW', { number: 25, typeCode: 'CT', issuerCode: 'TW' }],
  ])('splits %s into its parts', (raw, parts) => expect(parseDocNumber(raw)).toMatchObject(parts));
});
