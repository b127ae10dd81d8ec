import type { FormEvent, ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { DatasetSelect } from './DatasetSelect';
import type { PacsConnectionForm } from './pacsConnection';
import { PacsConnectionFields } from './PacsConnectionFields';

/** Each form's title, intro and the prefix of its fields' test ids (the pull's came first, unprefixed). */
const CARDS = {
  pull: { title: 'pacsPull.title', intro: 'pacsPull.intro', fieldPrefix: 'pacs' },
  push: { title: 'pacsPush.title', intro: 'pacsPush.intro', fieldPrefix: 'pacs-push' },
} as const satisfies Record<string, { title: MessageKey; intro: MessageKey; fieldPrefix: string }>;

interface Props {
  /** The card is `admin-pacs-<kind>`, titled by `pacs-<kind>-title`. */
  readonly kind: keyof typeof CARDS;
  readonly busy: boolean;
  readonly onSubmit: (event: FormEvent) => void;
  /** The dataset chosen and its setter, as useChosenDataset gives them. */
  readonly dataset: readonly [string, (datasetId: string) => void];
  readonly connection: PacsConnectionForm;
  readonly edit: (change: Partial<PacsConnectionForm>) => void;
  /** The form's own fields and buttons, after the PACS's address and user. */
  readonly fields: ReactNode;
  /** What the card shows below the form. */
  readonly children: ReactNode;
}

/** The pull and push forms' frame: a card with title and intro, its form opening with the dataset and the PACS's address and user. */
export function PacsFormCard({ kind, busy, onSubmit, dataset: [datasetId, onDataset], connection, edit, fields, children }: Props) {
  const t = useT();
  const card = CARDS[kind];
  const title = t(card.title);
  return (
    <section className="card" aria-labelledby={`pacs-${kind}-title`} data-testid={`admin-pacs-${kind}`}>
      <h2 id={`pacs-${kind}-title`}>{title}</h2>
      <p className="muted">{t(card.intro)}</p>
      <form className="form" onSubmit={onSubmit} aria-label={title} aria-busy={busy}>
        <DatasetSelect testId={`${card.fieldPrefix}-dataset`} value={datasetId} onChange={onDataset} />
        <PacsConnectionFields form={connection} edit={edit} testId={card.fieldPrefix} />
        {fields}
      </form>
      {children}
    </section>
  );
}
