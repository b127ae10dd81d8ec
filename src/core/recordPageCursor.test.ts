import { describe, expect, it } from 'vitest';
import { peekNextCursor } from './recordPageCursor';

describe('peekNextCursor', () => {
  it('reads the cursor the server writes after the records', () => {
    const page = { records: [{ id: 'a', version: 1, schema: 1, record: null }], nextCursor: 'gland-"7"\\x', revision: 3 };
    expect(peekNextCursor(JSON.stringify(page))).toBe('gland-"7"\\x');
    expect(peekNextCursor(JSON.stringify({ ...page, nextCursor: null }))).toBeNull();
  });

  it('is not fooled by the key inside a record, whose quotes are escaped in a string', () => {
    const text = JSON.stringify({ records: [{ id: 'a', note: '"nextCursor":"z",' }], nextCursor: 'b', revision: 1 });
    expect(peekNextCursor(text)).toBe('b');
  });

  it('answers undefined when the text holds no readable cursor', () => {
    expect(peekNextCursor('{"records":[]}')).toBeUndefined();
    expect(peekNextCursor('{"nextCursor":12}')).toBeUndefined();
    expect(peekNextCursor('{"nextCursor":"cut off')).toBeUndefined();
  });
});
