import { useState } from 'react';
import type { AnnotationDocument } from '../../core/annotation';
import type { DocumentHead } from '../../core/api';
import type { LabelClass, LabelSet } from '../../core/labelSet';
import type { ConflictChoice } from '../../data/resolve';
import { useLanguage, useT } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { cellBackground, classesPerTarget } from './labelColors';

/**
 * The server moved on while this device had unsynced labels. Both versions are kept until the
 * user picks: mine (overwrite the server), the server's (drop mine), or a merge (theirs plus my
 * changes, mine winning on slices both changed).
 */
export function ConflictDialog({
  labelSet,
  targetIds,
  mine,
  server,
  onResolve,
  onLater,
}: {
  readonly labelSet: LabelSet;
  readonly targetIds: readonly string[];
  readonly mine: AnnotationDocument | null;
  readonly server: DocumentHead;
  readonly onResolve: (choice: ConflictChoice) => Promise<void>;
  readonly onLater: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const mineClasses = classesPerTarget(mine, targetIds, labelSet);
  const serverClasses = classesPerTarget(server.document, targetIds, labelSet);
  const differing = targetIds.flatMap((_, i) => (codes(mineClasses[i]) === codes(serverClasses[i]) ? [] : [i]));

  async function choose(choice: ConflictChoice): Promise<void> {
    setBusy(true);
    try {
      await onResolve(choice);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('conflict.title')} onClose={onLater} testId="conflict-dialog" wide>
      <p>{t('conflict.explain', { revision: server.revision })}</p>
      <p data-testid="conflict-count">{t('conflict.count', { count: differing.length })}</p>
      <div className="conflict-table-wrap">
        <table className="compact conflict-table">
          <thead>
            <tr>
              <th scope="col">{t('conflict.slice')}</th>
              <th scope="col">{t('conflict.mine')}</th>
              <th scope="col">{t('conflict.server')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((i) => (
              <tr key={i} data-testid={`conflict-row-${i}`}>
                <th scope="row">{i + 1}</th>
                <td data-testid={`conflict-mine-${i}`} data-classes={codes(mineClasses[i])}>
                  <Classes classes={mineClasses[i] ?? []} />
                </td>
                <td data-testid={`conflict-server-${i}`} data-classes={codes(serverClasses[i])}>
                  <Classes classes={serverClasses[i] ?? []} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row end">
        <button type="button" data-testid="conflict-later" onClick={onLater} disabled={busy}>
          {t('conflict.later')}
        </button>
        <button type="button" data-testid="conflict-take-server" onClick={() => void choose('theirs')} disabled={busy}>
          {t('conflict.takeServer')}
        </button>
        <button type="button" data-testid="conflict-merge" onClick={() => void choose('merge')} disabled={busy}>
          {t('conflict.merge')}
        </button>
        <button type="button" className="primary" data-testid="conflict-keep-mine" onClick={() => void choose('mine')} disabled={busy}>
          {t('conflict.keepMine')}
        </button>
      </div>
      <p className="muted small">{t('conflict.mergeHint')}</p>
    </Dialog>
  );
}

const codes = (classes: readonly LabelClass[] | undefined): string => (classes ?? []).map((c) => c.code).join(' ');

function Classes({ classes }: { readonly classes: readonly LabelClass[] }) {
  const t = useT();
  const [language] = useLanguage();
  if (classes.length === 0) return <span className="muted">{t('strip.unlabelled')}</span>;
  return (
    <span className="classes">
      <span className="swatch" style={{ background: cellBackground(classes) }} aria-hidden="true" />
      {classes.map((c) => c.name[language]).join(', ')}
    </span>
  );
}
