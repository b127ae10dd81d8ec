/**
 * Review comment threads on one reader's document of an item: who may see and write them, and
 * their reads and writes. Every write and its audit row share one transaction; the audit entity
 * is the document's assignment (`<itemId>/<annotatorId>`), so the audit viewer's blinding of
 * readers (services/audit.ts) hides the threads on other readers' documents too.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CommentAnchor, CommentMessage, CommentThread, CommentThreadStatus, User } from '../../../src/core/api';
import type { Database } from '../../db/schema';
import { forbidden, notFound } from '../../http/errors';
import { hasRole, OVERSIGHT_ROLES } from '../../http/rolePolicy';
import { assertNotReader, visibleAnnotatedItem, type AnnotatedItem } from '../access';
import { writeAudit } from '../audit';

/** How the caller stands to a document's threads: its own reader, or one who oversees it without reading the item. */
export type CommentRole = 'annotator' | 'overseer';

export interface DocumentAccess {
  readonly item: AnnotatedItem;
  readonly role: CommentRole;
}

/**
 * The annotator sees the threads on their own document only; reviewers, WG leads and admins who
 * do not read the item see those on any of its readers' documents. Anyone else: 403, or 404
 * where the item or the document is not there for them.
 */
export async function documentAccess(db: Kysely<Database>, user: User, itemId: string, annotatorId: string): Promise<DocumentAccess> {
  const item = await visibleAnnotatedItem(db, user, itemId);
  if (annotatorId === user.id) {
    if (item.state === null) throw notFound(`you have no document on item ${itemId}`);
    return { item, role: 'annotator' };
  }
  assertNotReader(item, "you read this item yourself, so the comments on its other readers' work stay hidden from you");
  if (!hasRole(user, OVERSIGHT_ROLES)) throw forbidden("only reviewers, WG leads and admins see the comments on another reader's work");
  const reader = await db.selectFrom('assignments').select('user_id').where('item_id', '=', itemId).where('user_id', '=', annotatorId).executeTakeFirst();
  if (!reader) throw notFound(`item ${itemId} is not assigned to reader ${annotatorId}`);
  return { item, role: 'overseer' };
}

export interface ThreadRef {
  readonly id: string;
  readonly itemId: string;
  readonly annotatorId: string;
  readonly status: CommentThreadStatus;
}

export async function findThread(db: Kysely<Database>, threadId: string): Promise<ThreadRef | undefined> {
  const row = await db.selectFrom('comment_threads').select(['id', 'item_id', 'annotator_id', 'status']).where('id', '=', threadId).executeTakeFirst();
  return row && { id: row.id, itemId: row.item_id, annotatorId: row.annotator_id, status: row.status as CommentThreadStatus };
}

type ThreadScope = { readonly threadId: string } | { readonly itemId: string; readonly annotatorId: string };

/** The threads of one document (or one thread) with their messages: two queries, whatever the count. */
async function readThreads(db: Kysely<Database>, scope: ThreadScope): Promise<CommentThread[]> {
  let threads = db.selectFrom('comment_threads').selectAll();
  threads = 'threadId' in scope ? threads.where('id', '=', scope.threadId) : threads.where('item_id', '=', scope.itemId).where('annotator_id', '=', scope.annotatorId);
  const rows = await threads.orderBy('seq').execute();
  if (rows.length === 0) return [];
  const messages = await db
    .selectFrom('comment_messages')
    .leftJoin('users', 'users.id', 'comment_messages.author_id')
    .select(['comment_messages.id', 'comment_messages.thread_id', 'comment_messages.author_id', 'comment_messages.body', 'comment_messages.created_at', 'users.display_name'])
    .where('comment_messages.thread_id', 'in', rows.map((row) => row.id))
    .orderBy('comment_messages.seq')
    .execute();
  const byThread = new Map<string, CommentMessage[]>();
  for (const message of messages) {
    const list = byThread.get(message.thread_id) ?? [];
    list.push({ id: message.id, authorId: message.author_id, authorName: message.display_name ?? '', body: message.body, createdAt: message.created_at });
    byThread.set(message.thread_id, list);
  }
  const list: CommentThread[] = rows.map((row) => ({
    id: row.id,
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    anchor: JSON.parse(row.anchor) as CommentAnchor,
    status: row.status as CommentThreadStatus,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    messages: byThread.get(row.id) ?? [],
  }));
  // Open threads first: they are what the annotator still has to answer.
  return list.sort((a, b) => Number(a.status === 'resolved') - Number(b.status === 'resolved'));
}

export const listThreads = (db: Kysely<Database>, itemId: string, annotatorId: string): Promise<CommentThread[]> => readThreads(db, { itemId, annotatorId });

export async function readThread(db: Kysely<Database>, threadId: string): Promise<CommentThread> {
  const [thread] = await readThreads(db, { threadId });
  if (!thread) throw notFound(`no comment thread ${threadId}`);
  return thread;
}

const auditEntity = (ref: { readonly itemId: string; readonly annotatorId: string }) => ({ entity: 'assignment', entityId: `${ref.itemId}/${ref.annotatorId}` });

export interface NewThread {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly anchor: CommentAnchor;
  readonly body: string;
  readonly authorId: string;
}

/**
 * Stores a new thread with its first message, unaudited: for a write that audits itself once for
 * many threads (a label-set migration flagging records); everyone else opens with `openThread`.
 */
export async function insertThread(db: Kysely<Database>, thread: NewThread, at: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('comment_threads')
    .values({ id, item_id: thread.itemId, annotator_id: thread.annotatorId, anchor: JSON.stringify(thread.anchor), status: 'open', created_by: thread.authorId, created_at: at, updated_at: at })
    .execute();
  await db.insertInto('comment_messages').values({ id: randomUUID(), thread_id: id, author_id: thread.authorId, body: thread.body, created_at: at }).execute();
  return id;
}

/** Opens a thread with its first message; the id of the new thread. */
export async function openThread(db: Kysely<Database>, thread: NewThread, at: string): Promise<string> {
  const id = await insertThread(db, thread, at);
  await writeAudit(db, { at, userId: thread.authorId, action: 'comment.open', ...auditEntity(thread), detail: { threadId: id, anchor: thread.anchor, body: thread.body } });
  return id;
}

export async function addMessage(db: Kysely<Database>, thread: ThreadRef, authorId: string, body: string, at: string): Promise<void> {
  await db.insertInto('comment_messages').values({ id: randomUUID(), thread_id: thread.id, author_id: authorId, body, created_at: at }).execute();
  await db.updateTable('comment_threads').set({ updated_at: at }).where('id', '=', thread.id).execute();
  await writeAudit(db, { at, userId: authorId, action: 'comment.reply', ...auditEntity(thread), detail: { threadId: thread.id, body } });
}

/** Resolves or reopens a thread; setting the status it already has changes nothing and writes no audit row. */
export async function setThreadStatus(db: Kysely<Database>, thread: ThreadRef, status: CommentThreadStatus, userId: string, at: string): Promise<void> {
  if (thread.status === status) return;
  await db.updateTable('comment_threads').set({ status, updated_at: at }).where('id', '=', thread.id).execute();
  await writeAudit(db, { at, userId, action: status === 'resolved' ? 'comment.resolve' : 'comment.reopen', ...auditEntity(thread), detail: { threadId: thread.id } });
}
