/**
 * The slide page's side of model proposals: the runs it offers (the visible region, the whole
 * slide, each read from the tile pyramid at the model's resolution) and the outline proposals shown
 * in view, which Shift+A / Shift+X and "accept / reject all shown" decide on.
 */
import type { Box } from '../../core/bounds';
import type { SlideItem } from '../../core/item';
import { shownShapeProposals, type ConfidenceThresholds } from '../../core/proposalFilter';
import type { RecordStore } from '../../core/recordStore';
import { slideRegionInputs, wholeSlideRegions, type LoadTileBlob } from '../../inference/slideRegion';
import type { RunChoice } from '../proposals/ProposalPanel';

export function slideRunChoices(itemId: string, slide: SlideItem, loadTile: LoadTileBlob, visibleBox: () => Box | null): RunChoice[] {
  return [
    {
      scope: 'visibleRegion',
      inputs: (manifest) => {
        const box = visibleBox();
        return box ? slideRegionInputs(itemId, slide, manifest, [box], loadTile) : [];
      },
    },
    { scope: 'wholeSlide', inputs: (manifest) => slideRegionInputs(itemId, slide, manifest, wholeSlideRegions(slide, manifest), loadTile) },
  ];
}

/** Ids of the outline proposals shown in `box` (level-0 px) at these thresholds. O(records in view). */
export function inViewProposals(document: RecordStore, itemId: string, box: Box, thresholds: ConfidenceThresholds): string[] {
  return shownShapeProposals(document, itemId, box, thresholds).map((record) => record.id);
}
