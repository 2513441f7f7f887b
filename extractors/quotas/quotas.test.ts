import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { quotaCases } from './cases.js';

describe('quotas', () => {
  it.each(quotaCases)('$why', ({ text, expected }) => {
    expect(fieldsOf(text).quotas.map((q) => ({ quantity: q.quantity, unit: q.unit, year: q.year }))).toEqual(expected);
  });

  it('lists a target restated elsewhere once', () => {
    const text = nd30Twice();
    expect(fieldsOf(text).quotas.filter((q) => q.quantity === 15)).toHaveLength(1);
  });
});

function nd30Twice(): string {
  return quotaCases[0]!.text.replace('II. NỘI DUNG TRIỂN KHAI', 'II. NỘI DUNG TRIỂN KHAI\n\n0. Đào tạo cho 15 nhân viên y tế tỉnh Xây Sốp Bùn.');
}
