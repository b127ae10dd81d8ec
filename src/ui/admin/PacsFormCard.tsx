import type { FormEvent, ReactNode } from 'react';
import { DatasetSelect } from './DatasetSelect';
import type { PacsConnectionForm } from './pacsConnection';
import { PacsConnectionFields } from './PacsConnectionFields';

interface Props {
  /** `pacs-pull` or `pacs-push`: the card is `admin-<name>`, its title `<name>-title`. */
  readonly name: string;
  /** Prefix of the dataset's and the connection fields' test ids. */
  readonly fieldPrefix: string;
  readonly title: string;
  readonly intro: string;
  readonly busy: boolean;
  readonly onSubmit: (event: FormEvent) => void;
  readonly datasetId: string;
  readonly onDataset: (datasetId: string) => void;
  readonly connection: PacsConnectionForm;
  readonly edit: (change: Partial<PacsConnectionForm>) => void;
  /** The form's own fields and buttons, after the PACS's address and user. */
  readonly fields: ReactNode;
  /** What the card shows below the form. */
  readonly children: ReactNode;
}

/** The pull and push forms' frame: a card with title and intro, its form opening with the dataset and the PACS's address and user. */
export function PacsFormCard({ name, fieldPrefix, title, intro, busy, onSubmit, datasetId, onDataset, connection, edit, fields, children }: Props) {
  return (
    <section className="card" aria-labelledby={`${name}-title`} data-testid={`admin-${name}`}>
      <h2 id={`${name}-title`}>{title}</h2>
      <p className="muted">{intro}</p>
      <form className="form" onSubmit={onSubmit} aria-label={title} aria-busy={busy}>
        <DatasetSelect testId={`${fieldPrefix}-dataset`} value={datasetId} onChange={onDataset} />
        <PacsConnectionFields form={connection} edit={edit} testId={fieldPrefix} />
        {fields}
      </form>
      {children}
    </section>
  );
}
