/**
 * The item's read-only outline layers for the layer list: listed once per item, each layer
 * fetched and indexed the first time it is switched on, then kept (an index is built once).
 * A failed list or load is reported and loses nothing: the document's own outlines stay.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OutlineLayerSummary } from '../../../core/api';
import type { PackedPolygons } from '../../../core/outlineLayer';
import { appServices } from '../../../store';
import { PackedLayerIndex } from './packedLayerIndex';

/** Reads one layer's packed binary form (`decodeOutlineLayer` of core). */
export type LayerDecoder = (bytes: Uint8Array) => PackedPolygons;

export interface LayerEntry {
  readonly summary: OutlineLayerSummary;
  readonly visible: boolean;
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  readonly error: string | null;
  readonly index: PackedLayerIndex | null;
}

export interface OutlineLayers {
  readonly layers: readonly LayerEntry[];
  readonly listError: string | null;
  toggle(layerId: string): void;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useOutlineLayers(itemId: string, extent: { readonly width: number; readonly height: number }, decode: LayerDecoder): OutlineLayers {
  const [layers, setLayers] = useState<readonly LayerEntry[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const { width, height } = extent;

  useEffect(() => {
    let current = true;
    setLayers([]);
    setListError(null);
    appServices()
      .api.listLayers(itemId)
      .then(
        (list) => current && setLayers(list.map((summary) => ({ summary, visible: false, status: 'idle', error: null, index: null }))),
        (error: unknown) => current && setListError(reasonOf(error)),
      );
    return () => {
      current = false;
    };
  }, [itemId]);

  const update = useCallback((layerId: string, change: Partial<LayerEntry>) => {
    setLayers((list) => list.map((entry) => (entry.summary.id === layerId ? { ...entry, ...change } : entry)));
  }, []);

  const toggle = useCallback(
    (layerId: string) => {
      const entry = layers.find((l) => l.summary.id === layerId);
      if (!entry) return;
      if (entry.visible || entry.status === 'ready') {
        update(layerId, { visible: !entry.visible });
        return;
      }
      if (entry.status === 'loading') return;
      update(layerId, { visible: true, status: 'loading', error: null });
      appServices()
        .api.loadLayer(itemId, layerId)
        .then((bytes) => update(layerId, { status: 'ready', index: new PackedLayerIndex(decode(bytes), { width, height }) }))
        .catch((error: unknown) => update(layerId, { visible: false, status: 'failed', error: reasonOf(error) }));
    },
    [layers, decode, itemId, width, height, update],
  );

  return { layers, listError, toggle };
}
