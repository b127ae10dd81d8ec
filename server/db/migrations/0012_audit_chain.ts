/**
 * The audit log's hash chain (services/auditChain): each sealed row keeps its place in the chain
 * (`chain_index`), the hash before it and its own. Writes still only insert; a sealer links
 * committed rows later, so rows written before this migration are sealed by its first run.
 * `audit_chain_head` holds the chain's length and last hash: sealers lock it, and the check
 * compares the walked chain with it, so rows cut off the end are noticed too.
 * The other indexes let the admin viewer page by user, entity, action or time in O(page).
 */
import { sql, type Kysely, type Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const auditChain: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('audit_log').addColumn('chain_index', 'bigint').execute();
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
    await db.schema.createIndex('audit_log_chain').unique().on('audit_log').column('chain_index').execute();
    await db.schema.createIndex('audit_log_unsealed').on('audit_log').column('seq').where(sql.ref('chain_index'), 'is', null).execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'seq']).execute();

    await db.schema
      .createTable('audit_chain_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('length', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('audit_chain_head').values({ id: 1, length: 0, hash: '0'.repeat(64) }).execute();
  },
};
