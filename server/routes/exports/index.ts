/**
 * Standard-format exports of one item's annotations that the server writes (it holds the source
 * DICOM headers a derived object must copy): the DICOM SEG of a region question's masks.
 */
import type { FastifyPluginAsync } from 'fastify';
import { exportFileName } from '../../../src/core/exchange/fileName';
import { userOf } from '../../plugins/auth';
import { visibleItem } from '../../services/access';
import { findDataset } from '../../services/datasets';
import { segmentationOf } from '../../services/exports/segmentation';
import { itemFromRow } from '../../services/items';
import { PATIENT_DATA } from '../items';
import { segExportSchema, type SegExportQuery } from './schema';

export const exportRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: SegExportQuery }>('/api/items/:id/exports/seg', { schema: segExportSchema }, async (request, reply) => {
    const user = userOf(request);
    const { item: row, state } = await visibleItem(ctx.db, user, request.params.id);
    const dataset = await findDataset(ctx.db, row.dataset_id);
    const labelSet = dataset ? await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version) : null;
    if (!labelSet) throw new Error(`item ${row.id} has no label set`);
    const { reader } = request.query;
    const document = reader === 'consensus' ? ({ kind: 'consensus' } as const) : ({ kind: 'reader', annotatorId: reader ?? user.id } as const);
    const item = itemFromRow(row);
    const seg = await segmentationOf(ctx.db, ctx.blobs, { user, item, readsItem: state !== null, labelSet, questionId: request.query.question, document }, new Date());
    // Warnings (classes written under a local code) travel percent-encoded: header values are ASCII.
    if (seg.warnings.length > 0) reply.header('Export-Warnings', encodeURIComponent(JSON.stringify(seg.warnings)));
    return reply
      .type('application/dicom')
      .header('Cache-Control', PATIENT_DATA)
      .header('Content-Disposition', `attachment; filename="${encodeURIComponent(exportFileName(item.title, item.id, '-seg.dcm'))}"`)
      .send(Buffer.from(seg.bytes.buffer, seg.bytes.byteOffset, seg.bytes.byteLength));
  });
};
