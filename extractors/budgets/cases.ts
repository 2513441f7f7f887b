// budgets: money amounts as integers in their currency; words checked against the figure.
import { nd30 } from '../../tests/helpers/documents.js';

const plan = (lines: string[]) => nd30({ body: ['III. KINH PHÍ', ...lines] });

export const budgetCases = [
  { why: 'dots group thousands', text: plan(['Dự kiến tổng kinh phí thực hiện Kế hoạch là: 1.766.925.000 đồng']), expected: [{ amount: 1766925000, currency: 'VND' }] },
  { why: 'a decimal comma with a scale word', text: plan(['Kinh phí hỗ trợ 2,8 tỷ đồng.']), expected: [{ amount: 2800000000, currency: 'VND' }] },
  { why: 'two scale words', text: plan(['Tổng kinh phí 1 tỷ 200 triệu đồng.']), expected: [{ amount: 1200000000, currency: 'VND' }] },
  { why: 'a foreign currency keeps its code', text: plan(['Chính phủ Canađa tài trợ 4 triệu đô la Canađa; Nhật Bản viện trợ 2,141 tỷ Yên.']), expected: [{ amount: 4000000, currency: 'CAD' }, { amount: 2141000000, currency: 'JPY' }] },
  { why: 'the VND equivalent of a foreign amount is the same money', text: plan(['Vốn viện trợ 1,2 triệu USD (tương đương khoảng 28 tỷ đồng).']), expected: [{ amount: 1200000, currency: 'USD' }] },
  { why: 'a rate per person is not a budget', text: plan(['Mức chi 500.000 đồng/người/ngày; tổng kinh phí 300.000.000 đồng.']), expected: [{ amount: 300000000, currency: 'VND' }] },
  { why: 'a table in "triệu đồng"', text: plan(['Đơn vị tính: triệu đồng\n| TT | Nội dung | Dự toán |\n|---|---|---|\n| 1 | Đào tạo | 3.660 |\n| 2 | Hội thảo | 420 |\n| | Tổng cộng | 4.080 |']), expected: [{ amount: 3660000000, currency: 'VND' }, { amount: 420000000, currency: 'VND' }, { amount: 4080000000, currency: 'VND' }] },
  { why: 'a table aligned with spaces', text: plan(['Đơn vị tính: triệu đồng\nSTT   NỘI DUNG                        KINH PHÍ   GHI CHÚ\n1     Xây dựng 03 mô hình trình diễn       450    Vụ Hè Thu\n2     Tổ chức 04 lớp tập huấn              180    Quý II\n      TỔNG CỘNG                            630']), expected: [{ amount: 450000000, currency: 'VND' }, { amount: 180000000, currency: 'VND' }, { amount: 630000000, currency: 'VND' }] },
];

export const wordsCases = [
  { why: 'words that agree', text: plan(['Tổng kinh phí: 5.850.000.000 đồng (Bằng chữ: Năm tỷ, tám trăm năm mươi triệu đồng chẵn).']), wordsAgree: true },
  { why: 'words that do not', text: plan(['Tổng kinh phí: 1.285.400.000 đồng (Bằng chữ: Một tỷ, hai trăm năm mươi tám triệu, bốn trăm nghìn đồng).']), wordsAgree: false },
];
