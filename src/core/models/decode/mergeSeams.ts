/**
 * Joins what overlapping tiles found twice: outlines of one class on one target that overlap are
 * united (a nucleus on a seam seen by both tiles becomes one; a tissue fragment cut into tile-sized
 * pieces becomes one outline again). Outlines that only share bounding boxes come out as they
 * went in. Candidates are found by a sweep over bounding boxes, so the cost follows the overlaps,
 * not the square of the count.
 */
import type { Geometry, PolygonRings } from '../../annotation';
import { repairPolygons } from '../../geometry/clipping';
import type { ProposalDraft } from '../proposalDraft';

type ShapeDraft = Extract<ProposalDraft, { type: 'shape' }>;

interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export function mergeSeamDuplicates(drafts: readonly ProposalDraft[]): ProposalDraft[] {
  const out: ProposalDraft[] = [];
  const groups = new Map<string, { draft: ShapeDraft; polygons: readonly PolygonRings[]; box: Box }[]>();
  for (const draft of drafts) {
    const polygons = draft.type === 'shape' ? polygonsOf(draft.geometry) : null;
    if (draft.type !== 'shape' || !polygons) {
      out.push(draft);
      continue;
    }
    const key = JSON.stringify([draft.targetId, draft.questionId, draft.classCode]);
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push({ draft, polygons, box: boxOf(polygons) });
  }
  for (const group of groups.values()) {
    for (const cluster of overlappingClusters(group.map((g) => g.box))) {
      const members = cluster.map((i) => group[i]!);
      if (members.length === 1) {
        out.push(members[0]!.draft);
        continue;
      }
      const united = repairPolygons(members.flatMap((m) => m.polygons));
      for (const part of united ? polygonsOf(united) ?? [] : []) {
        const box = boxOf([part]);
        const score = Math.max(...members.filter((m) => intersects(m.box, box)).map((m) => m.draft.score));
        out.push({ ...members[0]!.draft, geometry: { type: 'polygon', ...part }, score });
      }
    }
  }
  return out;
}

function polygonsOf(geometry: Geometry): readonly PolygonRings[] | null {
  if (geometry.type === 'polygon') return [geometry.holes ? { points: geometry.points, holes: geometry.holes } : { points: geometry.points }];
  if (geometry.type === 'multiPolygon') return geometry.polygons;
  return null;
}

function boxOf(polygons: readonly PolygonRings[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { points } of polygons) {
    for (const [x, y] of points) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { minX, minY, maxX, maxY };
}

/** Strict overlap: boxes that only touch along an edge do not count (neighbouring pixels of one tile). */
function intersects(a: Box, b: Box): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

/** Indices grouped into clusters of transitively overlapping boxes (sweep along x, union–find). */
function overlappingClusters(boxes: readonly Box[]): number[][] {
  const parent = boxes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.minX - boxes[b]!.minX);
  let active: number[] = [];
  for (const i of order) {
    const box = boxes[i]!;
    active = active.filter((j) => boxes[j]!.maxX > box.minX);
    for (const j of active) if (intersects(box, boxes[j]!)) parent[find(i)] = find(j);
    active.push(i);
  }
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < boxes.length; i += 1) {
    const root = find(i);
    const cluster = clusters.get(root);
    if (cluster) cluster.push(i);
    else clusters.set(root, [i]);
  }
  return [...clusters.values()];
}
