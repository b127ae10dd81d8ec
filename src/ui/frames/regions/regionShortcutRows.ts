import type { Question } from '../../../core/labelSet';
import type { Language, Translate } from '../../../i18n';

/** The region layer's keys for a `?` list: B / P / V pick a tool (region mode), the region classes' keys, Esc back to tagging. */
export function regionShortcutRows(regions: Question, t: Translate, language: Language): [string, string][] {
  const classRows = regions.classes.flatMap((c): [string, string][] => (c.key ? [[c.key.toUpperCase(), t('frames.help.regionClass', { name: c.name[language] })]] : []));
  return [
    ['B', t('frames.help.box')],
    ['P', t('frames.help.polygon')],
    ['Enter / Backspace', t('frames.help.polygonKeys')],
    ['V', t('frames.help.regionSelect')],
    ['Delete (V)', t('frames.help.regionDelete')],
    ...classRows,
    ['Esc (B / P / V)', t('frames.help.tagging')],
  ];
}
