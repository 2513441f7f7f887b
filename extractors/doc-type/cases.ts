// docType: what the document says it is.
import { nd30 } from '../../tests/helpers/documents.js';

export const docTypeCases = [
  { why: 'the tên loại KẾ HOẠCH', text: nd30({ body: ['I. NỘI DUNG', '1. Đào tạo cán bộ.'] }), expected: 'ke_hoach' },
  { why: 'QUYẾT ĐỊNH with its deciding authority', text: nd30({ kind: 'QUYẾT ĐỊNH', number: 'Số: 45/QĐ-UBND', summary: ['Về việc phê duyệt Đề án hợp tác'], preamble: ['CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG', 'QUYẾT ĐỊNH:'], body: ['Điều 1. Phê duyệt Đề án.', 'Điều 2. Quyết định có hiệu lực từ ngày ký.'] }), expected: 'quyet_dinh' },
  { why: 'BIÊN BẢN GHI NHỚ is an MOU, not a bien_ban', text: nd30({ kind: 'BIÊN BẢN GHI NHỚ', number: null, summary: ['Về hợp tác y tế'], body: ['Điều 1. Nội dung.'] }), expected: 'ban_ghi_nho' },
  { why: 'BẢN THỎA THUẬN', text: nd30({ kind: 'BẢN THỎA THUẬN', number: null, summary: ['Hợp tác phát triển giai đoạn 2024 - 2025'], body: ['I. NỘI DUNG HỢP TÁC', '1. Hợp tác đào tạo.'] }), expected: 'thoa_thuan' },
  { why: 'a công văn has a V/v line and no tên loại', text: ['SỞ Y TẾ TỈNH HÀ TĨNH', 'Số: 2157/SYT-NVY', 'V/v cử cán bộ tham gia đoàn công tác', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Tĩnh, ngày 20 tháng 6 năm 2023', '', 'Kính gửi: Bệnh viện Đa khoa tỉnh', '', '1. Cử 02 bác sĩ.', '2. Báo cáo kết quả.'].join('\n'), expected: 'cong_van' },
  { why: 'a news page: headline, article, related links', text: 'Nghệ An và Lào ký kết thỏa thuận hợp tác y tế\nSáng nay, Sở Y tế Nghệ An và Sở Y tế tỉnh Xiêng Khoảng đã ký kết thỏa thuận hợp tác.\nHai bên thống nhất nhiều nội dung.\nTin liên quan\nBài khác 12/3/2024', expected: 'tin_tuc' },
  { why: 'THÔNG BÁO kết luận', text: nd30({ kind: 'THÔNG BÁO', number: 'Số: 412/TB-VP', summary: ['Kết luận của Phó Chủ tịch UBND tỉnh'], body: ['1. Đánh giá chung.', '2. Nhiệm vụ.'] }), expected: 'thong_bao' },
];
