/**
 * The export request of one item as a user asks for it (the export routes, a push to a PACS):
 * the item after its visibility check, its dataset's label set, and whose document.
 */
import type { User } from '../../../src/core/api';
import type { AppContext } from '../../http/context';
import { visibleItem } from '../access';
import { findDataset } from '../datasets';
import { itemFromRow } from '../items';
import type { ExportRequest } from './exportSource';

export interface ExportChoice {
  /** A user id, `consensus`, or absent: the asker's own document. */
  readonly reader?: string;
  /** A region question's id; absent: the label set's only one. */
  readonly question?: string;
}

export async function exportRequestOf(ctx: Pick<AppContext, 'db' | 'labelSets'>, user: User, itemId: string, choice: ExportChoice): Promise<ExportRequest> {
  const { item: row, state } = await visibleItem(ctx.db, user, itemId);
  const dataset = await findDataset(ctx.db, row.dataset_id);
  const labelSet = dataset ? await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version) : null;
  if (!dataset || !labelSet) throw new Error(`item ${row.id} has no label set`);
  const { reader } = choice;
  const document = reader === 'consensus' ? ({ kind: 'consensus' } as const) : ({ kind: 'reader', annotatorId: reader ?? user.id } as const);
  return { user, item: itemFromRow(row), readsItem: state !== null, labelSet, datasetName: dataset.name, questionId: choice.question, document };
}
