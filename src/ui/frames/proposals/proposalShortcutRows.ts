import type { Translate } from '../../../i18n';

/** The region proposals' keys for a `?` list, the grid's and the player's alike (frameDecisions.ts says what they decide). */
export function proposalShortcutRows(t: Translate): [string, string][] {
  return [
    ['A', t('help.proposal.acceptOnFrame')],
    ['X', t('help.proposal.rejectOnFrame')],
    ['Shift + A', t('help.proposal.acceptAllOnFrame')],
    ['Shift + X', t('help.proposal.rejectAllOnFrame')],
  ];
}
