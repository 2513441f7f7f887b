// documentNumber: the header's số/ký hiệu, normalized, with its parts; never the receiving
// office's incoming-mail stamp.
import { nd30 } from '../../tests/helpers/documents.js';

export const documentNumberCases = [
  { why: 'spaces removed: "123 /KH-SYT"', text: nd30({ number: 'Số: 123 /KH-SYT', body: ['1. Nội dung.'] }), expected: { value: '123/KH-SYT', number: 123, year: null, typeCode: 'KH', issuerCode: 'SYT' } },
  { why: 'a year between number and ký hiệu', text: nd30({ kind: 'QUYẾT ĐỊNH', number: 'Số: 05/2024/QĐ-UBND', body: ['Điều 1. Phê duyệt.'] }), expected: { value: '05/2024/QĐ-UBND', number: 5, year: 2024, typeCode: 'QĐ', issuerCode: 'UBND' } },
  { why: 'a công văn number has no type code', text: ['SỞ Y TẾ', 'Số: 1234/SYT-NVY', 'V/v triển khai hợp tác', '', 'Hà Tĩnh, ngày 2 tháng 3 năm 2023', 'Kính gửi: Các đơn vị', '1. Nội dung.'].join('\n'), expected: { value: '1234/SYT-NVY', number: 1234, year: null, typeCode: null, issuerCode: 'SYT-NVY' } },
  { why: 'OCR slips: "Sô" for "Số", letter O for a zero', text: nd30({ number: 'Sô: 1O5/KH-UBND', body: ['1. Nội dung.'] }), expected: { value: '105/KH-UBND', number: 105, year: null, typeCode: 'KH', issuerCode: 'UBND' } },
  { why: 'number and place–date share one line', text: nd30({ number: 'Số: 12/KH-UBND          Hà Nội, ngày 5 tháng 3 năm 2024', placeDate: null, body: ['1. Nội dung.'] }), expected: { value: '12/KH-UBND', number: 12, year: null, typeCode: 'KH', issuerCode: 'UBND' } },
  { why: 'an incoming-mail stamp is not the number', text: nd30({ kind: 'BẢN THỎA THUẬN', number: 'SỞ Y TẾ TỈNH KON TUM\nSố: 7790\nNgày: 09/4/2024\nChuyển:\nLưu hồ sơ số:', body: ['I. NỘI DUNG HỢP TÁC', '1. Hợp tác.'] }), expected: null },
];
