import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { referenceCases } from './cases.js';

describe('references', () => {
  it.each(referenceCases)('$why', ({ text, expected }) => {
    expect(fieldsOf(text).references.map((r) => ({ number: r.number, date: r.date }))).toEqual(expected);
  });
});
