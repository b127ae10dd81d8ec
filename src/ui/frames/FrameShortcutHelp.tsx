import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ShortcutDialog } from '../common/ShortcutDialog';

/** The frame grid's keys: the current question's class keys first, then moving, selecting, the view. */
export function FrameShortcutHelp({ question, onClose }: { readonly question: Question | null; readonly onClose: () => void }) {
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
    ['?', t('help.toggle')],
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
