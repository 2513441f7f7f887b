import { describe, expect, it } from 'vitest';
import { extractWithMessages, fieldsOf } from '../../tests/helpers/extract.js';
import { nd30 } from '../../tests/helpers/documents.js';
import { issuedCases } from './cases.js';

describe('issuedDate and issuedPlace', () => {
  it.each(issuedCases)('$why', ({ text, date, place }) => {
    const f = fieldsOf(text);
    expect(f.issuedDate?.value).toBe(date);
    expect(f.issuedPlace?.value).toBe(place);
  });

  it('warns about a date after the day of processing', () => {
    const { messages } = extractWithMessages(nd30({ placeDate: 'Bắc Giang, ngày 10 tháng 10 năm 2029', body: ['1. Nội dung.'] }), '2026-11-23');
    expect(messages.find((m) => m.ruleId === 'date-in-future')?.message).toContain('2029-10-10');
  });

  it('leaves a news item without a publication date undated', () => {
    expect(fieldsOf('Hai tỉnh ký kết thỏa thuận hợp tác\nNgày 5/3/2024, hai tỉnh đã ký kết.\nTin liên quan').issuedDate).toBeNull();
  });
});
