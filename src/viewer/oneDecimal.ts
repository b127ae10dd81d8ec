/** A value as corner text and measurement lists show it: one decimal, a true minus sign, never "−0.0". */
export function oneDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return (Object.is(rounded, -0) ? 0 : rounded).toFixed(1).replace('-', '−');
}
