// period: the document's own span of years.
import { nd30 } from '../../tests/helpers/documents.js';

export const periodCases = [
  { why: '"giai đoạn 2024 - 2025" in the title', text: nd30({ kind: 'BẢN THỎA THUẬN', number: null, summary: ['Hợp tác phát triển giai đoạn 2024 - 2025'], body: ['I. NỘI DUNG HỢP TÁC', '1. Hợp tác.'] }), expected: { from: 2024, to: 2025 } },
  { why: 'the plan\'s "Thời gian thực hiện" beats the agreement\'s span', text: nd30({ body: ['I. MỤC ĐÍCH', 'Cụ thể hóa Thỏa thuận hợp tác giai đoạn 2021- 2025.', 'II. NỘI DUNG TRIỂN KHAI', '1. Đào tạo cán bộ.', 'Thời gian thực hiện: 2023-2025;'] }), expected: { from: 2023, to: 2025 } },
  { why: 'a one-year plan: "năm 2024" in the title', text: nd30({ summary: ['Hợp tác với tỉnh Cienfuegos (Cuba) năm 2024'], body: ['1. Đào tạo.'] }), expected: { from: 2024, to: 2024 } },
  { why: '"từ năm 2024 đến năm 2030"', text: 'Hai tỉnh hợp tác y tế\nHai bên đã thống nhất ký thỏa thuận hợp tác từ năm 2024 đến năm 2030.\nTin liên quan', expected: { from: 2024, to: 2030 } },
  { why: 'a horizon ("đến năm 2030, tầm nhìn 2045") is not a period', text: nd30({ summary: ['Phát triển y tế đến năm 2030, tầm nhìn đến năm 2045'], body: ['1. Đào tạo.'] }), expected: null },
  { why: 'a five-day trip is not a period of years', text: nd30({ body: ['1. Đoàn công tác làm việc từ ngày 10/7/2023 đến ngày 14/7/2023.'] }), expected: null },
];
