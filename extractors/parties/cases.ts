// parties: the sides of the agreement the document is about, as the text names them.
import { nd30 } from '../../tests/helpers/documents.js';

export const partyCases = [
  {
    why: 'a plan: "Thỏa thuận hợp tác với tỉnh X (Lào)" and the issuer\'s own province',
    text: nd30({ summary: ['Triển khai Thỏa thuận hợp tác với tỉnh Xây Sôm Bun (Lào) lĩnh vực y tế'], body: ['1. Đào tạo cán bộ.'] }),
    expected: [{ name: 'tỉnh Bắc Giang', country: 'VN' }, { name: 'tỉnh Xây Sôm Bun', country: 'LA' }],
  },
  {
    why: 'an agreement: "giữa X và Y" in its title',
    text: nd30({ organs: ['SỞ Y TẾ TỈNH THỪA THIÊN HUẾ'], kind: 'THỎA THUẬN HỢP TÁC', number: null, summary: ['Giữa Sở Y tế tỉnh Thừa Thiên Huế và Sở Y tế tỉnh Quảng Bình'], body: ['I. NỘI DUNG HỢP TÁC', '1. Chuyển giao kỹ thuật.'] }),
    expected: [{ name: 'Sở Y tế tỉnh Thừa Thiên Huế', country: 'VN' }, { name: 'Sở Y tế tỉnh Quảng Bình', country: 'VN' }],
  },
  {
    why: 'a letter: the signing sentence names both sides, country qualifiers dropped',
    text: ['ỦY BAN NHÂN DÂN', 'TỈNH TÂY NINH', 'Số: 1432/UBND-NC', 'V/v triển khai Biên bản ghi nhớ với tỉnh Svay Rieng', '', 'Tây Ninh, ngày 22 tháng 5 năm 2018', '', 'Ngày 26/3/2018, Uỷ ban nhân dân tỉnh Tây Ninh, nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính quyền tỉnh Svay Rieng, Vương quốc Campuchia đã ký kết Biên bản ghi nhớ hợp tác.', '', 'a) Giao Sở Y tế đào tạo 30 cán bộ.'].join('\n'),
    expected: [{ name: 'Uỷ ban nhân dân tỉnh Tây Ninh', country: 'VN' }, { name: 'Chính quyền tỉnh Svay Rieng', country: 'KH' }],
  },
  {
    why: 'news: an elided organ type is written in ("Sở Y tế A và các tỉnh B")',
    text: 'Ngành y tế TPHCM cùng các tỉnh Đông Nam Bộ ký kết thỏa thuận hợp tác\nTại hội nghị, Sở Y tế TPHCM và các tỉnh vùng Đông Nam Bộ đã ký kết thỏa thuận hợp tác.\nTin liên quan',
    expected: [{ name: 'Sở Y tế TPHCM', country: 'VN' }, { name: 'Sở Y tế các tỉnh vùng Đông Nam Bộ', country: 'VN' }],
  },
  {
    why: 'BÊN A / BÊN B blocks',
    text: ['BIÊN BẢN GHI NHỚ', 'Về hợp tác y tế', '', 'BÊN A: TRUNG TÂM Y TẾ HUYỆN TỊNH BIÊN', 'Đại diện: Ông Lê Văn An', '', 'BÊN B: TRUNG TÂM Y TẾ HUYỆN KI-RI-VÔNG', 'Đại diện: Ông Sok Dara', '', '1. Khám bệnh cho hơn 200 lượt người.'].join('\n'),
    expected: [{ name: 'Trung tâm Y tế huyện Tịnh Biên' }, { name: 'Trung tâm Y tế huyện Ki-ri-vông' }],
  },
  {
    why: 'news that is not about one agreement names no parties',
    text: 'Cụ thể như sau: 1 Phát triển nguồn nhân lực y tế chất lượng cao từ y tế cơ sở đến y tế chuyên sâu 1.1. Xây dựng Đề án hỗ trợ tài năng trẻ trong lĩnh vực y tế. 1.2. Ký kết bản ghi nhớ giữa Thành phố với Bộ Y tế Cu ba về đào tạo nâng cao năng lực chăm sóc sức khỏe ban đầu. 2 Quản lý sức khỏe người dân thuộc nhóm nguy cơ 2.1. Nhân rộng chương trình tầm soát các bệnh không lây nhiễm. 2.2. Khám sức khỏe cho người cao tuổi trên địa bàn Thành phố. SỞ Y TẾ TPHCM Xem thêm...',
    expected: [],
  },
];
