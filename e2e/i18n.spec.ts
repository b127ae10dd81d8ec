import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ModelManifest } from '../src/core/models/manifest';
import { ANNOTATOR_NAMES, byTestId, expect, expectDatasetList, labelByKeys, openDataset, openDemoItem, signIn, test, waitForItem, DEMO_DATASET_NAME } from './fixtures/mejirushi';

/**
 * Key names, file formats' and file names and the language switch's own names are the same in every
 * language; so are clinical names Japanese practice writes in Latin letters (the Mayo endoscopic
 * subscore, the gastric biopsy "Group分類", "AI").
 */
const SAME_IN_EVERY_LANGUAGE = [
  ...['Del', 'Ctrl', 'Shift', 'Alt', 'Enter', 'DICOM', 'CSV', 'JPEG', 'PNG', 'ID', 'English', '日本語', 'Mayo', 'Group', 'AI', 'manifest.json', 'ONNX', 'JSON'],
  // Units and reading aids' names written the same in Japanese radiology.
  ...['mm', 'ROI', 'fps', 'HU'],
  // The DICOM standard's and its services' names, which Japanese practice writes as the standard does.
  ...['PS3.15 Annex E', 'Annex E', 'PACS', 'DICOMweb', 'QIDO-RS', 'WADO-RS', 'STOW-RS', 'URL', 'SOP Instance UID', 'Study Instance UID', 'Series Instance UID', 'UID', 'Key=Value', 'StudyDate', 'SEG', 'RTSTRUCT', 'RT Structure Set', 'SR'],
  // Viewers named as what reads an export.
  ...['OHIF', '3D Slicer'],
  'http://pacs:8042/dicom-web',
];
const LATIN_WORD = /[A-Za-z]{2,}/g;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]+/g;

/**
 * Every piece of text on the screen (text, aria-label, title, placeholder) with the data shown
 * on it (dataset names, item titles: not UI text) and the language-neutral words taken out,
 * then the words matching `pattern`: what is left in the other language.
 */
async function wordsLeft(page: Page, pattern: RegExp, data: readonly string[]): Promise<string[]> {
  const texts = await page.locator('body').evaluate((body) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('script, style, noscript')) continue;
      out.push(node.textContent ?? '');
    }
    for (const element of body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) out.push(element.getAttribute(name) ?? '');
    }
    return out;
  });
  const neutral = [...data, ...SAME_IN_EVERY_LANGUAGE].filter(Boolean).sort((a, b) => b.length - a.length);
  return texts.flatMap((text) => {
    let rest = text;
    for (const value of neutral) rest = rest.split(value).join(' ');
    return rest.match(pattern) ?? [];
  });
}

/** What the models that ship say of themselves (their manifests are data, written in English by whoever built them). */
const BUILT_IN_MODEL_TEXTS = readdirSync('models', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const manifest = JSON.parse(readFileSync(join('models', entry.name, 'manifest.json'), 'utf8')) as ModelManifest;
    return [manifest.id, manifest.name, manifest.description, manifest.licence, manifest.source, manifest.evaluation?.summary ?? ''];
  });

/** The built-in label sets' ids (identifiers, listed on the admin screen's label-set section as they are). */
const BUILT_IN_LABEL_SET_IDS = readdirSync(join('src', 'core', 'labelSets', 'builtin'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => (JSON.parse(readFileSync(join('src', 'core', 'labelSets', 'builtin', name), 'utf8')) as { id: string }).id);

/** The annotator the fixture made: listed on the admin screen under an English name. */
const ACCOUNTS = [ANNOTATOR_NAMES.username, ANNOTATOR_NAMES.displayName];

/**
 * Names and titles the app shows from the server (the demo data and the users' names are English;
 * a model's name, description and evaluation are its manifest's, written by whoever built it).
 */
async function shownData(page: Page): Promise<string[]> {
  const fromStore = await page.evaluate(() => {
    const state = window.__mejirushi?.store.getState();
    if (!state) throw new Error('no app test API');
    return [
      state.session?.user.displayName ?? '',
      state.session?.user.username ?? '',
      ...(state.datasets ?? []).flatMap((d) => [d.name, d.description]),
      ...Object.values(state.itemLists).flatMap((list) => list?.items.map((item) => item.title) ?? []),
      state.openItem?.detail?.item.title ?? '',
      // The series description the file carries, shown in the viewer's corner as it is.
      state.openItem?.detail?.item.content.kind === 'series' ? state.openItem.detail.item.content.seriesDescription : '',
    ];
  });
  return [...fromStore, ...ACCOUNTS, ...BUILT_IN_MODEL_TEXTS, ...BUILT_IN_LABEL_SET_IDS];
}

async function expectOnlyJapanese(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  expect(await wordsLeft(page, LATIN_WORD, await shownData(page))).toEqual([]);
}

async function expectOnlyEnglish(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await wordsLeft(page, JAPANESE, await shownData(page))).toEqual([]);
}

test('Japanese and English: every main screen switches completely, and the choice survives a reload', async ({ page, mejirushi }) => {
  await page.goto('/');
  await expect(byTestId(page, 'login-submit')).toHaveText('Sign in');
  await expectOnlyEnglish(page);

  await byTestId(page, 'lang-ja').click();
  await expect(byTestId(page, 'login-submit')).toHaveText('ログイン');
  await expectOnlyJapanese(page);

  await signIn(page, mejirushi.admin);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('データセット');
  await expectOnlyJapanese(page);

  await byTestId(page, 'nav-admin').click();
  await expect(byTestId(page, 'admin-page')).toBeVisible();
  await expectOnlyJapanese(page);
  await byTestId(page, 'nav-datasets').click();
  await expectDatasetList(page);

  await openDataset(page, DEMO_DATASET_NAME);
  await expectOnlyJapanese(page);
  await page.goBack();
  await expectDatasetList(page);

  await openDemoItem(page);
  await labelByKeys(page, ['1']); // class names now show in the strip, the overlay and the answer
  await expect(byTestId(page, 'label-button-sah.present')).toContainText('くも膜下出血あり');
  await expect(byTestId(page, 'submit-item')).toBeVisible();
  await expectOnlyJapanese(page);

  await page.reload();
  await waitForItem(page);
  await expect(byTestId(page, 'undo-button')).toBeVisible();
  await expectOnlyJapanese(page);

  await byTestId(page, 'lang-en').click();
  await expect(byTestId(page, 'label-button-sah.present')).toContainText('SAH present');
  await expectOnlyEnglish(page);
  await page.reload();
  await waitForItem(page);
  await expectOnlyEnglish(page);
});

test('without a stored choice the language follows the browser', async ({ browser, mejirushi }) => {
  for (const [locale, submit] of [['ja-JP', 'ログイン'], ['en-GB', 'Sign in']] as const) {
    const context = await browser.newContext({ baseURL: mejirushi.url, locale });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await expect(byTestId(page, 'login-submit')).toHaveText(submit);
    } finally {
      await context.close();
    }
  }
});
