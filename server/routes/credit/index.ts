/**
 * GET /api/credit/:userId?from=YYYY-MM-DD&to=YYYY-MM-DD: a person's contribution record for a
 * period (the current UTC month by default), per dataset, counts only; `format=csv` gives the same
 * rows as a CSV download. For the person themself, and for the WG lead and admin who credit them.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { CreditReport } from '../../../src/core/api';
import { creditCsv, creditCsvFileName, creditPeriod } from '../../../src/core/dashboard';
import { badRequest, forbidden, notFound } from '../../http/errors';
import { CREDIT_READ_ROLES, hasRole } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { userCredit } from '../../services/dashboard/credit';
import { findUserRow } from '../../services/users';

interface CreditQuery {
  readonly from?: string;
  readonly to?: string;
  readonly format?: 'json' | 'csv';
}

const day = { type: 'string', maxLength: 10 } as const;
const creditSchema = {
  params: idParams,
  querystring: { type: 'object', additionalProperties: false, properties: { from: day, to: day, format: { type: 'string', enum: ['json', 'csv'] } } },
} as const;

export const creditRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: CreditQuery }>('/api/credit/:id', { schema: creditSchema }, async (request, reply): Promise<CreditReport | string> => {
    const caller = userOf(request);
    if (caller.id !== request.params.id && !hasRole(caller, CREDIT_READ_ROLES)) throw forbidden('only the person themself, a WG lead or an admin reads this credit');
    const period = creditPeriod(request.query.from, request.query.to, ctx.now());
    if (!period.ok) throw badRequest(period.errors.join('; '));
    const person = await findUserRow(ctx.db, request.params.id);
    if (!person) throw notFound(`no user ${request.params.id}`);
    const report = await userCredit(ctx.db, { id: person.id, displayName: person.display_name }, period.value);
    if (request.query.format !== 'csv') return report;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${creditCsvFileName(report)}"`)
      .send(creditCsv(report));
  });
};
