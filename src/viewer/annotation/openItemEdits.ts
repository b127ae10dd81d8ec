/**
 * How an annotation layer (a slide's, a frame's) edits the open item: whether it may, its tools'
 * commands run through the store (one undo step), and what it tells the person when a change is
 * not made or a tool's edit snaps back.
 */
import type { ToolCommand, ToolNotice } from '../../core/tools/tool';
import { t } from '../../i18n';
import { appStore, isEditable } from '../../store';

/** Each tool notice's sentence. */
const NOTICE_KEYS: Readonly<Record<ToolNotice, 'annotation.notice.outlineWouldCross'>> = {
  outlineWouldCross: 'annotation.notice.outlineWouldCross',
};

export const openItemEdits = {
  editable: (): boolean => isEditable(appStore().getState().openItem),
  /** Runs commands as one undo step; the refusal as a sentence, or null once done. */
  run(commands: readonly ToolCommand[]): string | null {
    const outcome = appStore().getState().runCommands(commands);
    if (outcome.kind === 'done') return null;
    return outcome.kind === 'notEditable' ? t('annotation.readOnly') : t('annotation.refused', { reason: outcome.reason });
  },
  notice: (notice: ToolNotice): string => t(NOTICE_KEYS[notice]),
};
