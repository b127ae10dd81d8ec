import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/annotation';
import { paintRuns } from '../../../src/core/commands/frameRuns';
import type { CommandContext } from '../../../src/core/commands/types';
import type { RecordDiff } from '../../../src/core/diff';
import type { FrameSetItem } from '../../../src/core/item';
import { UC_ENDOSCOPY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { progressOfRecords } from '../../../src/core/progress';
import { creditPeriod } from '../../../src/core/dashboard';
import { mulberry32 } from '../../../src/core/random';
import { RecordStore, spanOf, targetOrder } from '../../../src/core/recordStore';
import type { RecordOp } from '../../../src/core/records';
import { ItemTargets } from '../../../src/core/targets';
import { writeFrameSet } from '../../frames/frameSetRows';
import { assignItems, createDataset } from '../datasets';
import { userCredit } from '../dashboard/credit';
import { questionProgress } from '../dashboard/questionProgress';
import { AT, patchBatch } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const FRAMES = 5000;
const site = UC_ENDOSCOPY_LABEL_SET.questions.find((q) => q.id === 'site')!;
const mayo = UC_ENDOSCOPY_LABEL_SET.questions.find((q) => q.id === 'mayo')!;

/** One device of the annotator: its own copy of the document and the versions it last saw. */
class Device {
  readonly store: RecordStore;
  readonly versions = new Map<string, number>();
  private ids = 0;

  constructor(
    readonly name: string,
    readonly ctx: CommandContext,
  ) {
    this.store = new RecordStore({ itemId: ctx.targets.item.id, annotatorId: ctx.userId, labelSetId: ctx.labelSet.id, labelSetVersion: ctx.labelSet.version }, [], ctx.targets);
  }

  newId = (): string => `${this.name}-${(this.ids += 1)}`;

  ops(diff: RecordDiff): RecordOp[] {
    return Object.entries(diff).map(([id, [, after]]) =>
      after ? { kind: 'put', id, baseVersion: this.versions.get(id) ?? 0, record: after } : { kind: 'delete', id, baseVersion: this.versions.get(id) ?? 0 },
    );
  }
}

const inverse = (diff: RecordDiff): RecordDiff => Object.fromEntries(Object.entries(diff).map(([id, [before, after]]) => [id, [after, before]]));

describe.each(testDialects('label coverage'))('exact labelled counts for frame ranges on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let datasetId: string;
  let targets: ItemTargets;
  const itemId = randomUUID();
  let batches = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    datasetId = (await createDataset(server.db, { name: 'colonoscopy', description: '', labelSetId: UC_ENDOSCOPY_LABEL_SET.id, labelSetVersion: UC_ENDOSCOPY_LABEL_SET.version }, null, AT)).id;
    const content: FrameSetItem = {
      kind: 'frameSet',
      source: 'video',
      fps: 25,
      frames: Array.from({ length: FRAMES }, (_, i) => ({ targetId: `f${i}`, fileId: `file-${i}`, videoFrame: i, width: 64, height: 48 })),
    };
    await writeFrameSet(server.db, datasetId, { itemId, title: 'colonoscopy', sourceKey: 'video:test', content, files: [], blobs: [], auditDetail: {} }, null, AT);
    await assignItems(server.db, datasetId, ann.user.id, null, null, AT);
    targets = new ItemTargets({ id: itemId, datasetId, title: 'colonoscopy', content });
  });
  afterAll(async () => server.dispose());

  const device = (name: string): Device => {
    const ctx: CommandContext = { userId: ann.user.id, now: () => AT, newId: () => dev.newId(), labelSet: UC_ENDOSCOPY_LABEL_SET, targets };
    const dev = new Device(name, ctx);
    return dev;
  };

  /** Sends the diff as the device's batch and applies it to its copy; the server's versions come back. */
  async function send(dev: Device, diff: RecordDiff): Promise<void> {
    if (Object.keys(diff).length === 0) return;
    batches += 1;
    const response = await patchBatch(server, ann, itemId, `batch-${batches}`, { ops: dev.ops(diff) });
    expect(response.statusCode, response.body).toBe(200);
    for (const [id, version] of Object.entries(response.json<{ versions: Record<string, number> }>().versions)) dev.versions.set(id, version);
    dev.store.apply(diff);
  }

  const paint = (dev: Device, question = site, first = 0, last = FRAMES - 1, codes: string[] = ['site.rectum']) =>
    paintRuns('targetLabel/setRange', dev.ctx, dev.store, question, Array.from({ length: last - first + 1 }, (_, i) => first + i), codes);

  async function liveRecords(): Promise<AnnotationRecord[]> {
    const rows = await server.db.selectFrom('annotation_records').select('body').where('item_id', '=', itemId).where('annotator_id', '=', ann.user.id).where('deleted', '=', 0).execute();
    return rows.map((row) => JSON.parse(row.body!) as AnnotationRecord);
  }

  async function stored(): Promise<{ labelled: number; naive: number }> {
    const head = await server.db.selectFrom('annotation_docs').select('labelled').where('item_id', '=', itemId).where('annotator_id', '=', ann.user.id).executeTakeFirstOrThrow();
    return { labelled: Number(head.labelled), naive: progressOfRecords(await liveRecords(), targets.order).labelled };
  }

  it('counts a 5,000-frame run as 5,000, and a split, a clear inside it and their undo keep it exact', async () => {
    const dev = device('a');
    await send(dev, paint(dev));
    expect(await stored()).toEqual({ labelled: FRAMES, naive: FRAMES });

    await send(dev, paint(dev, site, 1000, 1999, ['site.sigmoid']));
    expect(await stored()).toEqual({ labelled: FRAMES, naive: FRAMES });

    const clear = paint(dev, site, 2500, 2999, []);
    await send(dev, clear);
    expect(await stored()).toEqual({ labelled: FRAMES - 500, naive: FRAMES - 500 });

    await send(dev, inverse(clear));
    expect(await stored()).toEqual({ labelled: FRAMES, naive: FRAMES });
  });

  it('counts per question every frame a range spans on the dashboard', async () => {
    const { questions } = await questionProgress(server.db, datasetId);
    expect(questions.find((q) => q.questionId === 'site')?.targetsLabelled).toBe(FRAMES);
  });

  it('stays exact through deletes, another question and overlapping ranges from stale devices', async () => {
    const fresh = device('b');
    for (const record of (await server.db.selectFrom('annotation_records').select(['record_id', 'body', 'version']).where('item_id', '=', itemId).where('deleted', '=', 0).execute())) {
      fresh.store.apply({ [record.record_id]: [null, JSON.parse(record.body!) as AnnotationRecord] });
      fresh.versions.set(record.record_id, Number(record.version));
    }
    await send(fresh, paint(fresh, site, 0, FRAMES - 1, []));
    expect(await stored()).toEqual({ labelled: 0, naive: 0 });

    // Two devices that never see each other's edits: their ranges overlap on the server.
    const stale = [device('c'), device('d')];
    const random = mulberry32(7);
    for (let step = 0; step < 16; step += 1) {
      const dev = stale[step % 2]!;
      const first = Math.floor(random() * FRAMES);
      const last = Math.min(FRAMES - 1, first + Math.floor(random() * 1500));
      const question = random() < 0.5 ? site : mayo;
      const codes = random() < 0.2 ? [] : [question === site ? 'site.rectum' : `mayo.${Math.floor(random() * 4)}`];
      await send(dev, paint(dev, question, first, last, codes));
      const counts = await stored();
      expect(counts.labelled).toBe(counts.naive);
    }
    expect((await stored()).labelled).toBeGreaterThan(0);

    // The dashboard counts each frame once per question, though the stale devices' ranges overlap.
    const { questions } = await questionProgress(server.db, datasetId);
    const live = await liveRecords();
    const order = targetOrder(targets.order);
    const ofQuestion = (questionId: string) => live.filter((record) => record.type === 'label' && record.questionId === questionId);
    let exactAll = 0;
    let summedAll = 0;
    for (const question of [site, mayo]) {
      const exact = progressOfRecords(ofQuestion(question.id), targets.order).labelled;
      expect(questions.find((q) => q.questionId === question.id)?.targetsLabelled ?? 0).toBe(exact);
      exactAll += exact;
      for (const record of ofQuestion(question.id)) {
        const span = record.type === 'label' ? spanOf(record, order) : undefined;
        summedAll += span ? span.last - span.first + 1 : 0;
      }
    }
    // They did overlap: summing the ranges' lengths would have counted more.
    expect(summedAll).toBeGreaterThan(exactAll);

    // The person's credit counts each frame once per question too.
    const period = creditPeriod(undefined, undefined, server.now());
    if (!period.ok) throw new Error(period.errors.join('; '));
    const credit = await userCredit(server.db, { id: ann.user.id, displayName: 'ann' }, period.value);
    expect(credit.totals.targetsLabelled).toBe(exactAll);
  });
});
