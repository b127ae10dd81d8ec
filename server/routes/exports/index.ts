/**
 * Standard-format exports of one item's annotations that the server writes (it holds the source
 * DICOM headers a derived object must copy): the DICOM SEG of a region question's masks and the
 * DICOM SR (TID 1500 measurement report) of a reading's findings and segment measurements, each
 * of a reader's document or of the item's consensus.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { DerivedObject } from '../../../src/core/exchange/seg/dicomAttributes';
import type { Item } from '../../../src/core/item';
import { exportFileName } from '../../../src/core/exchange/fileName';
import { userOf } from '../../plugins/auth';
import { exportRequestOf } from '../../services/exports/exportRequestOf';
import { segmentationOf } from '../../services/exports/segmentation';
import { structuredReportOf } from '../../services/exports/structuredReport';
import { PATIENT_DATA } from '../items';
import { exportSchema, type ExportQuery } from './schema';

/** A derived DICOM object as a download; its warnings travel percent-encoded (header values are ASCII). */
function sendDicom(reply: FastifyReply, item: Item, suffix: string, exported: DerivedObject) {
  if (exported.warnings.length > 0) reply.header('Export-Warnings', encodeURIComponent(JSON.stringify(exported.warnings)));
  return reply
    .type('application/dicom')
    .header('Cache-Control', PATIENT_DATA)
    .header('Content-Disposition', `attachment; filename="${encodeURIComponent(exportFileName(item.title, item.id, suffix))}"`)
    .send(Buffer.from(exported.bytes.buffer, exported.bytes.byteOffset, exported.bytes.byteLength));
}

export const exportRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: ExportQuery }>('/api/items/:id/exports/seg', { schema: exportSchema }, async (request, reply) => {
    const exportOf = await exportRequestOf(ctx, userOf(request), request.params.id, request.query);
    return sendDicom(reply, exportOf.item, '-seg.dcm', await segmentationOf(ctx.db, ctx.blobs, exportOf, new Date()));
  });

  app.get<{ Params: { id: string }; Querystring: ExportQuery }>('/api/items/:id/exports/sr', { schema: exportSchema }, async (request, reply) => {
    const exportOf = await exportRequestOf(ctx, userOf(request), request.params.id, request.query);
    return sendDicom(reply, exportOf.item, '-sr.dcm', await structuredReportOf(ctx.db, ctx.blobs, exportOf, new Date()));
  });
};
