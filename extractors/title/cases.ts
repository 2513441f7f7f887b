// title: tên loại + trích yếu, one space between; the V/v line of a công văn; a news headline.
import { nd30 } from '../../tests/helpers/documents.js';

export const titleCases = [
  { why: 'tên loại and a two-line trích yếu', text: nd30({ kind: 'BẢN THỎA THUẬN', number: null, summary: ['', 'Hợp tác phát triển giữa Sở Y tế Thành phố Hồ Chí Minh', 'và Sở Y tế các tỉnh vùng Tây Nguyên giai đoạn 2024 - 2025'], body: ['I. NỘI DUNG HỢP TÁC', '1. Hợp tác.'] }), expected: 'BẢN THỎA THUẬN Hợp tác phát triển giữa Sở Y tế Thành phố Hồ Chí Minh và Sở Y tế các tỉnh vùng Tây Nguyên giai đoạn 2024 - 2025' },
  { why: 'a trích yếu that opens with "Triển khai"', text: nd30({ summary: ['', 'Triển khai thực hiện Kế hoạch số 481/KH-UBND ngày 25/8/2022'], preamble: ['Triển khai Kế hoạch số 481/KH-UBND, Sở Y tế xây dựng Kế hoạch như sau:'], body: ['1. Nội dung.'] }), expected: 'KẾ HOẠCH Triển khai thực hiện Kế hoạch số 481/KH-UBND ngày 25/8/2022' },
  { why: 'the deciding authority of a QĐ is not part of its title', text: nd30({ kind: 'QUYẾT ĐỊNH', number: 'Số: 45/QĐ-UBND', summary: ['Về việc phê duyệt Đề án hợp tác với tỉnh Hủa Phăn'], preamble: ['CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA', 'QUYẾT ĐỊNH:'], body: ['Điều 1. Phê duyệt.'] }), expected: 'QUYẾT ĐỊNH Về việc phê duyệt Đề án hợp tác với tỉnh Hủa Phăn' },
  { why: 'a công văn: the V/v line', text: ['SỞ Y TẾ', 'Số: 2157/SYT-NVY', 'V/v cử cán bộ tham gia đoàn công tác', 'tại tỉnh Bô-ly-khăm-xay (Lào)', '', 'Hà Tĩnh, ngày 20 tháng 6 năm 2023', 'Kính gửi: Các đơn vị', '1. Cử cán bộ.'].join('\n'), expected: 'V/v cử cán bộ tham gia đoàn công tác tại tỉnh Bô-ly-khăm-xay (Lào)' },
  { why: 'tên loại and trích yếu on one line', text: nd30({ kind: 'KẾ HOẠCH Triển khai thỏa thuận hợp tác với tỉnh Hủa Phăn năm 2024', summary: [], body: ['I. NỘI DUNG', '1. Đào tạo.'] }), expected: 'KẾ HOẠCH Triển khai thỏa thuận hợp tác với tỉnh Hủa Phăn năm 2024' },
  { why: 'news: the headline', text: 'Nghệ An và Lào ký kết thỏa thuận hợp tác y tế\nSáng nay, hai bên đã ký kết thỏa thuận.\nTin liên quan', expected: 'Nghệ An và Lào ký kết thỏa thuận hợp tác y tế' },
];
