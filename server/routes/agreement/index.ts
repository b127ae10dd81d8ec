/**
 * GET /api/datasets/:id/agreement: how far the readers of a dataset agree (src/core/agreement),
 * per question, per reader pair and per week. For those who oversee the work and read none of it:
 * the figures compare readers' answers, which a reader of the dataset's items must not learn.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AgreementReport } from '../../../src/core/agreement';
import { toNumber } from '../../db/dialect';
import { notFound } from '../../http/errors';
import { OVERSIGHT_ROLES } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { datasetAgreement } from '../../services/agreement/datasetAgreement';
import { oversightDataset } from '../../services/dashboard/oversightDataset';
import { labelSetStore } from '../../services/labelSets';

export const agreementRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const labelSets = labelSetStore(ctx.db);

  app.get<{ Params: { id: string } }>(
    '/api/datasets/:id/agreement',
    { schema: { params: idParams }, config: { roles: OVERSIGHT_ROLES } },
    async (request): Promise<AgreementReport> => {
      const dataset = await oversightDataset(ctx.db, userOf(request), request.params.id);
      const labelSet = await labelSets.get(dataset.label_set_id, toNumber(dataset.label_set_version));
      if (!labelSet) throw notFound(`no label set ${dataset.label_set_id}`);
      return datasetAgreement(ctx.db, dataset.id, labelSet);
    },
  );
};
