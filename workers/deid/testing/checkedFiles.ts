import type { CheckedFile, DeidResponse } from '../messages';

/** Every file a check reported, in order, however its progress messages grouped them. */
export const checkedFiles = (responses: readonly DeidResponse[]): CheckedFile[] => responses.flatMap((r) => (r.type === 'progress' ? r.checked : []));
