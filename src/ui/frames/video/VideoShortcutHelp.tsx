import type { Question } from '../../../core/labelSet';
import { useLanguage, useT } from '../../../i18n';
import { ShortcutDialog } from '../../common/ShortcutDialog';
import { proposalShortcutRows } from '../proposals/proposalShortcutRows';
import { regionShortcutRows } from '../regions/regionShortcutRows';

/**
 * The player's keys: the range question's class keys first, then moving, marking, editing; then
 * the region layer's where the label set has regions, with how the two share keys
 * (videoRegionKeys.ts), and the region proposals' A / X.
 */
export function VideoShortcutHelp({ question, regionQuestion = null, onClose }: { readonly question: Question | null; readonly regionQuestion?: Question | null; readonly onClose: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const rows: [string, string][] = [
    ...(question?.classes ?? []).filter((c) => c.key).map((c): [string, string] => [c.key as string, t('video.help.tag', { name: c.name[language] })]),
    ['[ / ]', t('video.help.marks')],
    ['← / → , / .', t('video.help.step')],
    ['Shift + ← / →', t('video.help.second')],
    [t('video.help.spaceKey'), t('video.help.play')],
    ['Delete', t('video.help.remove')],
    ['Esc', t('video.help.clear')],
    ['G', t('video.help.toGrid')],
    ['Ctrl + Z', t('help.undo')],
    ['Ctrl + Shift + Z', t('help.redo')],
    ['?', t('help.toggle')],
    ...(regionQuestion
      ? [
          ...regionShortcutRows(regionQuestion, t, language),
          ['← / → , / . [ / ] (B / P / V)', t('video.help.regionTransport')] as [string, string],
          [t('video.help.sharedKey'), t('video.help.regionClassFirst')] as [string, string],
          ...proposalShortcutRows(t),
        ]
      : []),
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
