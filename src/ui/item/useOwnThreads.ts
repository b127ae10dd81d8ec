/** The reviewer's comment threads on the signed-in reader's own document of the open item (none when they do not read it), and a reload. */
import type { CommentThread } from '../../core/api';
import { useAppStore, type OpenItem } from '../../store';
import { useCommentThreads } from '../review/item/useReviewItem';

export function useOwnThreads(open: OpenItem): { readonly threads: readonly CommentThread[]; readonly reload: () => void } {
  const me = useAppStore((state) => state.session?.user.id ?? null);
  const assigned = open.detail?.state !== null && open.detail?.state !== undefined;
  return useCommentThreads(open.itemId, assigned ? me : null);
}
