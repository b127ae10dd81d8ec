import { describe, expect, it } from 'vitest';
import type { MessageKey, MessageVars } from '../../../i18n';
import { messages } from '../../../i18n/messages';
import { translate } from '../../../i18n/translate';
import { anchorWords } from './anchorWords';

const inEnglish = (key: MessageKey, vars?: MessageVars) => translate(messages, 'en', key, vars);
const inJapanese = (key: MessageKey, vars?: MessageVars) => translate(messages, 'ja', key, vars);

describe('anchor words', () => {
  const slices = ['s1', 's2', 's3', 's4', 's5'];

  it('names a point, a slice and a region on a series by their slice', () => {
    expect(anchorWords({ kind: 'point', targetId: 's5', x: 3, y: 4 }, slices, 'slice', inEnglish)).toBe('a point on slice 5');
    expect(anchorWords({ kind: 'target', targetId: 's2' }, slices, 'slice', inEnglish)).toBe('slice 2');
    expect(anchorWords({ kind: 'region', targetId: 's1', polygon: [[0, 0], [1, 0], [1, 1]] }, slices, 'slice', inEnglish)).toBe('a region on slice 1');
    expect(anchorWords({ kind: 'point', targetId: 's5', x: 3, y: 4 }, slices, 'slice', inJapanese)).toBe('スライス 5 上の点');
  });

  it('names places on a slide without a number, and a whole-item pin as the item', () => {
    expect(anchorWords({ kind: 'point', targetId: 'slide', x: 3, y: 4 }, ['slide'], 'slide', inEnglish)).toBe('a point on the slide');
    expect(anchorWords({ kind: 'item' }, ['slide'], 'slide', inEnglish)).toBe('the whole item');
    expect(anchorWords({ kind: 'point', targetId: 'gone', x: 3, y: 4 }, slices, 'slice', inEnglish)).toBe('the whole item');
  });

  it('names places on a frame set by their frame', () => {
    expect(anchorWords({ kind: 'target', targetId: 's3' }, slices, 'frame', inEnglish)).toBe('frame 3');
    expect(anchorWords({ kind: 'point', targetId: 's4', x: 1, y: 2 }, slices, 'frame', inJapanese)).toBe('フレーム 4 上の点');
  });
});
