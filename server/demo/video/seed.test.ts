import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { FrameSetItem } from '../../../src/core/item';
import { readWholeBlob } from '../../blobs/blobStore';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { bootstrap } from '../../bootstrap';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { DEMO_VIDEO_DATASET_NAME } from './seed';
import { BLEEDING_SPOT, DEMO_VIDEO_EVENTS, DEMO_VIDEO_FPS, DEMO_VIDEO_FRAMES, DEMO_VIDEO_HEIGHT, DEMO_VIDEO_WIDTH, POLYP_DOME } from './truth';

interface Decoded {
  readonly data: Buffer;
  readonly width: number;
}

/** Mean RGB of a 9×9 patch around a point of a decoded frame. */
function patch({ data, width }: Decoded, cx: number, cy: number): [number, number, number] {
  const sum = [0, 0, 0];
  for (let y = cy - 4; y <= cy + 4; y += 1) for (let x = cx - 4; x <= cx + 4; x += 1) for (let c = 0; c < 3; c += 1) sum[c]! += data[(y * width + x) * 3 + c]!;
  return sum.map((s) => s / 81) as [number, number, number];
}

/** Mean absolute difference of horizontal neighbours' green: what blur takes away. */
function sharpness({ data, width }: Decoded): number {
  let total = 0;
  for (let i = 3; i < data.length; i += 3) if ((i / 3) % width !== 0) total += Math.abs(data[i + 1]! - data[i - 2]!);
  return total / (data.length / 3);
}

/** Runs `work` with no ffmpeg on the PATH. */
async function withoutFfmpeg<T>(work: () => Promise<T>): Promise<T> {
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    return await work();
  } finally {
    process.env.PATH = path;
  }
}

describe.each(testDialects('demo video seeding'))('demo video seeding on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(async () => database.dispose());

  it('imports the generated video once, every frame decoded, with its events where the ground truth says', async () => {
    await bootstrap(database.db, { dataDir: database.dataDir });
    await bootstrap(database.db, { dataDir: database.dataDir });
    const { db } = database;
    const dataset = await db.selectFrom('datasets').selectAll().where('name', '=', DEMO_VIDEO_DATASET_NAME).executeTakeFirstOrThrow();
    expect([dataset.label_set_id, Number(dataset.label_set_version)]).toEqual(['endoscopy-video', 2]);
    const items = await db.selectFrom('items').selectAll().where('dataset_id', '=', dataset.id).execute();
    expect(items).toHaveLength(1);
    const content = JSON.parse(items[0]!.content) as FrameSetItem;
    expect([content.source, content.frames.length, content.fps]).toEqual(['video', DEMO_VIDEO_FRAMES, DEMO_VIDEO_FPS]);
    expect([content.frames[0]!.width, content.frames[0]!.height]).toEqual([DEMO_VIDEO_WIDTH, DEMO_VIDEO_HEIGHT]);

    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const assignments = await db.selectFrom('assignments').select('user_id').where('item_id', '=', items[0]!.id).execute();
    expect(assignments.map((a) => a.user_id)).toEqual([admin.id]);
    const attachment = await db.selectFrom('dataset_attachments').select('body').where('dataset_id', '=', dataset.id).where('name', '=', 'ground-truth').executeTakeFirstOrThrow();
    expect(JSON.parse(attachment.body)).toEqual({ fps: DEMO_VIDEO_FPS, frames: DEMO_VIDEO_FRAMES, events: DEMO_VIDEO_EVENTS });

    const blobs = blobStoreIn(database.dataDir);
    const frame = async (index: number): Promise<Decoded> => {
      const file = await db.selectFrom('item_files').select('sha256').where('id', '=', content.frames[index]!.fileId).executeTakeFirstOrThrow();
      const { data, info } = await sharp(await readWholeBlob(blobs, file.sha256)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width };
    };
    const [bleeding, polyp, blur] = DEMO_VIDEO_EVENTS;
    const isBlood = ([r, g]: [number, number, number]) => r > 100 && g < 60;
    for (const index of [bleeding!.first, bleeding!.last]) expect(isBlood(patch(await frame(index), BLEEDING_SPOT.x, BLEEDING_SPOT.y))).toBe(true);
    for (const index of [bleeding!.first - 1, bleeding!.last + 1]) expect(isBlood(patch(await frame(index), BLEEDING_SPOT.x, BLEEDING_SPOT.y))).toBe(false);
    const isPolyp = ([r, g, b]: [number, number, number]) => r > 220 && g > 170 && b > 150;
    for (const index of [polyp!.first, polyp!.last]) expect(isPolyp(patch(await frame(index), POLYP_DOME.x, POLYP_DOME.y))).toBe(true);
    for (const index of [polyp!.first - 1, polyp!.last + 1]) expect(isPolyp(patch(await frame(index), POLYP_DOME.x, POLYP_DOME.y))).toBe(false);
    const sharpOutside = Math.min(sharpness(await frame(blur!.first - 1)), sharpness(await frame(blur!.last + 1)));
    for (const index of [blur!.first, blur!.last]) expect(sharpness(await frame(index))).toBeLessThan(sharpOutside / 2);
  });

  it('without ffmpeg the server still starts, says once why the video is missing, and adds it on a later start', async () => {
    const first = await withoutFfmpeg(() => bootstrap(database.db, { dataDir: database.dataDir }));
    expect(first.demoVideoSkipped).toMatch(/^Demo video skipped: ffmpeg is not installed/);
    expect(first.adminPassword).not.toBeNull();
    const named = () => database.db.selectFrom('datasets').select('id').where('name', '=', DEMO_VIDEO_DATASET_NAME).execute();
    expect(await named()).toHaveLength(0);
    const second = await bootstrap(database.db, { dataDir: database.dataDir });
    expect(second.demoVideoSkipped).toBeNull();
    expect(await named()).toHaveLength(1);
  });
});
