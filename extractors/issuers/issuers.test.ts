import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { issuerCases } from './cases.js';

describe('issuers', () => {
  it.each(issuerCases)('$why', ({ text, expected }) => {
    expect(fieldsOf(text).issuers.map((i) => i.name)).toEqual(expected);
  });
});
