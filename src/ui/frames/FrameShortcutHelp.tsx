import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ShortcutDialog } from '../common/ShortcutDialog';
import { proposalShortcutRows } from './proposals/proposalShortcutRows';
import { regionShortcutRows } from './regions/regionShortcutRows';

/**
 * The frame grid's keys: the current question's class keys first, then moving, selecting, the view;
 * V to the player where the frame set is a video; then the region layer's (tools, polygon keys,
 * region classes) where the label set has regions.
 */
export function FrameShortcutHelp({
  question,
  regionQuestion = null,
  video = false,
  proposals = false,
  onClose,
}: {
  readonly question: Question | null;
  readonly regionQuestion?: Question | null;
  /** A video's frames: V switches to the player (FrameSetView). */
  readonly video?: boolean;
  /** Region proposals may be decided here (A / X, Shift for the whole frame). */
  readonly proposals?: boolean;
  readonly onClose: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const classKeys = (question?.classes ?? []).filter((c) => c.key).map((c): [string, string] => [c.key as string, t('frames.help.answer', { name: c.name[language] })]);
  const rows: [string, string][] = [
    ...classKeys,
    [t('frames.walkAll'), t('frames.help.walk')],
    ['Q / Shift + Q', t('frames.help.question')],
    ['Delete', t('frames.help.clear')],
    ['← / →', t('frames.help.frame')],
    ['↑ / ↓', t('frames.help.row')],
    ['Home / End', t('frames.help.firstLast')],
    ['Shift + ← → ↑ ↓ / Shift + click', t('frames.help.select')],
    ['Ctrl + click', t('frames.help.pick')],
    [classKeys.map(([key]) => key).join(' / '), t('frames.help.tagSelection')],
    ['Esc', t('help.deselect')],
    ['+ / − / wheel', t('frames.help.zoom')],
    ['Ctrl + Z', t('help.undo')],
    ['Ctrl + Shift + Z / Ctrl + Y', t('help.redo')],
    ...(video ? [['V', t('frames.help.toPlayer')] as [string, string]] : []),
    ['?', t('help.toggle')],
    ...(regionQuestion ? regionShortcutRows(regionQuestion, t, language) : []),
    ...(proposals ? proposalShortcutRows(t) : []),
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
