import { describe, expect, it } from 'vitest';
import type { CommentThread } from '../api';
import { checkCommentAnchor } from './commentAnchor';
import { markersOnScreen, pointAnchor, threadMarkers, type PointMarker } from './pointPins';

const slice = { id: 'slice-5', width: 512, height: 400 };

const thread = (id: string, anchor: CommentThread['anchor'], status: CommentThread['status'] = 'open'): CommentThread => ({
  id,
  itemId: 'item',
  annotatorId: 'reader',
  anchor,
  status,
  createdBy: 'reviewer',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
  messages: [],
});

describe('point anchors', () => {
  it('pins a click on the image to its point, to a tenth of a px, as the server accepts it', () => {
    const anchor = pointAnchor(slice, [100.04, 250.56]);
    expect(anchor).toEqual({ kind: 'point', targetId: 'slice-5', x: 100, y: 250.6 });
    expect(checkCommentAnchor(anchor, (id) => (id === slice.id ? slice : undefined)).ok).toBe(true);
  });

  it('pins the image’s very edges, and nothing off the image or on an unknown image', () => {
    expect(pointAnchor(slice, [0, 400])).toEqual({ kind: 'point', targetId: 'slice-5', x: 0, y: 400 });
    expect(pointAnchor(slice, [-0.2, 10])).toBeNull();
    expect(pointAnchor(slice, [10, 400.2])).toBeNull();
    expect(pointAnchor(slice, [Number.NaN, 10])).toBeNull();
    expect(pointAnchor(undefined, [10, 10])).toBeNull();
  });
});

describe('point markers', () => {
  const threads = [
    thread('t-open', { kind: 'point', targetId: 'slice-5', x: 10, y: 20 }),
    thread('t-slice', { kind: 'target', targetId: 'slice-5' }),
    thread('t-done', { kind: 'point', targetId: 'slice-6', x: 30, y: 40 }, 'resolved'),
  ];

  it('marks each point-pinned thread, numbered by its place in the list', () => {
    expect(threadMarkers(threads)).toEqual([
      { key: 't-open', targetId: 'slice-5', x: 10, y: 20, label: '1', state: 'open' },
      { key: 't-done', targetId: 'slice-6', x: 30, y: 40, label: '3', state: 'resolved' },
    ]);
  });

  it('shows the markers on the image on screen that lie in view, and none while no image is shown', () => {
    const markers: PointMarker[] = [...threadMarkers(threads), { key: 'pending', targetId: 'slice-5', x: 500, y: 20, label: '+', state: 'pending' }];
    const all = { minX: 0, minY: 0, maxX: 512, maxY: 400 };
    expect(markersOnScreen(markers, 'slice-5', all).map((m) => m.key)).toEqual(['t-open', 'pending']);
    expect(markersOnScreen(markers, 'slice-5', { minX: 0, minY: 0, maxX: 100, maxY: 100 }).map((m) => m.key)).toEqual(['t-open']);
    expect(markersOnScreen(markers, 'slice-6', all).map((m) => m.key)).toEqual(['t-done']);
    expect(markersOnScreen(markers, null, all)).toEqual([]);
  });
});
