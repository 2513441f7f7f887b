// references: every other document cited with a số/ký hiệu, once, with its date.
import { nd30 } from '../../tests/helpers/documents.js';

export const referenceCases = [
  { why: 'number and date, cited twice, listed once', text: nd30({ preamble: ['Triển khai Kế hoạch số 481/KH-UBND ngày 25/8/2022 của UBND tỉnh.'], body: ['1. Thực hiện Kế hoạch số 481/KH-UBND.'] }), expected: [{ number: '481/KH-UBND', date: '2022-08-25' }] },
  { why: 'a year in the number, a date in words', text: nd30({ preamble: ['Căn cứ Nghị định số 111/2017/NĐ-CP ngày 05 tháng 10 năm 2017 của Chính phủ;'], body: ['1. Nội dung.'] }), expected: [{ number: '111/2017/NĐ-CP', date: '2017-10-05' }] },
  { why: 'mixed-case codes (TTr, SNgV) and a party document (25-CT/TW)', text: nd30({ preamble: ['Xét Tờ trình số 57/TTr-SNgV ngày 13/5/2018 của Sở Ngoại vụ;', 'Thực hiện Chỉ thị số 25-CT/TW của Ban Bí thư;'], body: ['1. Nội dung.'] }), expected: [{ number: '57/TTr-SNgV', date: '2018-05-13' }, { number: '25-CT/TW', date: null }] },
  { why: 'a bare number without ký hiệu is not a reference; the own number is not either', text: nd30({ preamble: ['Thực hiện Nghị quyết 39 của Bộ Chính trị;'], body: ['1. Kế hoạch số 123/KH-SYT được triển khai.'] }), expected: [] },
  { why: 'a date alone ("25/8/2022") is not a number', text: nd30({ body: ['1. Hội nghị ngày 25/8/2022 tại Bắc Giang.'] }), expected: [] },
];
