import { describe, expect, it } from 'vitest';
import { isOwnEcho, OwnRevisions, type StreamNotice } from './ownEcho';

const me = 'annotator-me';
const doc = (fromRevision: number, toRevision: number, annotatorId = me, itemId = 'item-1') => ({ itemId, annotatorId, fromRevision, toRevision });

function ownOf(itemId: string, ...revisions: number[]): OwnRevisions {
  const own = new OwnRevisions();
  for (const revision of revisions) own.add(itemId, revision);
  return own;
}

describe('telling the echo of one’s own writes from others’ changes', () => {
  const own = ownOf('item-1', 3, 4, 5);
  const echo: StreamNotice = { id: '0.40', after: '0.31', documents: [doc(4, 5)] };

  it('takes an event naming only acknowledged revisions, following on from what is stored, as an echo', () => {
    expect(isOwnEcho(echo, me, '0.31', own)).toBe(true);
  });

  it('reads back an event with a revision this engine did not write (another device or tab)', () => {
    expect(isOwnEcho({ ...echo, documents: [doc(4, 6)] }, me, '0.31', own)).toBe(false);
    expect(isOwnEcho({ ...echo, documents: [doc(4, 5), doc(1, 1, me, 'item-2')] }, me, '0.31', own)).toBe(false);
  });

  it('reads back another annotator’s document even at a revision number this engine wrote', () => {
    expect(isOwnEcho({ ...echo, documents: [doc(4, 5, 'annotator-other')] }, me, '0.31', own)).toBe(false);
  });

  it('reads back an event that does not follow on from what is stored, or cannot say', () => {
    expect(isOwnEcho(echo, me, '0.30', own)).toBe(false);
    expect(isOwnEcho(echo, me, null, own)).toBe(false);
    expect(isOwnEcho({ id: echo.id, documents: echo.documents ?? [] }, me, '0.31', own)).toBe(false);
    expect(isOwnEcho({ id: echo.id, after: '0.31' }, me, '0.31', own)).toBe(false);
    expect(isOwnEcho({ ...echo, id: null }, me, '0.31', own)).toBe(false);
  });

  it('keeps only the newest revisions of an item', () => {
    const many = ownOf('item-1', ...Array.from({ length: 100 }, (_, i) => i + 1));
    expect(many.covers(doc(37, 100))).toBe(true);
    expect(many.covers(doc(36, 36))).toBe(false);
    expect(many.covers(doc(30, 100))).toBe(false);
  });
});
