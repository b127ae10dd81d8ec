/**
 * Where a review comment may be pinned (CommentAnchor in core/api/review.ts), checked against the item
 * it is on: the target must be one of the item's slices or frames, and a point or region must
 * lie inside that image (image px, origin top-left). The server checks every anchor it stores
 * with this; the reviewer's screen builds anchors that pass it.
 */
import type { CommentAnchor } from '../api';
import type { Result } from '../result';
import type { ImageTarget } from '../targets';

/** A region outline longer than this is not a comment's pin but a drawing; draw it as a label. */
export const MAX_ANCHOR_VERTICES = 1000;

/** The image a target id names on the item, or undefined when it is not one of the item's targets. */
export type TargetLookup = (targetId: string) => Pick<ImageTarget, 'width' | 'height'> | undefined;

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCoordinate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function inside(x: number, y: number, image: Pick<ImageTarget, 'width' | 'height'>): boolean {
  return x >= 0 && y >= 0 && x <= image.width && y <= image.height;
}

const KEYS: Readonly<Record<CommentAnchor['kind'], readonly string[]>> = {
  item: ['kind'],
  target: ['kind', 'targetId'],
  point: ['kind', 'targetId', 'x', 'y'],
  region: ['kind', 'targetId', 'polygon'],
};

export function checkCommentAnchor(value: unknown, lookup: TargetLookup): Result<CommentAnchor> {
  const fail = (message: string): Result<CommentAnchor> => ({ ok: false, errors: [`anchor: ${message}`] });
  if (!isObject(value)) return fail('must be an object with a kind');
  const kind = value['kind'];
  if (kind !== 'item' && kind !== 'target' && kind !== 'point' && kind !== 'region') return fail('kind must be item, target, point or region');
  const extra = Object.keys(value).filter((key) => !KEYS[kind].includes(key));
  if (extra.length > 0) return fail(`a ${kind} anchor has no ${extra.join(', ')}`);
  if (kind === 'item') return { ok: true, value: { kind } };

  const targetId = value['targetId'];
  if (typeof targetId !== 'string' || targetId === '') return fail(`a ${kind} anchor needs a targetId`);
  const image = lookup(targetId);
  if (!image) return fail(`${targetId} is not a slice or frame of this item`);
  if (kind === 'target') return { ok: true, value: { kind, targetId } };

  if (kind === 'point') {
    const [x, y] = [value['x'], value['y']];
    if (!isCoordinate(x) || !isCoordinate(y)) return fail('a point anchor needs numbers x and y');
    if (!inside(x, y, image)) return fail(`point (${x}, ${y}) lies outside the ${image.width}×${image.height} image`);
    return { ok: true, value: { kind, targetId, x, y } };
  }

  const polygon = value['polygon'];
  if (!Array.isArray(polygon) || polygon.length < 3 || polygon.length > MAX_ANCHOR_VERTICES) {
    return fail(`a region anchor needs a polygon of 3 to ${MAX_ANCHOR_VERTICES} [x, y] vertices`);
  }
  const vertices: (readonly [number, number])[] = [];
  for (const [index, vertex] of polygon.entries()) {
    if (!Array.isArray(vertex) || vertex.length !== 2 || !isCoordinate(vertex[0]) || !isCoordinate(vertex[1])) {
      return fail(`polygon[${index}] must be [x, y] numbers`);
    }
    const [x, y] = vertex as [number, number];
    if (!inside(x, y, image)) return fail(`polygon[${index}] (${x}, ${y}) lies outside the ${image.width}×${image.height} image`);
    vertices.push([x, y]);
  }
  return { ok: true, value: { kind, targetId, polygon: vertices } };
}

/** The slice or frame an anchor is on, or null for a whole-item comment. */
export function anchorTarget(anchor: CommentAnchor): string | null {
  return anchor.kind === 'item' ? null : anchor.targetId;
}
