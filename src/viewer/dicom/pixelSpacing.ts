/**
 * Pixel spacing as written in PixelSpacing / ImagerPixelSpacing ("row\column", mm), or null when
 * it is no usable spacing: zero, negative, not a number or not two values, as CR, DX and
 * secondary-capture files often carry. Such a value is treated as absent.
 */
export function parsePixelSpacing(text: string | null): [number, number] | null {
  if (text === null) return null;
  const parts = text.split('\\').map((part) => part.trim());
  if (parts.length !== 2 || parts.some((part) => part === '')) return null;
  const [row, column] = parts.map(Number) as [number, number];
  return Number.isFinite(row) && Number.isFinite(column) && row > 0 && column > 0 ? [row, column] : null;
}
