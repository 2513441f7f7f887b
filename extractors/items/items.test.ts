import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { itemCases } from './cases.js';

describe('items', () => {
  it.each(itemCases)('$why', ({ text, expected }) => {
    const items = fieldsOf(text).items;
    expect(items).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(items[i]).toMatchObject(e));
  });
});
