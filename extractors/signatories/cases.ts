// signatories: name, real position and the KT./TM./TL./Q. line, from the signature blocks;
// in news, the people the article says signed.
import { nd30 } from '../../tests/helpers/documents.js';

export const signatoryCases = [
  { why: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC: the real position is Phó Giám đốc', text: nd30({ body: ['1. Nội dung.'] }), expected: [{ name: 'Nguyễn Văn Bình', title: 'Phó Giám đốc', authority: 'KT. GIÁM ĐỐC' }] },
  {
    why: 'TM. / KT. CHỦ TỊCH on two lines, a sign note, a name in capitals',
    text: nd30({ organs: ['ỦY BAN NHÂN DÂN', 'TỈNH ĐIỆN BIÊN'], kind: 'QUYẾT ĐỊNH', number: 'Số: 248/QĐ-UBND', body: ['Điều 1. Phê duyệt.'], closing: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '(Đã ký)', 'LÒ VĂN TIẾN'] }),
    expected: [{ name: 'Lò Văn Tiến', title: 'Phó Chủ tịch', authority: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH' }],
  },
  {
    why: 'two blocks side by side, an academic prefix dropped from the name',
    text: nd30({ kind: 'THỎA THUẬN HỢP TÁC', number: null, body: ['1. Hợp tác.'], closing: ['ĐẠI DIỆN BÊN A                      ĐẠI DIỆN BÊN B', 'HIỆU TRƯỞNG                         GIÁM ĐỐC', '(Đã ký)                             (Đã ký)', 'PGS.TS. Trần Minh Khoa               Lù Văn Sính'] }),
    expected: [{ name: 'Trần Minh Khoa', title: 'Hiệu trưởng' }, { name: 'Lù Văn Sính', title: 'Giám đốc' }],
  },
  {
    why: 'news: the signers, not the attendees',
    text: 'Hai bộ ký bản ghi nhớ hợp tác y tế\nDự lễ ký kết có ông Nguyễn Văn Tuấn, Đại sứ Việt Nam.\nThứ trưởng Bộ Y tế Lê Minh Khôi và Quốc vụ khanh Bộ Y tế Campuchia Hem Sothea đã ký Bản ghi nhớ. Ông Hem Sothea cảm ơn phía Việt Nam.\nTin liên quan',
    expected: [{ name: 'Lê Minh Khôi' }, { name: 'Hem Sothea' }],
  },
];
