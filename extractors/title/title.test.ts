import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { titleCases } from './cases.js';

describe('title', () => {
  it.each(titleCases)('$why', ({ text, expected }) => {
    expect(fieldsOf(text).title?.value).toBe(expected);
  });
});
