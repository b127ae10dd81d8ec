/**
 * Review comment threads on one reader's document of an item (services/review/comments.ts):
 * list them, open one, reply, resolve and reopen. Reviewers, WG leads and admins who do not read
 * the item work on any reader's document; the annotator sees, answers and resolves the threads
 * on their own document only.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { CommentThread, CommentThreadList, NewCommentMessage, NewCommentThread, User } from '../../../src/core/api';
import { forbidden, notFound } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { addMessage, documentAccess, findThread, listThreads, openThread, readThread, setThreadStatus, type CommentRole, type ThreadRef } from '../../services/review/comments';
import { itemAnchor, messageBody } from '../../services/review/itemAnchor';
import type { AppContext } from '../../http/context';
import { listCommentsSchema, newThreadSchema, replySchema, threadStatusSchema } from './schema';

/** The thread and how the caller stands to it; on a document they may not see, it answers as that document would. */
async function threadAccess(ctx: AppContext, user: User, threadId: string): Promise<{ thread: ThreadRef; role: CommentRole }> {
  const thread = await findThread(ctx.db, threadId);
  if (!thread) throw notFound(`no comment thread ${threadId}`);
  const { role } = await documentAccess(ctx.db, user, thread.itemId, thread.annotatorId);
  return { thread, role };
}

export const reviewCommentRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: { annotatorId: string } }>(
    '/api/items/:id/comments',
    { schema: listCommentsSchema },
    async (request): Promise<CommentThreadList> => {
      const { item } = await documentAccess(ctx.db, userOf(request), request.params.id, request.query.annotatorId);
      return { threads: await listThreads(ctx.db, item.id, request.query.annotatorId) };
    },
  );

  app.post<{ Params: { id: string }; Body: NewCommentThread }>('/api/items/:id/comments', { schema: newThreadSchema }, async (request, reply): Promise<CommentThread> => {
    const user = userOf(request);
    const { item, role } = await documentAccess(ctx.db, user, request.params.id, request.body.annotatorId);
    if (role !== 'overseer') throw forbidden('reviewers open comment threads; you answer and resolve those on your work');
    const anchor = await itemAnchor(ctx.itemTargets, item, request.body.anchor);
    const body = messageBody(request.body.body);
    const at = ctx.now().toISOString();
    const id = await ctx.db.transaction().execute((trx) => openThread(trx, { itemId: item.id, annotatorId: request.body.annotatorId, anchor, body, authorId: user.id }, at));
    return reply.code(201).send(await readThread(ctx.db, id));
  });

  app.post<{ Params: { threadId: string }; Body: NewCommentMessage }>('/api/comments/:threadId/messages', { schema: replySchema }, async (request, reply): Promise<CommentThread> => {
    const user = userOf(request);
    const { thread } = await threadAccess(ctx, user, request.params.threadId);
    const body = messageBody(request.body.body);
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute((trx) => addMessage(trx, thread, user.id, body, at));
    return reply.code(201).send(await readThread(ctx.db, thread.id));
  });

  app.post<{ Params: { threadId: string } }>('/api/comments/:threadId/resolve', { schema: threadStatusSchema }, async (request): Promise<CommentThread> => {
    const user = userOf(request);
    const { thread } = await threadAccess(ctx, user, request.params.threadId);
    return changeStatus(thread, 'resolved', user);
  });

  app.post<{ Params: { threadId: string } }>('/api/comments/:threadId/reopen', { schema: threadStatusSchema }, async (request): Promise<CommentThread> => {
    const user = userOf(request);
    const { thread, role } = await threadAccess(ctx, user, request.params.threadId);
    if (role !== 'overseer') throw forbidden('reviewers reopen comment threads; reply to add to a resolved one');
    return changeStatus(thread, 'open', user);
  });

  async function changeStatus(thread: ThreadRef, status: 'open' | 'resolved', user: User): Promise<CommentThread> {
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute((trx) => setThreadStatus(trx, thread, status, user.id, at));
    return readThread(ctx.db, thread.id);
  }
};
