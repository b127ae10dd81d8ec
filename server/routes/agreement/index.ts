/**
 * GET /api/datasets/:id/agreement: how far the readers of a dataset agree (src/core/agreement),
 * per question, per reader pair and per week. For those who oversee the work and read none of it:
 * the figures compare readers' answers, which a reader of the dataset's items must not learn.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AgreementReport } from '../../../src/core/agreement';
import { toNumber } from '../../db/dialect';
import { HttpError, notFound } from '../../http/errors';
import { OVERSIGHT_ROLES } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { datasetAgreement } from '../../services/agreement/datasetAgreement';
import { findDataset } from '../../services/datasets';
import { labelSetStore } from '../../services/labelSets';

export const agreementRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const labelSets = labelSetStore(ctx.db);

  app.get<{ Params: { id: string } }>(
    '/api/datasets/:id/agreement',
    { schema: { params: idParams }, config: { roles: OVERSIGHT_ROLES } },
    async (request): Promise<AgreementReport> => {
      const user = userOf(request);
      const dataset = await findDataset(ctx.db, request.params.id);
      if (!dataset) throw notFound(`no dataset ${request.params.id}`);
      const reads = await ctx.db
        .selectFrom('assignments')
        .innerJoin('items', 'items.id', 'assignments.item_id')
        .select('assignments.item_id')
        .where('items.dataset_id', '=', dataset.id)
        .where('assignments.user_id', '=', user.id)
        .executeTakeFirst();
      if (reads) throw new HttpError(403, 'reader_blinded', 'a reader of this dataset’s items does not see how the other readers answered');
      const labelSet = await labelSets.get(dataset.label_set_id, toNumber(dataset.label_set_version));
      if (!labelSet) throw notFound(`no label set ${dataset.label_set_id}`);
      return datasetAgreement(ctx.db, dataset.id, labelSet);
    },
  );
};
