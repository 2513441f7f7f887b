import { describe, expect, it } from 'vitest';
import { segment } from './segment.js';
import { normalizeText } from './normalize.js';

const seg = (t: string) => segment(normalizeText(t).text);

describe('segmentation of Nghị định 30 regions', () => {
  const doc = [
    'UBND TỈNH BẮC GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'SỞ Y TẾ                      Độc lập - Tự do - Hạnh phúc',
    '',
    'Số: 123 /KH-SYT              Bắc Giang, ngày 10 tháng 10 năm 2022',
    '',
    'KẾ HOẠCH',
    'Triển khai hợp tác y tế với tỉnh Xây Sôm Bun (Lào)',
    '',
    'Căn cứ Kế hoạch số 481/KH-UBND ngày 25/8/2022 của UBND tỉnh;',
    '',
    'I. MỤC ĐÍCH',
    '1. Cụ thể hóa thỏa thuận.',
    'II. NỘI DUNG',
    '1. Đào tạo cán bộ.',
    'a) Năm 2023: 03 cán bộ.',
    '2. Hỗ trợ thiết bị.',
    '',
    'Nơi nhận:                    KT. GIÁM ĐỐC',
    '- UBND tỉnh (b/c);           PHÓ GIÁM ĐỐC',
    '- Lưu: VT.',
    '                             Nguyễn Văn Bình',
  ].join('\n');

  it('finds the header landmarks in a two-column header', () => {
    const s = seg(doc);
    expect(s.header.organs.map((u) => u.text)).toEqual(['UBND TỈNH BẮC GIANG', 'SỞ Y TẾ']);
    expect(s.header.quocHieu?.text).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(s.header.number?.text).toBe('Số: 123 /KH-SYT');
    expect(s.header.dateLine?.text).toBe('Bắc Giang, ngày 10 tháng 10 năm 2022');
  });

  it('builds the body outline as a tree', () => {
    const s = seg(doc);
    expect(s.body.outline.map((x) => [x.label, x.children.map((c) => [c.label, c.children.map((g) => g.label)])])).toEqual([
      ['I', [['1', []]]],
      ['II', [['1', ['a']], ['2', []]]],
    ]);
  });

  it('separates the Nơi nhận column from the signature column', () => {
    const s = seg(doc);
    expect(s.closing.recipients.map((u) => u.text)).toEqual(['- UBND tỉnh (b/c);', '- Lưu: VT.']);
    expect(s.closing.signatures.map((b) => [b.authority.map((u) => u.text), b.position?.text, b.name.text])).toEqual([[['KT. GIÁM ĐỐC'], 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn Bình']]);
  });

  it('gives every region exact character spans', () => {
    const s = seg(doc);
    for (const u of s.units) expect(s.text.slice(u.start, u.end).trim()).toBe(u.text.trim());
  });

  it('cuts a flattened text at its landmarks and numbering', () => {
    const flat =
      'UBND TỈNH HÀ GIANG SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 26/KH-SYT Hà Giang, ngày 09 tháng 5 năm 2024 KẾ HOẠCH Về đào tạo nhân lực y tế Căn cứ Kế hoạch số 212/KH-UBND ngày 28/6/2023; I. NỘI DUNG 1. Đào tạo 30 bác sĩ đa khoa. 2. Chuyển giao 08 kỹ thuật. II. TỔ CHỨC THỰC HIỆN 1. Phòng Nghiệp vụ chủ trì. KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lù Văn Sính';
    const s = seg(flat);
    expect(s.header.number?.text).toBe('Số: 26/KH-SYT');
    expect(s.title.kind?.unit.text).toBe('KẾ HOẠCH');
    expect(s.body.outline.map((x) => x.label)).toEqual(['I', 'II']);
    expect(s.closing.signatures[0]?.name.text).toBe('Lù Văn Sính');
  });

  it('recognises a news page: headline, article, site furniture', () => {
    const s = seg('Trang chủ > Tin tức\nHai tỉnh ký thỏa thuận hợp tác y tế\nSáng 5/3, hai tỉnh đã ký kết thỏa thuận.\nTin liên quan\nBài khác 123/KH-UBND');
    expect(s.news?.headline?.text).toBe('Hai tỉnh ký thỏa thuận hợp tác y tế');
    expect(s.units[s.news!.articleEnd]?.text).toBe('Tin liên quan');
  });
});
