/** What every route needs, decorated on the app as `app.ctx`. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ItemTargetsCache } from '../services/annotations/itemTargets';
import type { LabelSetStore } from '../services/labelSets';

export interface AppContext {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly tokenTtlMs: number;
  readonly labelSets: LabelSetStore;
  readonly itemTargets: ItemTargetsCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
