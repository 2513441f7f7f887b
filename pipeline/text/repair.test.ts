import { describe, expect, it } from 'vitest';
import { repairLines, toNfc } from './repair.js';
import { mapSpan } from './offsets.js';
import { normalizeBytes, normalizeText } from '../stages/normalize.js';
import { convertLegacy } from './legacy.js';

describe('line repair', () => {
  it('joins a sentence split across a blank line and keeps the spelling', () => {
    const r = repairLines('3. Đào tạo, chuyển giao kỹ thuật theo hình thức cầm tay chỉ\n\nviệc cho 15 nhân viên y tế.\n');
    expect(r.text).toBe('3. Đào tạo, chuyển giao kỹ thuật theo hình thức cầm tay chỉ việc cho 15 nhân viên y tế.\n');
  });

  it('rejoins a word hyphen-broken at a line end', () => {
    expect(repairLines('phối hợp chuyển giao kỹ thu-\nật xét nghiệm cho bệnh viện tuyến tỉnh\n').text).toContain('kỹ thuật xét nghiệm');
  });

  it('keeps a real hyphen before a capitalised word', () => {
    expect(repairLines('phòng, chống dịch COVID-\n19 tại cửa khẩu\n').text).not.toContain('COVID19');
  });

  it('drops page marks between pages and joins the sentence they split', () => {
    const r = repairLines('Các đơn vị phối hợp triển khai thực hiện kế hoạch đào tạo cho\n\nTrang 2/3\n\ncán bộ y tế của tỉnh bạn.\n');
    expect(r.text).toBe('Các đơn vị phối hợp triển khai thực hiện kế hoạch đào tạo cho cán bộ y tế của tỉnh bạn.\n');
    expect(r.changes.droppedPageMarks).toBe(1);
  });

  it.each([
    ['năm 2024: 20 suất; năm 2025: 20 suất; năm 2026: 20 suất (tổng cộng\n60 suất học bổng trong giai đoạn)\n', true],
    ['Bên Việt Nam tiếp nhận mỗi năm 30 học sinh, tổng số cả giai đoạn là\n180 lưu học sinh.\n', true],
    ['Các bên thống nhất triển khai các nội dung hợp tác sau đây trong năm\n1. đào tạo cán bộ y tế\n', false],
    ['Các bên thống nhất triển khai các nội dung hợp tác sau đây trong năm\n2 Mục tiêu cụ thể\n', false],
    ['trang bị 45 bộ thiết bị hồi sức sơ sinh cho các bệnh viện tuyến tỉnh, tổng kinh phí\n1.050.000 USD.\n', true],
    ['Các bên thống nhất triển khai các nội dung hợp tác sau đây trong năm\n1.2. Đào tạo cán bộ\n', false],
    ['thiết lập 12 đơn nguyên chăm sóc bà mẹ Kangaroo tại các trung tâm y tế huyện. Kinh phí dự kiến:\n1.050.000 USD.\n', true],
    ['thiết lập 12 đơn nguyên chăm sóc bà mẹ Kangaroo tại các trung tâm y tế huyện. Kinh phí dự kiến:\n1.050.000 USD cho hợp phần 1\n', false],
  ])('a number at the start of the next line: %j joined %s', (text, joined) => {
    expect(repairLines(text).changes.joinedLines).toBe(joined ? 1 : 0);
  });

  it('in hard-wrapped text, ends a line where the next word would still have fitted and joins a real wrap', () => {
    const body = [
      'Thực hiện Thỏa thuận hợp tác trong lĩnh vực y tế giữa Sở Y tế tỉnh',
      'Sơn La và Sở Y tế tỉnh Luông Pha Bang, nước Cộng hoà dân chủ nhân',
      'dân Lào giai đoạn 2023 - 2027 (ký ngày 18/11/2022 tại thành phố',
      'Luang Prabang); Kế hoạch số 35/KH-SYT ngày 22/01/2024 của Sở Y',
      'tế về triển khai Thỏa thuận hợp tác năm 2024; theo đề nghị của Sở',
      'Ngoại vụ tại Công văn số 1690/SNgV-HTQT ngày 25/11/2024 về việc',
      'báo cáo kết quả hợp tác với các tỉnh Bắc Lào năm 2024, Sở Y tế tỉnh',
      'Sơn La báo cáo kết quả thực hiện như sau: các đơn vị đã tiếp nhận',
      'và đào tạo cho 18 học viên là cán bộ y tế tỉnh Luông Pha Bang, đạt',
      '90% kế hoạch, trong đó 06 bác sĩ học định hướng chuyên khoa Nội, Sản',
      'và Nhi, 08 điều dưỡng viên và 04 kỹ thuật viên xét nghiệm tại tỉnh',
      'Sơn La; thời gian đào tạo từ 3 đến 6 tháng cho mỗi khóa học đã mở.',
    ];
    const t = ['Kết quả thực hiện Thỏa thuận hợp tác trong lĩnh vực y tế giữa Sở Y tế', 'tỉnh Sơn La và Sở Y tế tỉnh Luông Pha Bang năm 2024', ...body].join('\n') + '\n';
    const out = repairLines(t).text;
    expect(out).toContain('năm 2024\nThực hiện');
    expect(out).toContain('giữa Sở Y tế tỉnh Sơn La và');
    expect(out).toContain('tại thành phố Luang Prabang);');
  });

  it('never joins headings, list items or two-column lines', () => {
    const t = 'UBND TỈNH BẮC GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ\n- đào tạo cán bộ\n- chuyển giao kỹ thuật\n';
    expect(repairLines(t).text).toBe(t);
  });

  it('maps every character of the repaired text back to the input', () => {
    const input = 'Hợp tác giữa hai tỉnh trong lĩnh vực y tế, giáo dục và\r\nnông nghiệp\u00a0giai đoạn 2024 - 2025\r\n';
    const r = repairLines(input);
    const at = r.text.indexOf('nông nghiệp');
    const [s, e] = mapSpan(r.origin, at, at + 'nông nghiệp'.length);
    expect(input.slice(s, e)).toBe('nông nghiệp');
  });

  it('composes decomposed text (NFC) with an exact map', () => {
    const input = 'Ho\u0300a bi\u0300nh'; // decomposed "Hoà bình"
    const n = toNfc(input);
    expect(n.text).toBe('Hòa bình');
    const at = n.text.indexOf('bình');
    const [s, e] = mapSpan(n.origin, at, at + 4);
    expect(input.slice(s, e).normalize('NFC')).toBe('bình');
  });
});

describe('offset maps through the whole normalize stage', () => {
  it('traces a value found in converted TCVN3 text back to its bytes', () => {
    const raw = 'Céng hßa x· héi chñ nghÜa ViÖt Nam\r\nSë Y tÕ tØnh Qu¶ng TrÞ tæ chøc ®µo t¹o c¸n bé y tÕ.\r\n';
    const n = normalizeBytes('t.txt', Uint8Array.from([...raw].map((c) => c.charCodeAt(0))));
    expect(n.encoding).toBe('tcvn3');
    const at = n.text.indexOf('Sở Y tế');
    const [s, e] = mapSpan(n.origin, at, at + 'Sở Y tế'.length);
    expect(convertLegacy(n.raw.slice(s, e), 'tcvn3').text).toBe('Sở Y tế');
  });

  it('is the identity for clean NFC text', () => {
    const n = normalizeText('Kế hoạch số 123/KH-SYT.\n');
    expect([...n.origin.slice(0, 5)]).toEqual([0, 1, 2, 3, 4]);
  });
});
