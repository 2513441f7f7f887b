import { describe, expect, it } from 'vitest';
import { extractWithMessages, fieldsOf } from '../../tests/helpers/extract.js';
import { nd30 } from '../../tests/helpers/documents.js';
import { documentNumberCases } from './cases.js';

describe('documentNumber', () => {
  it.each(documentNumberCases)('$why', ({ text, expected }) => {
    const n = fieldsOf(text).documentNumber;
    if (expected === null) expect(n).toBeNull();
    else expect(n).toMatchObject(expected);
  });

  it('reports a type code that contradicts the tên loại', () => {
    const { messages } = extractWithMessages(nd30({ number: 'Số: 12/QĐ-UBND', body: ['1. Nội dung.'] }));
    expect(messages.map((m) => m.ruleId)).toContain('number-type-mismatch');
  });

  it('says when it set a stamp aside', () => {
    const { messages } = extractWithMessages(documentNumberCases[5]!.text);
    expect(messages.find((m) => m.ruleId === 'incoming-stamp')?.message).toContain('7790');
  });
});
