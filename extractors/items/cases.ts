// items: the numbered entries of the operative or main-content section.
import { nd30 } from '../../tests/helpers/documents.js';

export const itemCases = [
  {
    why: 'the children of "II. NỘI DUNG TRIỂN KHAI", not those of "I. MỤC ĐÍCH, YÊU CẦU" or "IV. TỔ CHỨC THỰC HIỆN"',
    text: nd30({ body: ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'Cụ thể hóa thỏa thuận.', '2. Yêu cầu', '- Xác định nhiệm vụ.', 'II. NỘI DUNG TRIỂN KHAI', '1. Cử cán bộ tham gia đoàn công tác.', '2. Đón tiếp đoàn của tỉnh bạn.', '3. Đào tạo 15 nhân viên y tế.', 'III. KINH PHÍ', 'Tổng kinh phí 1.766.925.000 đồng.', 'IV. TỔ CHỨC THỰC HIỆN', '1. Phòng Tổ chức tham mưu.', '2. Các phòng phối hợp.'] }),
    expected: [{ label: '1', text: 'Cử cán bộ tham gia đoàn công tác.' }, { label: '2', text: 'Đón tiếp đoàn của tỉnh bạn.' }, { label: '3', text: 'Đào tạo 15 nhân viên y tế.' }],
  },
  {
    why: 'a Quyết định: its articles, labelled "Điều n"',
    text: nd30({ kind: 'QUYẾT ĐỊNH', number: 'Số: 45/QĐ-UBND', summary: ['Về việc phê duyệt Đề án'], preamble: ['CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC GIANG', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'QUYẾT ĐỊNH:'], body: ['Điều 1. Phê duyệt Đề án hợp tác.', '1. Mục tiêu: đào tạo cán bộ.', 'Điều 2. Giao Sở Y tế chủ trì.', 'Điều 3. Quyết định có hiệu lực kể từ ngày ký.'] }),
    expected: [{ label: 'Điều 1', text: 'Phê duyệt Đề án hợp tác. 1. Mục tiêu: đào tạo cán bộ.' }, { label: 'Điều 2', text: 'Giao Sở Y tế chủ trì.' }, { label: 'Điều 3', text: 'Quyết định có hiệu lực kể từ ngày ký.' }],
  },
  {
    why: 'an agreement: the numbered points of "Điều 2. Nội dung hợp tác"',
    text: nd30({ kind: 'THỎA THUẬN HỢP TÁC', number: null, body: ['Điều 1. Mục tiêu', 'Tăng cường hợp tác.', 'Điều 2. Nội dung hợp tác', '1. Đào tạo nguồn nhân lực.', '2. Chuyển giao kỹ thuật.', 'Điều 3. Điều khoản thi hành', 'Có hiệu lực từ ngày ký.'] }),
    expected: [{ label: '1', text: 'Đào tạo nguồn nhân lực.' }, { label: '2', text: 'Chuyển giao kỹ thuật.' }],
  },
  {
    why: 'a flattened text: top-level tasks, headings before their sub-items',
    text: `Cụ thể như sau: 1 Khởi động chương trình phát triển nguồn nhân lực y tế chất lượng cao 1.1. Xây dựng Đề án hỗ trợ tài năng trẻ. 1.2. Ký kết bản ghi nhớ về đào tạo. 2 Triển khai Chương trình quản lý sức khỏe người dân thuộc nhóm nguy cơ 2.1. Nhân rộng chương trình tầm soát bệnh không lây nhiễm cho người dân Thành phố. 2.2. Khám sức khỏe người cao tuổi. 3 Củng cố các điều kiện cần để chuyển đổi số 3.1. Khảo sát hạ tầng công nghệ thông tin của các cơ sở y tế.`,
    expected: [{ label: '1', heading: 'Khởi động chương trình phát triển nguồn nhân lực y tế chất lượng cao' }, { label: '2', heading: 'Triển khai Chương trình quản lý sức khỏe người dân thuộc nhóm nguy cơ' }, { label: '3', heading: 'Củng cố các điều kiện cần để chuyển đổi số' }],
  },
  {
    why: 'a công văn: its numbered points',
    text: ['SỞ Y TẾ', 'Số: 2157/SYT-NVY', 'V/v cử cán bộ', '', 'Hà Tĩnh, ngày 20 tháng 6 năm 2023', 'Kính gửi: Các đơn vị', '', 'Sở Y tế đề nghị:', '1. Bệnh viện Đa khoa tỉnh cử 02 bác sĩ.', '2. Trung tâm Kiểm soát bệnh tật cử 01 cán bộ.', '', 'Nơi nhận:', '- Như trên;', '', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Văn Lâm'].join('\n'),
    expected: [{ label: '1', text: 'Bệnh viện Đa khoa tỉnh cử 02 bác sĩ.' }, { label: '2', text: 'Trung tâm Kiểm soát bệnh tật cử 01 cán bộ.' }],
  },
];
