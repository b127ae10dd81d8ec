import { describe, expect, it, vi } from 'vitest';
import { onReviewQueueReload, reloadReviewQueue } from './queueReload';

describe('reloadReviewQueue', () => {
  it('tells every shown queue to reload, and no queue that has gone', () => {
    const shown = vi.fn();
    const gone = vi.fn();
    const stopShown = onReviewQueueReload(shown);
    const stopGone = onReviewQueueReload(gone);
    stopGone();
    reloadReviewQueue();
    expect(shown).toHaveBeenCalledTimes(1);
    expect(gone).not.toHaveBeenCalled();
    stopShown();
    reloadReviewQueue();
    expect(shown).toHaveBeenCalledTimes(1);
  });
});
