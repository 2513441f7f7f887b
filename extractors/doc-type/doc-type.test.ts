import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { docTypeCases } from './cases.js';

describe('docType', () => {
  it.each(docTypeCases)('$expected: $why', ({ text, expected }) => {
    expect(fieldsOf(text).docType).toBe(expected);
  });
});
