import { cache, RenderingEngine, volumeLoader } from '@cornerstonejs/core';
import { sharedResources } from './sharedResource';
import { directionMatrix, type VolumeFrame } from './volumeFrame';
import type { PackedVolume } from './volumeFromSlices';

/** A packed volume with the frame it lies in: what Cornerstone is given. */
export interface FramedVolume {
  readonly volume: PackedVolume;
  readonly frame: VolumeFrame;
}

const ID_PREFIX = 'mejirushi-reformat-';
let created = 0;

/** `window.__mejirushiReformatCache`: for end-to-end tests, what Cornerstone's cache holds (set once a volume was made). */
export interface ReformatCacheHook {
  (): { readonly volumes: number; readonly cacheBytes: number };
}

declare global {
  interface Window {
    __mejirushiReformatCache?: ReformatCacheHook;
  }
}

const cacheState: ReformatCacheHook = () => ({ volumes: cache.getVolumes().filter((volume) => volume.volumeId.startsWith(ID_PREFIX)).length, cacheBytes: cache.getCacheSize() });

/**
 * A Cornerstone local volume over the packed volume's own buffer (createLocalVolume slices it
 * with subarray: no copy of the voxels in JS), with a fresh id each time so a volume freed and
 * made again never meets its old cache entry.
 */
function cacheReformatVolume({ volume, frame }: FramedVolume): string {
  created += 1;
  const volumeId = `${ID_PREFIX}${created}`;
  window.__mejirushiReformatCache = cacheState;
  const [columns, rows] = frame.dimensions;
  const local = volumeLoader.createLocalVolume(volumeId, {
    metadata: {
      BitsAllocated: 32,
      BitsStored: 32,
      HighBit: 31,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      PixelRepresentation: 1,
      Modality: 'CT',
      ImageOrientationPatient: [...frame.axes[0], ...frame.axes[1]],
      PixelSpacing: [frame.spacing[1], frame.spacing[0]],
      // One frame of reference of its own: nothing else is drawn in it.
      FrameOfReferenceUID: volumeId,
      Columns: columns,
      Rows: rows,
      voiLut: [],
      VOILUTFunction: 'LINEAR',
    },
    dimensions: [...frame.dimensions],
    spacing: [...frame.spacing],
    origin: [...frame.origin],
    direction: Float32Array.from(directionMatrix(frame)),
    scalarData: volume.voxels,
  });
  // The GPU texture uploads only the frames marked as updated, and a local volume marks none
  // (a streamed one marks each as it arrives): its first frame drew an empty texture, black,
  // until some later change happened to mark them. Marking every frame now fills the first.
  local.modified();
  return volumeId;
}

/** Drops the volume and the per-plane images createLocalVolume cached beside it (removing the volume leaves those). */
function freeReformatVolume(volumeId: string): void {
  const imageIds = cache.getVolume(volumeId)?.imageIds ?? [];
  if (cache.getVolume(volumeId)) cache.removeVolumeLoadObject(volumeId);
  for (const imageId of imageIds) if (cache.getImageLoadObject(imageId) ?? cache.getImage(imageId)) cache.removeImageLoadObject(imageId, { force: true });
}

/**
 * One Cornerstone volume per packed volume, held by the views that show it and freed with the
 * last: the engine's context pool draws every volume viewport in its first WebGL context, so
 * the views share one GPU texture as they share the buffer.
 */
export const reformatVolumes = sharedResources(cacheReformatVolume, freeReformatVolume);

/** The key the views share the engine by. */
export const REFORMAT_ENGINE = {};
let engines = 0;

/**
 * One rendering engine for the reformat views, made when the first mounts and destroyed when the
 * last unmounts: each engine holds a pool of WebGL contexts (7 by default) and a page gets about
 * 16, so an engine per view would cost the stack's engine its contexts.
 */
export const reformatEngines = sharedResources(
  (_: typeof REFORMAT_ENGINE) => new RenderingEngine(`mejirushi-reformat-engine-${++engines}`),
  (engine) => engine.destroy(),
);
