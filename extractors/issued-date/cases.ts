// issuedDate / issuedPlace: the place–date line; an agreement's signing clause otherwise.
import { nd30 } from '../../tests/helpers/documents.js';

export const issuedCases = [
  { why: 'the ordinary place–date line', text: nd30({ body: ['1. Nội dung.'] }), date: '2022-10-10', place: 'Bắc Giang' },
  { why: 'OCR wrote "thắng" for "tháng"', text: nd30({ placeDate: 'Nghệ An, ngày 05 thắng 6 năm 2023', body: ['1. Nội dung.'] }), date: '2023-06-05', place: 'Nghệ An' },
  { why: 'numeric date, TP. kept as printed', text: nd30({ placeDate: 'TP. Hồ Chí Minh, ngày 3/4/2024', body: ['1. Nội dung.'] }), date: '2024-04-03', place: 'TP. Hồ Chí Minh' },
  { why: 'the place keeps "Thành phố" for Hồ Chí Minh (else it is the person)', text: nd30({ placeDate: 'Thành phố Hồ Chí Minh, ngày 03 tháng 4 năm 2024', body: ['1. Nội dung.'] }), date: '2024-04-03', place: 'Thành phố Hồ Chí Minh' },
  { why: 'the place after a number on the same line', text: nd30({ number: 'Số: 85/KH-UBND          Quảng Trị, ngày 5 tháng 3 năm 2024', placeDate: null, body: ['1. Nội dung.'] }), date: '2024-03-05', place: 'Quảng Trị' },
  { why: 'an agreement with only a signing clause', text: ['BIÊN BẢN GHI NHỚ', 'Về hợp tác y tế giữa Sở Y tế tỉnh A và Sở Y tế tỉnh B', '', 'Điều 1. Hai bên hợp tác đào tạo.', '', 'Làm tại Viêng Chăn, ngày 19 tháng 01 năm 2024, thành hai bản.', '', 'GIÁM ĐỐC', 'Nguyễn Văn An'].join('\n'), date: '2024-01-19', place: 'Viêng Chăn' },
];
