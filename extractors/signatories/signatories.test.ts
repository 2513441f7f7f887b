import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { signatoryCases } from './cases.js';

describe('signatories', () => {
  it.each(signatoryCases)('$why', ({ text, expected }) => {
    const s = fieldsOf(text).signatories;
    expect(s).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(s[i]).toMatchObject(e));
  });
});
