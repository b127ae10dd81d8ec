/**
 * Slide items name their served pyramid (SlideItem.tileVersion), which tile URLs carry so that a
 * rebuilt slide is never shown from stale cached tiles. Items stored before get the version of
 * their tile pack, as the tile endpoint computes it; a slide item without a pack is the demo
 * slide, painted on demand, whose picture was at version 1 when this migration was written.
 */
import type { Kysely, Migration } from 'kysely';
import { tileVersionOf } from '../../slides/tileVersion';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

const DEMO_SLIDE_TILE_VERSION_THEN = 'demo-v1';

export const slideTileVersion: Migration = {
  async up(db: AnyDb): Promise<void> {
    const rows = (await db
      .selectFrom('items')
      .leftJoin('slides', 'slides.item_id', 'items.id')
      .select(['items.id', 'items.content', 'slides.pack_sha256'])
      .where('items.kind', '=', 'slide')
      .execute()) as { id: string; content: string; pack_sha256: string | null }[];
    for (const row of rows) {
      const content = JSON.parse(row.content) as Record<string, unknown>;
      if (typeof content.tileVersion === 'string') continue;
      const tileVersion = row.pack_sha256 === null ? DEMO_SLIDE_TILE_VERSION_THEN : tileVersionOf(row.pack_sha256);
      await db.updateTable('items').set({ content: JSON.stringify({ ...content, tileVersion }) }).where('id', '=', row.id).execute();
    }
  },
};
