/**
 * Read-only outline layers drawn beside the annotator's own records: a generated layer of nuclei
 * on the demo slide, later a model's detections. Packed in typed arrays (no object per outline),
 * so 10^5–10^6 of them cost a few bytes per vertex. Served by `GET /api/items/:id/layers`
 * (the list) and `GET /api/items/:id/layers/:layerId` (one layer, in the binary form of
 * `encodeOutlineLayer`).
 */
export interface PackedPolygons {
  /** x, y pairs in level-0 px, every polygon's ring one after the other (not closed). */
  readonly coords: Float32Array;
  /** Polygon i's vertices are pairs `starts[i]` … `starts[i + 1] - 1`; length = polygons + 1. */
  readonly starts: Uint32Array;
  /** Index into `classes` per polygon. */
  readonly classIndex: Uint8Array;
  readonly classes: readonly { readonly code: string; readonly color: string }[];
}

export interface OutlineLayer {
  readonly id: string;
  /** Shown in the layer list. */
  readonly name: string;
  readonly polygons: PackedPolygons;
}
