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

/**
 * Binary form of one layer, little-endian, every section 4-byte aligned:
 *   "MJOL" · u16 version · u16 0 · u32 polygons · u32 vertices · u32 classes-JSON bytes
 *   · classes JSON (UTF-8, padded) · u32 starts[polygons + 1] · u8 classIndex[polygons] (padded)
 *   · f32 coords[2 × vertices]
 * About 8 bytes per vertex and 5 per polygon: 100,000 nuclei of 10 vertices fit in 8.5 MB.
 */
const MAGIC = 0x4c4f4a4d; // "MJOL" read as a little-endian u32
export const OUTLINE_LAYER_VERSION = 1;
const HEADER_BYTES = 20;

const padded = (n: number): number => (n + 3) & ~3;

export function encodeOutlineLayer(polygons: PackedPolygons): Uint8Array {
  assertPackedPolygons(polygons);
  const polygonCount = polygons.classIndex.length;
  const vertexCount = polygons.coords.length / 2;
  const classesJson = new TextEncoder().encode(JSON.stringify(polygons.classes));
  const startsAt = HEADER_BYTES + padded(classesJson.length);
  const classIndexAt = startsAt + 4 * (polygonCount + 1);
  const coordsAt = classIndexAt + padded(polygonCount);
  const bytes = new Uint8Array(coordsAt + 4 * polygons.coords.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint16(4, OUTLINE_LAYER_VERSION, true);
  view.setUint32(8, polygonCount, true);
  view.setUint32(12, vertexCount, true);
  view.setUint32(16, classesJson.length, true);
  bytes.set(classesJson, HEADER_BYTES);
  for (let i = 0; i <= polygonCount; i += 1) view.setUint32(startsAt + 4 * i, polygons.starts[i]!, true);
  bytes.set(polygons.classIndex, classIndexAt);
  for (let i = 0; i < polygons.coords.length; i += 1) view.setFloat32(coordsAt + 4 * i, polygons.coords[i]!, true);
  return bytes;
}

/** Reads what `encodeOutlineLayer` wrote; throws a plain sentence on anything else. */
export function decodeOutlineLayer(bytes: Uint8Array): PackedPolygons {
  if (bytes.length < HEADER_BYTES) throw new Error('not an outline layer: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not an outline layer: wrong magic');
  const version = view.getUint16(4, true);
  if (version !== OUTLINE_LAYER_VERSION) throw new Error(`outline layer version ${version} is not supported (expected ${OUTLINE_LAYER_VERSION})`);
  const polygonCount = view.getUint32(8, true);
  const vertexCount = view.getUint32(12, true);
  const classesLength = view.getUint32(16, true);
  const startsAt = HEADER_BYTES + padded(classesLength);
  const classIndexAt = startsAt + 4 * (polygonCount + 1);
  const coordsAt = classIndexAt + padded(polygonCount);
  const expected = coordsAt + 8 * vertexCount;
  if (bytes.length !== expected) throw new Error(`outline layer is ${bytes.length} bytes, its header declares ${expected}`);
  const classes = parseClasses(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + classesLength)));
  const starts = new Uint32Array(polygonCount + 1);
  for (let i = 0; i <= polygonCount; i += 1) starts[i] = view.getUint32(startsAt + 4 * i, true);
  const classIndex = bytes.slice(classIndexAt, classIndexAt + polygonCount);
  const coords = new Float32Array(2 * vertexCount);
  for (let i = 0; i < coords.length; i += 1) coords[i] = view.getFloat32(coordsAt + 4 * i, true);
  const polygons = { coords, starts, classIndex, classes };
  assertPackedPolygons(polygons);
  return polygons;
}

/** Starts rise from 0 to the vertex count, each polygon has at least 3 vertices, every class index names a class. */
export function assertPackedPolygons(polygons: PackedPolygons): void {
  const { coords, starts, classIndex, classes } = polygons;
  const polygonCount = classIndex.length;
  if (coords.length % 2 !== 0) throw new Error('outline coordinates must come in x, y pairs');
  if (starts.length !== polygonCount + 1) throw new Error(`outline starts must hold ${polygonCount + 1} entries, not ${starts.length}`);
  if (starts[0] !== 0 || starts[polygonCount] !== coords.length / 2) throw new Error('outline starts must run from 0 to the vertex count');
  for (let i = 0; i < polygonCount; i += 1) {
    if (starts[i + 1]! - starts[i]! < 3) throw new Error(`outline ${i} has fewer than 3 vertices`);
    if (classIndex[i]! >= classes.length) throw new Error(`outline ${i} names class ${classIndex[i]}, the layer has ${classes.length}`);
  }
  if (classes.length > 256) throw new Error('an outline layer holds at most 256 classes');
}

function parseClasses(json: string): PackedPolygons['classes'] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('outline layer classes are not valid JSON');
  }
  const valid =
    Array.isArray(value) &&
    value.every((c: unknown) => typeof c === 'object' && c !== null && typeof (c as { code?: unknown }).code === 'string' && typeof (c as { color?: unknown }).color === 'string');
  if (!valid) throw new Error('outline layer classes must be a list of { code, color }');
  return (value as { code: string; color: string }[]).map(({ code, color }) => ({ code, color }));
}
