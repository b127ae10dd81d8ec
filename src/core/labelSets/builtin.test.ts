import { describe, expect, it } from 'vitest';
import { validateLabelSet } from '../validate';
import { BUILTIN_LABEL_SETS, PREVIOUS_BUILTIN_LABEL_SETS, ENDOSCOPY_VIDEO_LABEL_SET, FUNDUS_GRADING_LABEL_SET, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from './builtin';

describe('built-in label sets', () => {
  it.each(BUILTIN_LABEL_SETS.map((s) => [s.id, s] as const))('%s passes validation', (_id, set) => {
    expect(validateLabelSet(set)).toEqual({ ok: true, value: set });
  });

  it('have unique ids', () => {
    const ids = BUILTIN_LABEL_SETS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('SAH set (version 2): one required single-choice slice question, one key per class, present wins over uncertain over absent; the bleed outlined as masks', () => {
    expect(SAH_SLICE_LABEL_SET).toMatchObject({ id: 'sah-slice', version: 2 });
    expect(SAH_SLICE_LABEL_SET.questions).toHaveLength(2);
    const [q, outline] = SAH_SLICE_LABEL_SET.questions;
    expect(outline).toMatchObject({ id: 'sah-outline', target: 'region', kind: 'single', required: false });
    expect(outline!.classes.map((c) => [c.code, c.key, c.coding?.code])).toEqual([['sah.blood', undefined, '21454007']]);
    // Version 1 is version 2 without the outline, still offered to datasets made with it.
    expect(PREVIOUS_BUILTIN_LABEL_SETS.find((set) => set.id === 'sah-slice')).toEqual({ ...SAH_SLICE_LABEL_SET, version: 1, questions: [q] });
    expect(q).toMatchObject({ id: 'sah', target: 'slice', kind: 'single', required: true });
    expect(q!.classes.map((c) => [c.code, c.key])).toEqual([
      ['sah.present', '1'],
      ['sah.absent', '2'],
      ['sah.uncertain', '3'],
    ]);
    expect(q!.itemAnswer?.priority).toEqual(['sah.present', 'sah.uncertain', 'sah.absent']);
    expect(q!.classes[0]?.coding).toEqual({ scheme: 'SCT', code: '21454007', meaning: 'Subarachnoid intracranial hemorrhage' });
    expect(q!.classes.map((c) => c.name.ja)).toEqual(['くも膜下出血あり', 'くも膜下出血なし', '判定保留']);
  });

  it('ICH subtype set is multiple choice over slices, with "none" and the five compartments', () => {
    const [q] = ICH_SUBTYPE_LABEL_SET.questions;
    expect(q).toMatchObject({ id: 'ich', target: 'slice', kind: 'multiple', required: true });
    expect(q!.classes.map((c) => c.code)).toEqual([
      'ich.none',
      'ich.epidural',
      'ich.subdural',
      'ich.subarachnoid',
      'ich.intraparenchymal',
      'ich.intraventricular',
    ]);
  });

  it('fundus grading (version 2): five image questions answered by number keys, only gradability required', () => {
    expect(FUNDUS_GRADING_LABEL_SET).toMatchObject({ id: 'fundus-grading', version: 2 });
    const summary = FUNDUS_GRADING_LABEL_SET.questions.map((q) => [q.id, q.target, q.kind, q.required, q.classes.map((c) => `${c.key}=${c.code}`).join(' ')]);
    expect(summary).toEqual([
      ['gradable', 'image', 'single', true, '0=gradable.no 1=gradable.yes'],
      ['dr', 'image', 'grade', false, '0=dr.0 1=dr.1 2=dr.2 3=dr.3 4=dr.4'],
      ['dme', 'image', 'single', false, '0=dme.no 1=dme.yes'],
      // Version 1's codes, so a glaucoma answer means the same in both versions.
      ['glaucoma', 'image', 'single', false, '0=glaucoma.negative 1=glaucoma.positive'],
      ['amd', 'image', 'grade', false, '0=amd.0 1=amd.1 2=amd.2 3=amd.3'],
    ]);
  });

  it('UC endoscopy (version 2): Mayo 0–3 and site by number keys, sites coded as SNOMED CT body structures, lesion boxes by letters', () => {
    expect(UC_ENDOSCOPY_LABEL_SET).toMatchObject({ id: 'uc-endoscopy', version: 2 });
    const [mayo, site, lesion] = UC_ENDOSCOPY_LABEL_SET.questions;
    expect(mayo).toMatchObject({ id: 'mayo', target: 'frame', kind: 'grade', required: true });
    expect(mayo!.classes.map((c) => [c.code, c.key])).toEqual([['mayo.0', '0'], ['mayo.1', '1'], ['mayo.2', '2'], ['mayo.3', '3']]);
    expect(site!.classes.map((c) => [c.code, c.key, c.coding?.code])).toEqual([
      ['site.rectum', '1', '34402009'],
      ['site.sigmoid', '2', '60184004'],
      ['site.descending', '3', '32622004'],
      ['site.transverse', '4', '485005'],
      ['site.ascending', '5', '9040008'],
      ['site.cecum', '6', '32713005'],
    ]);
    expect(lesion).toMatchObject({ id: 'lesion', target: 'region', kind: 'single', required: false });
    // The drawing tools' keys stay free for the tools.
    for (const c of lesion!.classes) expect('pfretvbh0123456789').not.toContain(c.key);
  });

  it('endoscopy video (version 2): events as frame ranges by number keys, bleeding coded, the colon sites per frame, lesion boxes by letters', () => {
    expect(ENDOSCOPY_VIDEO_LABEL_SET).toMatchObject({ id: 'endoscopy-video', version: 2 });
    const [event, site, lesion] = ENDOSCOPY_VIDEO_LABEL_SET.questions;
    expect(event).toMatchObject({ id: 'event', target: 'frameRange', kind: 'single', required: false });
    expect(event!.classes.map((c) => `${c.key}=${c.code}`)).toEqual([
      '1=event.bleeding',
      '2=event.polyp',
      '3=event.ulcer',
      '4=event.instrument',
      '5=event.notAssessable',
      '6=event.outOfBody',
    ]);
    expect(event!.classes.filter((c) => c.coding).map((c) => c.coding?.code)).toEqual(['131148009']);
    // The player's own keys (stepping, marks, play) are not class keys.
    for (const c of event!.classes) expect(',.[] ').not.toContain(c.key);
    expect(site).toMatchObject({ id: 'site', target: 'frame', kind: 'single', required: false });
    expect(site!.classes).toEqual(UC_ENDOSCOPY_LABEL_SET.questions[1]!.classes);
    // uc-endoscopy's lesions, so a lesion means the same in stills and videos; their keys are neither the player's nor the drawing tools'.
    expect(lesion).toEqual(UC_ENDOSCOPY_LABEL_SET.questions[2]);
    for (const c of lesion!.classes) expect(',.[] gpfretvbh0123456789').not.toContain(c.key);
    // Version 1 is version 2 without the lesions, still offered to datasets made with it.
    const v1 = PREVIOUS_BUILTIN_LABEL_SETS.find((set) => set.id === 'endoscopy-video');
    expect(v1).toEqual({ ...ENDOSCOPY_VIDEO_LABEL_SET, version: 1, name: v1?.name, questions: [event, site] });
  });
});
