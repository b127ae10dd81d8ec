import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { PacsStudy } from '../../core/api';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { PacsStudyPicker } from './PacsStudyPicker';

const study = (uid: string, change: Partial<PacsStudy> = {}): PacsStudy => ({
  studyInstanceUid: uid,
  studyDate: '20240115',
  description: 'Head CT',
  modalities: ['CT', 'SR'],
  seriesCount: 2,
  instanceCount: 30,
  accessionNumber: 'A-1',
  patientId: 'P-1',
  ...change,
});
const ignore = () => undefined;
const picker = (props: Partial<Parameters<typeof PacsStudyPicker>[0]>) =>
  renderMarkup(createElement(PacsStudyPicker, { studies: [study('1.2.1'), study('1.2.2')], more: false, picked: new Set<string>(), onPick: ignore, onPull: ignore, busy: false, ...props }));

describe('the PACS study picker', () => {
  it('says the PACS found nothing, and offers nothing to pull', () => {
    const html = picker({ studies: [] });
    expect(tagWithTestId(html, 'pacs-found-none')).toContain('role="status"');
    expect(html).toContain('The PACS had nothing that matched.');
    expect(html).not.toContain('pacs-pull-picked');
  });

  it('lists each study with its own checkbox, the picked ones ticked, and pulls as many as are picked', () => {
    const html = picker({ picked: new Set(['1.2.2']) });
    expect(html).toContain('2 studies matched. Pick those to pull.');
    const boxes = html.match(/<input[^>]*data-testid="pacs-pick"[^>]*>/g) ?? [];
    expect(boxes.map((box) => [box.match(/aria-label="([^"]*)"/)?.[1], hasAttribute(box, 'checked')])).toEqual([
      ['Pick study 1.2.1', false],
      ['Pick study 1.2.2', true],
    ]);
    expect(hasAttribute(tagWithTestId(html, 'pacs-pick-all'), 'checked')).toBe(false);
    expect(html).toContain('<td>CT, SR</td><td>2 / 30</td>');
    const pull = tagWithTestId(html, 'pacs-pull-picked');
    expect(hasAttribute(pull, 'disabled')).toBe(false);
    expect(html).toContain('Pull selected (1)</button>');
  });

  it('ticks "all" when every study is picked, says when more matched than are listed, and shows unknown counts as such', () => {
    const html = picker({ studies: [study('1.2.1', { seriesCount: null, instanceCount: null })], more: true, picked: new Set(['1.2.1']) });
    expect(hasAttribute(tagWithTestId(html, 'pacs-pick-all'), 'checked')).toBe(true);
    expect(html).toContain('More studies matched than the 1 listed: narrow the query to see the others.');
    expect(html).toContain('<td>? / ?</td>');
  });

  it('offers no pull while nothing is picked or a request is on its way', () => {
    expect(hasAttribute(tagWithTestId(picker({}), 'pacs-pull-picked'), 'disabled')).toBe(true);
    expect(hasAttribute(tagWithTestId(picker({ picked: new Set(['1.2.1']), busy: true }), 'pacs-pull-picked'), 'disabled')).toBe(true);
  });
});
