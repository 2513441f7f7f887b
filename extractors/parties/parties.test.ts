import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { partyCases } from './cases.js';

describe('parties', () => {
  it.each(partyCases)('$why', ({ text, expected }) => {
    const parties = fieldsOf(text).parties;
    expect(parties).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(parties[i]).toMatchObject(e));
  });
});
