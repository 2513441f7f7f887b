// quotas: explicit target counts with their unit and year.
import { nd30 } from '../../tests/helpers/documents.js';

const plan = (lines: string[]) => nd30({ body: ['II. NỘI DUNG TRIỂN KHAI', ...lines] });

export const quotaCases = [
  { why: 'a target in a training item', text: plan(['1. Đào tạo, chuyển giao kỹ thuật cho 15 nhân viên y tế tỉnh Xây Sốp Bùn.']), expected: [{ quantity: 15, unit: 'nhân viên y tế', year: null }] },
  { why: '"03 (ba)" reads 3; the year of the line', text: plan(['1. Năm 2023: Đào tạo 03 (ba) cán bộ quản lý khám chữa bệnh.']), expected: [{ quantity: 3, unit: 'cán bộ quản lý khám chữa bệnh', year: 2023 }] },
  { why: 'a count inside a parenthesis is its own target', text: plan(['1. Năm 2024: Đào tạo 3 kỹ thuật (06 cán bộ y tế);']), expected: [{ quantity: 3, unit: 'kỹ thuật', year: 2024 }, { quantity: 6, unit: 'cán bộ y tế', year: 2024 }] },
  { why: '"hơn 200 lượt người" reads 200', text: plan(['1. Tổ chức khám bệnh miễn phí cho hơn 200 lượt người dân.']), expected: [{ quantity: 200, unit: 'lượt người dân', year: null }] },
  { why: 'an unlisted noun counts too: "15.000 cây giống"', text: plan(['1. Hỗ trợ 15.000 cây giống ăn quả cho nông dân.']), expected: [{ quantity: 15000, unit: 'cây giống ăn quả', year: null }] },
  { why: 'not targets: provinces, copies, durations, ordinals', text: plan(['1. Giám đốc Sở Y tế 05 tỉnh thống nhất; lập thành 04 bản; đào tạo trong 3 tháng; hội nghị lần thứ 3 tổ chức đào tạo.']), expected: [] },
  { why: 'an achievement ("đã đào tạo") is not a target', text: plan(['1. Năm 2024 đã đào tạo 30 cán bộ y tế.']), expected: [] },
  { why: 'a number inside a unit ("máy điện tim 6 kênh") is not another count', text: plan(['1. Trao tặng 01 máy điện tim 6 kênh.']), expected: [{ quantity: 1, unit: 'máy điện tim', year: null }] },
];
