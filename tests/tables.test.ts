// Tables as OCR gives them back: the extractors read budgets and quotas from their rows.

import { describe, expect, it } from 'vitest';
import { detectTables } from '../pipeline/segment/tables.js';

const rowsOf = (text: string) => detectTables(text).map((t) => t.rows.map((r) => r.cells.map((c) => c.text)));

describe('markdown pipe tables read back from a scan', () => {
  const typed = ['| TT | Nội dung | Kinh phí |', '|---|---|---|', '| 1 | Trao đổi đoàn | 1.200.000.000 |', '| 2 | Đào tạo | 2.250.000.000 |'];
  const expected = [[['TT', 'Nội dung', 'Kinh phí'], ['1', 'Trao đổi đoàn', '1.200.000.000'], ['2', 'Đào tạo', '2.250.000.000']]];

  it.each([
    ['as typed', typed.join('\n')],
    ['each row its own paragraph', typed.join('\n\n')],
    ['the rule read as stray letters and pipes', [typed[0], 'Ji        |         |           |', typed[2], typed[3]].join('\n\n')],
    ['the rule read as I, ~ and dashes', [typed[0], 'I-I-~|--I--|', typed[2], typed[3]].join('\n')],
    ['a row wrapped over two lines', [typed[0], typed[1], '| 1 | Trao đổi đoàn', '| 1.200.000.000 |', typed[3]].join('\n')],
  ])('%s', (_, text) => {
    expect(rowsOf(text)).toEqual(expected);
  });

  it('keeps a row whose first pipe was lost, with its first column empty', () => {
    const text = [typed[0], typed[1], '1 Trao đổi đoàn | 1.200.000.000 |', typed[3]].join('\n');
    expect(rowsOf(text)[0]![1]).toEqual(['', '1 Trao đổi đoàn', '1.200.000.000']);
  });

  it('keeps a data row of small figures (not taken for a rule)', () => {
    const text = ['| Năm | A | B |', '|---|---|---|', '| 1 | 2 | 3 |', '| 4 | 5 | 6 |'].join('\n');
    expect(rowsOf(text)[0]).toHaveLength(3);
  });

  it('ends the table at a paragraph that is not a row', () => {
    const text = [...typed, '', 'Tổng kinh phí: 3.450.000.000 đồng.', '', '| X | Y |', '|---|---|', '| 1 | 2 |'].join('\n');
    expect(rowsOf(text)).toHaveLength(2);
  });
});
