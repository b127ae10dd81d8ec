import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ShortcutDialog } from '../common/ShortcutDialog';
import { MASK_TOOLS } from '../../core/masks/tools';
import { READING_TOOLS } from '../../viewer/measure/readingTools';
import { PAGE_STEP, SERIES_KEYS } from './keymap';
import { CINE_FASTER_KEYS, CINE_KEY, CINE_SLOWER_KEYS, CONTEXT_KEY, PRESET_KEYS, REFORMAT_KEY } from './viewerKeymap';

/** `masks`: the label set has a mask question, so the mask tools' keys are listed too. */
export function ShortcutHelp({ question, masks = false, onClose }: { readonly question: Question; readonly masks?: boolean; readonly onClose: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const rows: [string, string][] = [
    ...question.classes.filter((c) => c.key).map((c): [string, string] => [c.key as string, t('help.labelWith', { name: c.name[language] })]),
    ['Delete', t('help.clear')],
    ['A', t('help.proposal.accept')],
    ['X', t('help.proposal.reject')],
    ['Shift + A', t('help.proposal.acceptAll')],
    ['Shift + X', t('help.proposal.rejectAll')],
    ['↓ / →', t('help.next')],
    ['↑ / ←', t('help.previous')],
    ['PageDown / PageUp', t('help.page', { count: PAGE_STEP })],
    ['Home / End', t('help.firstLast')],
    [`${SERIES_KEYS.previous} / ${SERIES_KEYS.next}`, t('help.series')],
    ['Shift + ↑↓ / Shift + click', t('help.select')],
    ['Esc', t('help.deselect')],
    ['Ctrl + Z', t('help.undo')],
    ['Ctrl + Shift + Z / Ctrl + Y', t('help.redo')],
    ...PRESET_KEYS.map(([key, name]): [string, string] => [key.toUpperCase(), t('help.preset', { name: t(`viewer.preset.${name}`) })]),
    ...READING_TOOLS.map((tool): [string, string] => [tool.key.toUpperCase(), t('help.tool', { name: t(`reading.tool.${tool.name}`) })]),
    [CINE_KEY.toUpperCase(), t('help.cine')],
    [`${CINE_FASTER_KEYS[0]} / ${CINE_SLOWER_KEYS[0]}`, t('help.cineSpeed')],
    ...(masks
      ? [
          ...MASK_TOOLS.map((tool): [string, string] => [tool.key.toUpperCase(), t('help.tool', { name: t(tool.messageKey) })]),
          ['[ / ]', t('help.brushSize')] satisfies [string, string],
          ['Enter', t('help.closeContour')] satisfies [string, string],
        ]
      : []),
    [CONTEXT_KEY.toUpperCase(), t('help.context')],
    [REFORMAT_KEY.toUpperCase(), t('help.reformat')],
    [t('help.mouse.left'), t('help.mouse.leftAction')],
    [t('help.mouse.right'), t('help.mouse.rightAction')],
    [t('help.mouse.middle'), t('help.mouse.middleAction')],
    [t('help.wheel'), t('help.wheelAction')],
    [t('help.mouse.move'), t('help.mouse.moveAction')],
    ['?', t('help.toggle')],
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
