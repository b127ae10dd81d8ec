/**
 * Adjudication (issue 9): a WG lead reads where an item's handed-in readers differ, settles each
 * unit (pick a reader's answer, give their own classes, or draw a region anew), reads the consensus record set the
 * decisions make, and approves at once every item whose readers all agree. For ADJUDICATE_ROLES
 * only, and never for a reader of the item (they are blinded to the other readers' work).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AdjudicationView, BulkApproveResult, ConsensusRecordSet, DecideRequest } from '../../../src/core/api';
import { decisionProblem, REGION_EDIT_LIMITS, unitKeyOf, type DecidedUnit } from '../../../src/core/consensus';
import { badRequest, conflict, notFound } from '../../http/errors';
import { baseRevisionOf } from '../../http/preconditions';
import { ADJUDICATE_ROLES } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { assertNotReader, visibleAnnotatedItem } from '../../services/access';
import { bulkApprove } from '../../services/consensus/bulkApprove';
import { writeDecision } from '../../services/consensus/decisions';
import { adjudicatedItem, adjudicationView, hasCompleteConsensus, itemAdjudication } from '../../services/consensus/itemConsensus';
import { findDataset } from '../../services/datasets';

const BLINDED = 'you read this item yourself, so you cannot adjudicate between its readers';

const classCodes = { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 200 } } as const;

/** A ring of level-0 px; the vertex total is checked in core (`REGION_EDIT_LIMITS`), each ring is bounded here. */
const ring = { type: 'array', minItems: 3, maxItems: REGION_EDIT_LIMITS.maxVertices, items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } } } as const;

const polygon = {
  type: 'object',
  required: ['type', 'points'],
  additionalProperties: false,
  properties: { type: { const: 'polygon' }, points: ring, holes: { type: 'array', maxItems: 100, items: ring } },
} as const;

/** The lead's drawing of a region unit (a JSON body of at most JSON_BODY_LIMIT: about 25,000 vertices). */
const regionEdit = {
  type: 'object',
  required: ['geometries'],
  additionalProperties: false,
  properties: { geometries: { type: 'array', maxItems: REGION_EDIT_LIMITS.maxPolygons, items: polygon }, from: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const decideBody = {
  type: 'object',
  required: ['questionId', 'targetKey', 'decision'],
  additionalProperties: false,
  properties: {
    questionId: { type: 'string', minLength: 1, maxLength: 200 },
    targetKey: { type: 'string', minLength: 1, maxLength: 500 },
    decision: {
      oneOf: [
        { type: 'object', required: ['pick'], additionalProperties: false, properties: { pick: { type: 'string', minLength: 1, maxLength: 200 } } },
        {
          type: 'object',
          required: ['edit'],
          additionalProperties: false,
          properties: { edit: { oneOf: [{ type: 'object', required: ['classCodes'], additionalProperties: false, properties: { classCodes } }, regionEdit] } },
        },
      ],
    },
  },
} as const;

export const adjudicationRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  /** The item, refused to a reader of it; 404 for an item that does not exist. */
  const adjudicable = async (user: ReturnType<typeof userOf>, itemId: string) => {
    assertNotReader(await visibleAnnotatedItem(ctx.db, user, itemId), BLINDED);
    return adjudicatedItem(ctx.db, itemId);
  };

  app.get<{ Params: { id: string } }>(
    '/api/items/:id/adjudication',
    { schema: { params: idParams }, config: { roles: ADJUDICATE_ROLES } },
    async (request): Promise<AdjudicationView> => {
      const item = await adjudicable(userOf(request), request.params.id);
      return adjudicationView(ctx.db, await itemAdjudication(ctx.db, item));
    },
  );

  app.put<{ Params: { id: string }; Body: DecideRequest }>(
    '/api/items/:id/adjudication/decisions',
    { schema: { params: idParams, body: decideBody }, config: { roles: ADJUDICATE_ROLES } },
    async (request): Promise<DecidedUnit> => {
      const user = userOf(request);
      const item = await adjudicable(user, request.params.id);
      const baseVersion = baseRevisionOf(request);
      const { questionId, targetKey, decision } = request.body;
      const { differing } = await itemAdjudication(ctx.db, item);
      const unit = differing.find((u) => unitKeyOf(u) === unitKeyOf({ questionId, targetKey }));
      if (!unit) throw conflict('not_differing', `the readers do not differ on ${questionId} at ${targetKey}, so there is nothing to decide there`);
      const problem = decisionProblem(item.labelSet, unit, decision);
      if (problem) throw badRequest(problem);
      return writeDecision(ctx.db, { itemId: item.id, questionId, targetKey, decision, baseVersion, deciderId: user.id }, ctx.now().toISOString());
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/items/:id/consensus',
    { schema: { params: idParams }, config: { roles: ADJUDICATE_ROLES } },
    async (request): Promise<ConsensusRecordSet> => {
      const item = await adjudicable(userOf(request), request.params.id);
      const adjudication = await itemAdjudication(ctx.db, item);
      if (adjudication.work.length < 2) throw conflict('too_few_readers', 'fewer than two readers have handed in this item, so there is no consensus to make yet');
      if (!hasCompleteConsensus(adjudication)) {
        const left = adjudication.consensus.undecided.length;
        throw conflict('undecided', `${left} unit${left === 1 ? '' : 's'} where the readers differ ${left === 1 ? 'is' : 'are'} not decided yet`);
      }
      return { itemId: item.id, readers: adjudication.work.map((w) => w.readerId), records: adjudication.consensus.records };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/datasets/:id/bulk-approve',
    { schema: { params: idParams }, config: { roles: ADJUDICATE_ROLES } },
    async (request): Promise<BulkApproveResult> => {
      if (!(await findDataset(ctx.db, request.params.id))) throw notFound(`no dataset ${request.params.id}`);
      return bulkApprove(ctx.db, request.params.id, userOf(request).id, ctx.now);
    },
  );
};
