import { describe, expect, it } from 'vitest';
import { oneDecimal } from './oneDecimal';

describe('oneDecimal', () => {
  it('shows one decimal with a minus sign, and no negative zero', () => {
    expect(oneDecimal(45.04)).toBe('45.0');
    expect(oneDecimal(4.96)).toBe('5.0');
    expect(oneDecimal(-35)).toBe('−35.0');
    expect(oneDecimal(-0.04)).toBe('0.0');
  });
});
