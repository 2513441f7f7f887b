// Layouts as OCR gives them back: header columns run together, quốc hiệu wrapped in narrow
// columns, a signature column whose lines start a few characters apart.

import { describe, expect, it } from 'vitest';
import { mottoCuts } from '../pipeline/segment/units.js';
import { extractBytesSync } from '../pipeline/extract.js';

describe('quốc hiệu and tiêu ngữ run into the organ beside them', () => {
  it.each([
    ['UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT', ['UBND TỈNH NGHỆ AN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT']],
    ['SỞ Y TẾ Độc lập - Tự do - Hạnh phúc', ['SỞ Y TẾ', 'Độc lập - Tự do - Hạnh phúc']],
    ['SỞ GIÁO DỤC VÀ THỂ THAO NƯỚC CỘNG HOÀ DÂN CHỦ NHÂN DÂN LÀO', ['SỞ GIÁO DỤC VÀ THỂ THAO', 'NƯỚC CỘNG HOÀ DÂN CHỦ NHÂN DÂN LÀO']],
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']],
    ['giữa tỉnh Quảng Bình, nước CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM và tỉnh Khăm Muồn', ['giữa tỉnh Quảng Bình, nước CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM và tỉnh Khăm Muồn']],
    ['CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', ['CHÍNH PHỦ NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']],
  ])('%s', (line, parts) => {
    const cuts = [...mottoCuts(line), line.length];
    let a = 0;
    const got = cuts.map((c) => {
      const p = line.slice(a, c).trim();
      a = c;
      return p;
    });
    expect(got).toEqual(parts);
  });
});

describe('issuers of a header read back from a scan', () => {
  const body = '\nKẾ HOẠCH\nTriển khai Thỏa thuận hợp tác năm 2023\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích: hợp tác.\n';
  const issuersOf = (header: string) => extractBytesSync('header.txt', Buffer.from(header + body)).issuers.map((o) => o.name);

  it('finds the organ when the quốc hiệu runs into it and wraps onto the next line', () => {
    const header = 'UBND TỈNH NGHỆ AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\n                             NAM\nSỞ Y TẾ Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-SYT Nghệ An, ngày 05 tháng 6 năm 2023';
    expect(issuersOf(header)).toEqual(['Sở Y tế tỉnh Nghệ An']);
  });

  it('keeps the pieces of quốc hiệu wrapped in narrow columns out of the organs', () => {
    const header =
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO      SỞ GIÁO DỤC VÀ THỂ THAO\nTỈNH QUẢNG TRỊ              TỈNH SAVANNAKHET\nNƯỚC CỘNG         NƯỚC CỘNG HOÀ DÂN CHỦ NHÂN DÂN\nHOÀ XÃ HỘI        LÀO\nCHỦ NGHĨA\nVIỆT NAM\nĐông Hà, ngày 18 tháng 8 năm 2015';
    const names = issuersOf(header);
    expect(names).toHaveLength(2);
    for (const n of names) expect(n).not.toMatch(/Cộng|Hoà|Xã Hội|Chủ Nghĩa|Lào|Việt Nam/u);
  });
});

describe('a signature block read back from a scan', () => {
  const body = 'SỞ Y TẾ\nSố: 12/KH-SYT\nKẾ HOẠCH\nHợp tác y tế\nI. NỘI DUNG\n1. Đào tạo 10 bác sĩ.\n';
  it.each([
    ['in one column', 31, 31, 31],
    ['with its lines a few characters apart', 31, 32, 29],
  ])('finds the signer %s', (_, authority, note, name) => {
    const pad = (left: string, col: number) => left + ' '.repeat(Math.max(4, col - left.length));
    const closing = [
      `${pad('Nơi nhận:', authority)}KT. GIÁM ĐỐC`,
      `${pad('- UBND tỉnh (b/c);', authority)}PHÓ GIÁM ĐỐC`,
      `${pad('- Sở Tài chính;', note)}(Đã ký)`,
      `${pad('- Lưu: VT, KHTC.', name)}Phạm Thị Kim Hương`,
    ].join('\n');
    const record = extractBytesSync('plan.txt', Buffer.from(`${body}${closing}\n`));
    expect(record.signatories.map((s) => [s.name, s.title, s.authority])).toEqual([['Phạm Thị Kim Hương', 'Phó Giám đốc', 'KT. GIÁM ĐỐC']]);
  });

  it('finds the signer above a trailing file name whose underscores OCR read as spaces', () => {
    const closing = ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', '(Đã ký)', 'Huỳnh Thanh Phong', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, VP UBND tỉnh.', 'TTr NC Binh 05.2018'].join('\n');
    const record = extractBytesSync('notice.txt', Buffer.from(`${body}${closing}\n`));
    expect(record.signatories.map((s) => [s.name, s.authority])).toEqual([['Huỳnh Thanh Phong', 'TL. CHỦ TỊCH']]);
  });
});

describe('a bilingual MOU read back from a scan', () => {
  it('keeps the header and title in the Vietnamese part when an English subtitle sits among them', () => {
    const vi = 'Bên A tiếp nhận và đào tạo cho Bên B 10 bác sĩ và 15 điều dưỡng theo hình thức cầm tay chỉ việc, mỗi khóa 6 tháng tại bệnh viện.';
    const en = 'Party A shall receive and train ten doctors and fifteen nurses of Party B through hands-on coaching, six months per course at the hospital.';
    const text = [
      'BỆNH VIỆN ĐA KHOA TỈNH KIÊN GIANG',
      'KIEN GIANG PROVINCIAL GENERAL HOSPITAL',
      '',
      'BIÊN BẢN GHI NHỚ HỢP TÁC',
      'giữa Bệnh viện Đa khoa tỉnh Kiên Giang và Bệnh viện Chuyển tuyến tỉnh Kampot giai đoạn 2019 - 2021',
      'MEMORANDUM OF UNDERSTANDING ON COOPERATION',
      'between Kien Giang Provincial General Hospital (Viet Nam) and Kampot Provincial Referral Hospital (Kingdom of Cambodia) for the period 2019 - 2021',
      '',
      ...Array.from({ length: 6 }, (_, i) => `${i + 1}. ${vi}`),
      '',
      ...Array.from({ length: 6 }, (_, i) => `${i + 1}. ${en}`),
    ].join('\n');
    const record = extractBytesSync('mou.txt', Buffer.from(`${text}\n`));
    expect(record.docType).toBe('ban_ghi_nho');
    expect(record.title?.value).toMatch(/^BIÊN BẢN GHI NHỚ HỢP TÁC giữa/u);
    expect(record.period?.value).toEqual({ from: 2019, to: 2021 });
  });
});
