import { describe, expect, it } from 'vitest';
import type { ImportJob, ImportJobIdentity } from '../../core/api';
import type { MessageKey, MessageVars } from '../../i18n';
import { messages } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import { LANGUAGES } from '../../i18n/types';
import { importJobText } from './importJobText';

const identity: ImportJobIdentity = { id: 'j', datasetId: 'd', fileName: 'biopsy.svs', kind: 'file', createdAt: '', updatedAt: '' };

describe.each(LANGUAGES)('importJobText in %s', (language) => {
  const t = (key: MessageKey, vars?: MessageVars) => translate(messages, language, key, vars);
  const text = (job: ImportJob) => importJobText(t, job);

  it('says each step of a build in its own words, with the percent of tiles written', () => {
    const steps = [
      text({ ...identity, state: 'queued' }),
      text({ ...identity, state: 'building', cancelRequested: false, phase: 'opening', percent: 0 }),
      text({ ...identity, state: 'building', cancelRequested: false, phase: 'tiles', percent: 42 }),
      text({ ...identity, state: 'building', cancelRequested: false, phase: 'storing', percent: 100 }),
    ];
    expect(new Set(steps.map((step) => step.text)).size).toBe(steps.length);
    expect(steps[2]?.text).toContain('42');
    for (const step of steps) expect(step.text).not.toMatch(/admin\./);
  });

  it('ends with the file outcome of the report, a refusal by its code, and a stop of the server as its own sentence', () => {
    const done = text({ ...identity, state: 'done', report: { outcomes: [{ file: 'biopsy.svs', status: 'imported', itemId: 'i' }], itemIds: ['i'] } });
    expect(done).toEqual({ text: t('admin.upload.imported'), tone: 'ok', detail: null });
    const refused = text({
      ...identity,
      state: 'failed',
      code: 'slideTruncated',
      reason: 'ends early',
      report: { outcomes: [{ file: 'biopsy.svs', status: 'refused', code: 'slideTruncated', reason: 'ends early' }], itemIds: [] },
    });
    expect(refused).toEqual({ text: t('admin.upload.reason.slideTruncated'), tone: 'error', detail: 'ends early' });
    const stopped = text({ ...identity, state: 'failed', code: 'serverStopped', reason: 'stopped', report: { outcomes: [{ file: 'biopsy.svs', status: 'refused', reason: 'stopped' }], itemIds: [] } });
    expect(stopped).toEqual({ text: t('admin.jobs.serverStopped'), tone: 'error', detail: 'stopped' });
  });

  it('says a slide being de-identified by its percent, and a cancelled job by what it had imported', () => {
    const deid = text({ ...identity, kind: 'deidSlide', state: 'building', cancelRequested: false, phase: 'deidentifying', percent: 37 });
    expect(deid.text).toContain('37');
    expect(deid.text).not.toBe(text({ ...identity, state: 'building', cancelRequested: false, phase: 'tiles', percent: 37 }).text);
    const nothing = text({ ...identity, state: 'cancelled', report: { outcomes: [{ file: 'biopsy.svs', status: 'refused', reason: 'cancelled' }], itemIds: [] } });
    expect(nothing).toEqual({ text: t('admin.jobs.cancelled'), tone: 'muted', detail: null });
    const imported = { file: 'a.dcm', status: 'imported', itemId: 'i' } as const;
    const some = text({ ...identity, kind: 'dicomwebPull', state: 'cancelled', report: { outcomes: [imported, { ...imported, file: 'b.dcm' }], itemIds: ['i'] } });
    expect(some).toEqual({ text: t('admin.jobs.cancelledAfter', { imported: 2 }), tone: 'muted', detail: null });
    expect(some.text).toContain('2');
  });

  it('names the file a cancel stopped mid-build, beside what was imported before it', () => {
    const imported = { file: 'a.mp4', status: 'imported', itemId: 'i' } as const;
    const stopped = { file: 'b.mp4', status: 'refused', reason: 'stopped', code: 'stoppedByCancel' } as const;
    const job = text({ ...identity, state: 'cancelled', report: { outcomes: [imported, stopped], itemIds: ['i'] } });
    expect(job).toEqual({ text: t('admin.jobs.cancelledAfter', { imported: 1 }), tone: 'muted', detail: t('admin.jobs.stoppedFile', { file: 'b.mp4' }) });
    expect(job.detail).toContain('b.mp4');
  });

  it('counts a folder of stills: its steps in words of stills and frames, then how many stills it imported and refused', () => {
    const folder: ImportJobIdentity = { ...identity, fileName: 'SATO^JIRO/', kind: 'stillsFolder' };
    const steps = [
      text({ ...folder, state: 'building', cancelRequested: false, phase: 'opening', percent: 0 }),
      text({ ...folder, state: 'building', cancelRequested: false, phase: 'frames', percent: 42 }),
      text({ ...folder, state: 'building', cancelRequested: false, phase: 'storing', percent: 100 }),
    ];
    expect(new Set(steps.map((step) => step.text)).size).toBe(steps.length);
    expect(steps[1]?.text).toContain('42');
    expect(steps[1]?.text).not.toBe(text({ ...identity, state: 'building', cancelRequested: false, phase: 'frames', percent: 42 }).text);
    const done = text({
      ...folder,
      state: 'done',
      report: {
        outcomes: [
          { file: 'SATO^JIRO/1.png', status: 'imported', itemId: 'i' },
          { file: 'SATO^JIRO/2.png', status: 'imported', itemId: 'i' },
          { file: 'SATO^JIRO/cut.jpg', status: 'refused', reason: 'does not decode' },
        ],
        itemIds: ['i'],
      },
    });
    expect(done).toEqual({ text: t('admin.jobs.stillsDone', { imported: 2, refused: 1 }), tone: 'ok', detail: null });
    expect(done.text).toContain('2');
  });

  it('counts a PACS pull in instances and megabytes while it runs, then ends with its counts and the first refusal\'s sentence', () => {
    const pull: ImportJobIdentity = { ...identity, fileName: 'pacs:8042: study 1.2.3', kind: 'dicomwebPull' };
    const asking = text({ ...pull, state: 'building', cancelRequested: false, phase: 'opening', percent: 0 });
    const running = text({ ...pull, state: 'building', cancelRequested: false, phase: 'instances', percent: 42, counts: { done: 12, total: 28, bytes: 6_314_736 } });
    expect(asking.text).not.toBe(text({ ...identity, state: 'building', cancelRequested: false, phase: 'opening', percent: 0 }).text);
    expect(running.text).toBe(t('pacsPull.jobInstances', { done: 12, total: 28, megabytes: '6.3' }));
    expect(running.text).toContain('12');
    expect(running.text).toContain('6.3');

    const dropped = 'the PACS cannot be reached or stopped answering during the retrieve: terminated; 5 instances of it had arrived and are kept';
    const report = {
      outcomes: [
        { file: 'studies/1.2.3/1.dcm', status: 'imported', itemId: 'i' },
        { file: 'studies/1.2.3/2.dcm', status: 'duplicate', itemId: 'i' },
        { file: 'studies/1.2.3', status: 'refused', reason: dropped },
      ],
      itemIds: ['i'],
    } as const;
    expect(text({ ...pull, state: 'done', report })).toEqual({ text: t('pacsPull.jobDone', { imported: 1, duplicate: 1, refused: 1 }), tone: 'error', detail: dropped });
    const whole = { outcomes: report.outcomes.slice(0, 1), itemIds: ['i'] };
    expect(text({ ...pull, state: 'done', report: whole })).toEqual({ text: t('pacsPull.jobDone', { imported: 1, duplicate: 0, refused: 0 }), tone: 'ok', detail: null });
    const unreachable = 'the PACS cannot be reached or stopped answering during the study query: fetch failed';
    const failed = text({ ...pull, state: 'failed', code: 'importFailed', reason: unreachable, report: { outcomes: [{ file: 'studies (QIDO-RS query)', status: 'refused', reason: unreachable }], itemIds: [] } });
    expect(failed).toEqual({ text: t('pacsPull.jobDone', { imported: 0, duplicate: 0, refused: 1 }), tone: 'error', detail: unreachable });
  });
});
