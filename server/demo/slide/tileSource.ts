/**
 * The demo slide as a tile source of the tile endpoint: the lookup answers for the item whose
 * source key is the demo slide's and nothing else. Shaped as the endpoint's `TileSourceLookup`
 * (server/slides/tileSources.ts of the slides work), so registering it there is one line.
 */
import type { Kysely } from 'kysely';
import type { TileFormat } from '../../../src/core/item';
import type { Database } from '../../db/schema';
import { DEMO_SLIDE_TILE_VERSION, DEMO_SLIDE_VERSION } from './layout';
import { DEMO_SLIDE_SOURCE_KEY } from './seed';
import type { DemoSlideTiles } from './tiles';

export interface DemoSlideTile {
  readonly body: Uint8Array;
  readonly length: number;
  /** Strong validator: the painting is a function of (version, level, x, y) alone. */
  readonly etag: string;
}

export interface DemoSlideTileSource {
  readonly tileFormat: TileFormat;
  /** SlideItem.tileVersion of the pictures it paints. */
  readonly version: string;
  /** The tile, or null outside the pyramid. */
  tile(level: number, x: number, y: number): Promise<DemoSlideTile | null>;
  /** Painted tiles live in DemoSlideTiles' own bounded cache, not in the source. */
  readonly memoryBytes: number;
}

export function demoSlideTileLookup(db: Kysely<Database>, tiles: DemoSlideTiles): (itemId: string) => Promise<DemoSlideTileSource | null> {
  const source: DemoSlideTileSource = {
    tileFormat: 'jpeg',
    version: DEMO_SLIDE_TILE_VERSION,
    memoryBytes: 0,
    async tile(level, x, y) {
      try {
        const body = await tiles.renderDemoTile(level, x, y);
        return { body, length: body.length, etag: `"demo-slide-v${DEMO_SLIDE_VERSION}-${level}-${x}-${y}"` };
      } catch (error) {
        if (error instanceof RangeError) return null;
        throw error;
      }
    },
  };
  return async (itemId) => {
    const row = await db.selectFrom('items').select('id').where('id', '=', itemId).where('source_key', '=', DEMO_SLIDE_SOURCE_KEY).executeTakeFirst();
    return row ? source : null;
  };
}
