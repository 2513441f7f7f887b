import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../tests/helpers/extract.js';
import { nd30 } from '../../tests/helpers/documents.js';

describe('recipients', () => {
  it('lists the Nơi nhận entries without their dashes', () => {
    expect(fieldsOf(nd30({ body: ['1. Nội dung.'] })).recipients).toEqual(['UBND tỉnh (b/c)', 'Lưu: VT']);
  });

  it('reads a Nơi nhận column printed beside the signature', () => {
    const text = nd30({
      body: ['1. Nội dung.'],
      closing: ['Nơi nhận:                          KT. GIÁM ĐỐC', '- UBND tỉnh (b/c);                 PHÓ GIÁM ĐỐC', '- Sở Ngoại vụ;', '- Lưu: VT.                         Hồ Sỹ Dũng'],
    });
    const f = fieldsOf(text);
    expect(f.recipients).toEqual(['UBND tỉnh (b/c)', 'Sở Ngoại vụ', 'Lưu: VT']);
    expect(f.signatories.map((s) => s.name)).toEqual(['Hồ Sỹ Dũng']);
  });
});
