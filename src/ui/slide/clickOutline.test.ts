import { describe, expect, it } from 'vitest';
import type { SlideItem } from '../../core/item';
import type { ModelManifest } from '../../core/models/manifest';
import { TEST_SAH_MANIFEST } from '../../core/testing/models';
import type { PromptRequest } from '../../store/proposalSlice';
import type { PromptEffect } from '../../viewer/annotation/toolController';
import { clickOutlineModel, PROMPT_REACH_SCREEN_PX, promptRegion, runClickOutline } from './clickOutline';

const GROWER: ModelManifest = { ...TEST_SAH_MANIFEST, id: 'region-grower', task: 'promptableSegmentation', files: { kind: 'builtin', implementation: 'regionGrower' } };
const SAM: ModelManifest = { ...GROWER, id: 'mobile-sam' };
const SLIDE: SlideItem = {
  kind: 'slide',
  levels: [1, 2, 4].map((d) => ({ width: 8000 / d, height: 6000 / d, downsample: d })),
  micronsPerPixel: null,
  tileSize: 256,
  tileFormat: 'jpeg',
  tileVersion: 'v1',
  objectivePower: null,
  scanner: null,
};
const CLICK: PromptEffect = { type: 'prompt', prompts: [{ kind: 'point', point: [4000, 3000], positive: true }], targetId: 'slide-1', questionId: 'lesion', classCode: 'lesion.carcinoma', refine: false };

describe('click to outline on a slide', () => {
  it('reads the slide around the clicks, as far as the reach at the zoom clicked', () => {
    const reach = PROMPT_REACH_SCREEN_PX * 2;
    expect(promptRegion(CLICK.prompts, 2)).toEqual({ minX: 4000 - reach, minY: 3000 - reach, maxX: 4000 + reach, maxY: 3000 + reach });
    const box = promptRegion([{ kind: 'box', topLeft: [100, 200], bottomRight: [300, 500] }, { kind: 'point', point: [600, 50], positive: false }], 1);
    expect(box).toEqual({ minX: 100 - PROMPT_REACH_SCREEN_PX, minY: 50 - PROMPT_REACH_SCREEN_PX, maxX: 600 + PROMPT_REACH_SCREEN_PX, maxY: 500 + PROMPT_REACH_SCREEN_PX });
  });

  it('prefers a model the site brought to the built-in region grower, and offers no run model', () => {
    expect(clickOutlineModel([{ manifest: TEST_SAH_MANIFEST, builtin: true }])).toBeNull();
    expect(clickOutlineModel([{ manifest: GROWER, builtin: true }, { manifest: SAM, builtin: false }])?.manifest.id).toBe('mobile-sam');
    expect(clickOutlineModel(null)).toBeNull();
  });

  it('asks for the chosen class at the zoom clicked, replacing the outline it refines, and tells why nothing came', async () => {
    const requests: PromptRequest[] = [];
    const context = {
      itemId: 'slide-1',
      slide: SLIDE,
      loadTile: () => Promise.reject(new Error('not read in this test')),
      model: { manifest: GROWER, builtin: true },
      promptOutline: async (request: PromptRequest) => {
        requests.push(request);
        return requests.length === 1 ? ({ kind: 'outlined', id: 'p-1' } as const) : ({ kind: 'nothing' } as const);
      },
    };
    expect(await runClickOutline(context, { effect: CLICK, imagePxPerScreenPx: 4, replaces: [] })).toEqual({ outlined: 'p-1' });
    expect(requests[0]).toMatchObject({ manifest: GROWER, prompts: CLICK.prompts, target: { questionId: 'lesion', classCode: 'lesion.carcinoma' }, replaces: [] });
    const refine = await runClickOutline(context, { effect: { ...CLICK, refine: true }, imagePxPerScreenPx: 4, replaces: ['p-1'] });
    expect(refine).toEqual({ notice: expect.stringMatching(/Nothing to outline/) });
    expect(requests[1]?.replaces).toEqual(['p-1']);
    expect(await runClickOutline({ ...context, model: null }, { effect: CLICK, imagePxPerScreenPx: 4, replaces: [] })).toEqual({ notice: expect.stringMatching(/No click-to-outline model/) });
    const outside = { ...CLICK, prompts: [{ kind: 'point' as const, point: [90_000, 90_000] as const, positive: true }] };
    expect(await runClickOutline(context, { effect: outside, imagePxPerScreenPx: 1, replaces: [] })).toEqual({ notice: expect.stringMatching(/outside the slide/) });
  });
});
