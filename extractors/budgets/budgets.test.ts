import { describe, expect, it } from 'vitest';
import { extractWithMessages, fieldsOf } from '../../tests/helpers/extract.js';
import { budgetCases, wordsCases } from './cases.js';

describe('budgets', () => {
  it.each(budgetCases)('$why', ({ text, expected }) => {
    expect(fieldsOf(text).budgets.map((b) => ({ amount: b.amount, currency: b.currency }))).toEqual(expected);
  });

  it.each(wordsCases)('checks the amount in words: $why', ({ text, wordsAgree }) => {
    const { fields, messages } = extractWithMessages(text);
    expect(fields.budgets[0]?.wordsAgree).toBe(wordsAgree);
    expect(messages.some((m) => m.ruleId === 'amount-words-mismatch')).toBe(!wordsAgree);
  });
});
