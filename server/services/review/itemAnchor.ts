/** A comment anchor from a request, checked against the item's targets (src/core/review/commentAnchor.ts); 400 with a sentence otherwise. */
import type { CommentAnchor } from '../../../src/core/api';
import { checkCommentAnchor } from '../../../src/core/review/commentAnchor';
import { HttpError } from '../../http/errors';
import type { ItemTargetsCache } from '../annotations/itemTargets';

export async function itemAnchor(targets: ItemTargetsCache, item: { readonly id: string; readonly updatedAt: string }, value: unknown): Promise<CommentAnchor> {
  const itemTargets = await targets.get(item.id, item.updatedAt);
  const checked = checkCommentAnchor(value, (targetId) => itemTargets.image(targetId));
  if (!checked.ok) throw new HttpError(400, 'invalid_anchor', checked.errors.join('; '));
  return checked.value;
}

/** A message body with something in it: blank comments say nothing to the annotator. */
export function messageBody(body: string): string {
  if (body.trim() === '') throw new HttpError(400, 'empty_comment', 'write something in the comment');
  return body;
}
