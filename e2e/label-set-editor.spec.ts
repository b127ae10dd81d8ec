import type { Page } from '@playwright/test';
import { allRecords } from '../src/data/testing/allRecords';
import { hasFundusSampleData } from '../server/testing/frameFixtures';
import { downloaded, expectFramesReady, fundusFrameSet, FUNDUS_STILLS } from './fixtures/frames';
import { byTestId, expect, expectSynced, openDataset, serverApi, settled, signIn, test } from './fixtures/mejirushi';

const DATASET = 'Fundus pair';

/** Fills class `n` of question `q` in the editor: code, English and Japanese names, key. */
async function fillClass(page: Page, q: number, n: number, [code, en, ja, key]: readonly [string, string, string, string]): Promise<void> {
  const row = `class-${q}-${n}`;
  await byTestId(page, `${row}-code`).fill(code);
  await byTestId(page, `${row}-en`).fill(en);
  await byTestId(page, `${row}-ja`).fill(ja);
  await byTestId(page, `${row}-key`).fill(key);
}

/** Fills question `q`: id, names, kind, required, and its classes (adding rows as needed). */
async function fillQuestion(
  page: Page,
  q: number,
  { id, en, ja, kind, required, classes }: { id: string; en: string; ja: string; kind: string; required: boolean; classes: readonly (readonly [string, string, string, string])[] },
): Promise<void> {
  const prefix = `question-${q}`;
  await byTestId(page, `${prefix}-id`).fill(id);
  await byTestId(page, `${prefix}-en`).fill(en);
  await byTestId(page, `${prefix}-ja`).fill(ja);
  await byTestId(page, `${prefix}-target`).selectOption('image');
  await byTestId(page, `${prefix}-kind`).selectOption(kind);
  await byTestId(page, `${prefix}-required`).setChecked(required);
  for (const [i, labelClass] of classes.entries()) {
    if (i > 0) await byTestId(page, `${prefix}-add-class`).click();
    await fillClass(page, q, i + 1, labelClass);
  }
}

test('an admin writes a two-question fundus set in the editor, makes a dataset with it, a reader grades with its keys, and a renamed class migrates', async ({ browser, mejirushi }) => {
  test.skip(!hasFundusSampleData(), 'the fundus photographs of ../shared/data/fundus are not on this machine');
  const adminContext = await browser.newContext();
  const readerContext = await browser.newContext();
  try {
    const admin = await adminContext.newPage();
    await signIn(admin, mejirushi.admin);
    await byTestId(admin, 'nav-admin').click();
    await byTestId(admin, 'label-set-new').click();
    await byTestId(admin, 'label-set-id').fill('fundus-pair');
    await byTestId(admin, 'label-set-name-en').fill('Fundus: DR and glaucoma');
    await byTestId(admin, 'label-set-name-ja').fill('眼底：網膜症と緑内障');
    await fillQuestion(admin, 1, {
      id: 'dr',
      en: 'Diabetic retinopathy',
      ja: '糖尿病網膜症',
      kind: 'grade',
      required: true,
      classes: [
        ['dr.0', 'No DR', '網膜症なし', '0'],
        ['dr.1', 'Mild', '軽症', '1'],
        ['dr.2', 'Moderate or worse', '中等症以上', '2'],
      ],
    });
    await byTestId(admin, 'label-set-add-question').click();
    await fillQuestion(admin, 2, {
      id: 'glaucoma',
      en: 'Glaucoma suspect',
      ja: '緑内障疑い',
      kind: 'single',
      required: false,
      classes: [
        ['glaucoma.no', 'No', 'なし', '0'],
        ['glaucoma.yes', 'Yes', 'あり', '1'],
      ],
    });
    await expect(byTestId(admin, 'label-set-valid')).toBeVisible();

    // A third question outlining regions with key 1 clashes with both number-keyed questions, and
    // the editor says so at once, naming the keys and questions; removing it clears the problem.
    await byTestId(admin, 'label-set-add-question').click();
    await byTestId(admin, 'question-3-target').selectOption('region');
    await byTestId(admin, 'question-3-en').fill('Lesion');
    await byTestId(admin, 'question-3-ja').fill('病変');
    await fillClass(admin, 3, 1, ['lesion.haemorrhage', 'Haemorrhage', '出血', '1']);
    await expect(byTestId(admin, 'label-set-issues')).toContainText('key "1" of class "lesion.haemorrhage" (question "q3") clashes with class "dr.1" of question "dr"');
    await expect(byTestId(admin, 'label-set-save')).toBeDisabled();
    await admin.getByRole('button', { name: 'Remove question 3' }).click();
    await expect(byTestId(admin, 'label-set-valid')).toBeVisible();

    // An item-level answer rule: the worst grade any photo carries first. Turned on, it lists the
    // classes in order to be reordered; turned off again, the set is as before.
    await byTestId(admin, 'question-1-item-answer').check();
    const priority = byTestId(admin, 'question-1-priority').locator('li');
    await expect(priority).toHaveText([/No DR/, /Mild/, /Moderate or worse/]);
    await admin.getByRole('button', { name: 'Give Moderate or worse priority over the class above' }).click();
    await admin.getByRole('button', { name: 'Give Moderate or worse priority over the class above' }).click();
    await admin.getByRole('button', { name: 'Give Mild priority over the class above' }).click();
    await expect(priority).toHaveText([/Moderate or worse/, /Mild/, /No DR/]);
    await expect(byTestId(admin, 'label-set-valid')).toBeVisible();
    await byTestId(admin, 'question-1-item-answer').uncheck();
    await expect(byTestId(admin, 'question-1-priority')).toHaveCount(0);

    // The preview shows the buttons and keys a reader will use.
    const preview = byTestId(admin, 'label-set-preview');
    await expect(preview.getByTestId('preview-1-dr.2')).toContainText('Moderate or worse');
    await expect(preview.getByTestId('preview-1-dr.2').locator('kbd')).toHaveText('2');
    await expect(preview.getByTestId('preview-2-glaucoma.yes').locator('kbd')).toHaveText('1');

    await byTestId(admin, 'label-set-save').click();
    await expect(byTestId(admin, 'label-set-notice')).toHaveText('Saved fundus-pair version 1.');
    await expect(byTestId(admin, 'label-set-row-fundus-pair')).toContainText('v1');

    await byTestId(admin, 'new-dataset-name').fill(DATASET);
    await byTestId(admin, 'new-dataset-label-set').selectOption('fundus-pair@1');
    await byTestId(admin, 'new-dataset-submit').click();
    await expect(byTestId(admin, 'admin-datasets')).toContainText(DATASET);
    await expect(byTestId(admin, 'admin-datasets')).toContainText('Fundus: DR and glaucoma');
    await fundusFrameSet(mejirushi, DATASET);

    const reader = await readerContext.newPage();
    await signIn(reader, mejirushi.annotator);
    await openDataset(reader, DATASET);
    await reader.locator('[data-testid^="item-link-"]').first().click();
    await expectFramesReady(reader);
    const grades = [
      ['2', '1'],
      ['0', '0'],
      ['1', '1'],
    ] as const;
    for (const [photo, keys] of grades.entries()) {
      await expect(byTestId(reader, 'frame-workspace')).toHaveAttribute('data-current-frame', String(photo));
      await expect(byTestId(reader, 'frame-workspace')).toHaveAttribute('data-question', 'dr');
      for (const key of keys) await reader.keyboard.press(key);
    }
    await settled(reader);
    await expectSynced(reader);
    const itemId = await byTestId(reader, 'item-page').getAttribute('data-item-id');
    if (!itemId) throw new Error('the item page names its item');
    const targets = (await reader.evaluate(() => window.__mejirushi?.store.getState().openItem?.targetIds)) as readonly string[];
    expect(targets).toHaveLength(FUNDUS_STILLS.length);
    const api = await serverApi(mejirushi.url, mejirushi.annotator);
    const answers = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'label' ? [`${targets.indexOf(record.targetId)} ${record.questionId} ${record.classCodes.join()}`] : []));
    expect(answers.sort()).toEqual(['0 dr dr.2', '0 glaucoma glaucoma.yes', '1 dr dr.0', '1 glaucoma glaucoma.no', '2 dr dr.1', '2 glaucoma glaucoma.yes']);

    // Version 2 renames glaucoma's "Yes" (a new code and name); the migration screen proposes to
    // send it to review (no code matches), the admin maps it to the renamed class and applies.
    await byTestId(admin, 'label-set-new-version-fundus-pair').click();
    await byTestId(admin, 'class-2-2-code').fill('glaucoma.suspect');
    await byTestId(admin, 'class-2-2-en').fill('Suspected');
    await byTestId(admin, 'class-2-2-ja').fill('疑いあり');
    await expect(byTestId(admin, 'label-set-valid')).toBeVisible();
    await byTestId(admin, 'label-set-save').click();
    await expect(byTestId(admin, 'label-set-notice')).toHaveText('Saved fundus-pair version 2.');
    await byTestId(admin, 'migration-dataset').selectOption({ label: `${DATASET} (fundus-pair v1)` });
    await expect(byTestId(admin, 'migration-version')).toHaveValue('2');
    await byTestId(admin, 'migration-preview').click();
    const yes = byTestId(admin, 'migration-class-glaucoma-glaucoma.yes');
    await expect(yes).toContainText('flagged for review');
    await expect(yes.locator('td').nth(2)).toHaveText('2');
    await yes.locator('select').selectOption('glaucoma.suspect');
    await expect(yes).toContainText('recoded');
    await expect(byTestId(admin, 'migration-summary')).toHaveText('2 record(s) will be rewritten, 0 flagged for review.');
    await byTestId(admin, 'migration-apply').click();
    await expect(byTestId(admin, 'migration-notice')).toHaveText('Moved to version 2: 2 record(s) rewritten, 0 flagged for review.');
    await expect(byTestId(admin, 'migration-undo')).toBeVisible();

    // The audit viewer shows the mapping.
    await byTestId(admin, 'audit-open').click();
    await byTestId(admin, 'audit-action').fill('labelSet.migrate');
    await byTestId(admin, 'audit-apply').click();
    await expect(byTestId(admin, 'audit-row')).toHaveCount(1);
    await expect(byTestId(admin, 'audit-row')).toContainText('glaucoma: glaucoma.yes → glaucoma.suspect');

    // The reader's records follow: after a reload the photos carry the new class, and the frame set's CSV its code.
    await reader.reload();
    await expectFramesReady(reader);
    const migrated = (await allRecords(api, itemId)).flatMap(({ record }) => (record?.type === 'label' && record.questionId === 'glaucoma' ? [`${targets.indexOf(record.targetId)} ${record.classCodes.join()}`] : []));
    expect(migrated.sort()).toEqual(['0 glaucoma.suspect', '1 glaucoma.no', '2 glaucoma.suspect']);
    const csv = await downloaded(reader, 'frames-export-csv', /-frame-labels\.csv$/);
    expect(csv).toContain('glaucoma.suspect');
    expect(csv).not.toContain('glaucoma.yes');

    // The old version still reads: its definition and export file are unchanged.
    const adminApi = await serverApi(mejirushi.url, mejirushi.admin);
    const v1 = await adminApi.exportLabelSet('fundus-pair', 1);
    expect(v1.questions[1]?.classes.map((c) => c.code)).toEqual(['glaucoma.no', 'glaucoma.yes']);
  } finally {
    await adminContext.close();
    await readerContext.close();
  }
});
