import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ShortcutDialog } from '../common/ShortcutDialog';

/** The slide page's keys (the annotation layer's own keys are listed by its tool bar). */
export function SlideShortcutHelp({ question, onClose }: { readonly question: Question | null; readonly onClose: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const rows: [string, string][] = [
    ...(question?.classes ?? []).filter((c) => c.key).map((c): [string, string] => [c.key as string, t('slide.help.answer', { name: c.name[language] })]),
    ['+ / −', t('slide.help.zoom')],
    ['Shift + 1 … 6', t('slide.help.steps')],
    ['Shift + R / Shift + L', t('slide.help.rotate')],
    ['0', t('slide.help.home')],
    ['Shift + F', t('slide.help.fullScreen')],
    ['Shift + A', t('help.proposal.acceptInView')],
    ['Shift + X', t('help.proposal.rejectInView')],
    [t('slide.help.pan'), t('slide.help.panAction')],
    ['Ctrl + Z', t('help.undo')],
    ['Ctrl + Shift + Z / Ctrl + Y', t('help.redo')],
    ['?', t('help.toggle')],
  ];
  return <ShortcutDialog rows={rows} onClose={onClose} />;
}
