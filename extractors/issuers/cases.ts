// issuers: the issuing organ of the header (the lower line), completed with the territory of
// the parent organ; abbreviations written out; both sides of a bilateral agreement.
import { nd30 } from '../../tests/helpers/documents.js';

export const issuerCases = [
  { why: 'SỞ Y TẾ under UBND TỈNH BẮC GIANG', text: nd30({ body: ['1. Nội dung.'] }), expected: ['Sở Y tế tỉnh Bắc Giang'] },
  { why: 'a people\'s committee issuing itself', text: nd30({ organs: ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG TRỊ'], number: 'Số: 85/KH-UBND', body: ['1. Nội dung.'] }), expected: ['Ủy ban nhân dân tỉnh Quảng Trị'] },
  { why: 'a ministry', text: nd30({ organs: ['BỘ Y TẾ'], number: 'Số: 215/KH-BYT', body: ['1. Nội dung.'] }), expected: ['Bộ Y tế'] },
  { why: 'the committee\'s own office: "Văn phòng" takes the committee\'s full name', text: nd30({ organs: ['UBND TỈNH QUẢNG NAM', 'VĂN PHÒNG'], kind: 'THÔNG BÁO', number: 'Số: 412/TB-VP', body: ['1. Kết luận.'] }), expected: ['Văn phòng Ủy ban nhân dân tỉnh Quảng Nam'] },
  { why: 'a joint header names two issuing departments', text: nd30({ organs: ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH – TỈNH KON TUM', 'SỞ Y TẾ THÀNH PHỐ HỒ CHÍ MINH –', 'SỞ Y TẾ TỈNH KON TUM'], kind: 'BẢN THỎA THUẬN', number: null, body: ['I. NỘI DUNG HỢP TÁC', '1. Hợp tác.'] }), expected: ['Sở Y tế Thành phố Hồ Chí Minh', 'Sở Y tế tỉnh Kon Tum'] },
  { why: 'a bilingual header: the English line restates the organ', text: nd30({ organs: ['BỆNH VIỆN ĐA KHOA TỈNH KIÊN GIANG', 'KIEN GIANG PROVINCIAL GENERAL HOSPITAL'], number: 'Số: 12/KH-BV', body: ['1. Nội dung.'] }), expected: ['Bệnh viện Đa khoa tỉnh Kiên Giang'] },
  { why: 'a news page has no issuing organ, even under a headline in capitals', text: 'NGHỆ AN VÀ HỦA PHĂN KÝ KẾT THỎA THUẬN HỢP TÁC Y TẾ\nSáng 5/3, hai Sở Y tế đã ký kết thỏa thuận.\nTin liên quan', expected: [] },
  { why: 'no organ lines: composed from the number\'s issuer code and the place', text: nd30({ organs: [], body: ['1. Nội dung.'] }), expected: ['Sở Y tế tỉnh Bắc Giang'] },
];
