import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ShortcutDialog } from '../common/ShortcutDialog';
import { PAGE_STEP } from './keymap';

export function ShortcutHelp({ question, onClose }: { readonly question: Question; readonly onClose: () => void }) {
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
    ['Shift + ↑↓ / Shift + click', t('help.select')],
    ['Esc', t('help.deselect')],
    ['Ctrl + Z', t('help.undo')],
    ['Ctrl + Shift + Z / Ctrl + Y', t('help.redo')],
    [t('help.wheel'), t('help.wheelAction')],
    ['?', t('help.toggle')],
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
