import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { periodCases } from './cases.js';

describe('period', () => {
  it.each(periodCases)('$why', ({ text, expected }) => {
    const p = fieldsOf(text).period;
    if (expected === null) expect(p).toBeNull();
    else expect(p?.value).toEqual(expected);
  });
});
