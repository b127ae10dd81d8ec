import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import type { Language, MessageVars } from '../../i18n/types';
import { importSummaryText, refusalText } from './importSummary';

const tr = (language: Language) => (key: MessageKey, vars?: MessageVars) => translate(messages, language, key, vars);
const en = tr('en');
const format = (n: number) => new Intl.NumberFormat('en').format(n);

describe('the import summary', () => {
  it('says how many outlines were imported, and only that when nothing was left out', () => {
    expect(importSummaryText(en, format, 12_345, { features: 12_345, outlines: 12_345, classes: [], skipped: {}, simplified: 0 }, [])).toBe('12,345 outlines imported.');
  });

  it('lists what was skipped, by class and by reason, with counts', () => {
    const report = { features: 12_349, outlines: 12_347, classes: [], skipped: { noGeometry: 1, tooManyVertices: 1 }, simplified: 0 };
    const text = importSummaryText(en, format, 12_345, report, [
      { name: 'Stroma', count: 1 },
      { name: null, count: 1 },
    ]);
    expect(text).toBe('12,345 outlines imported, 4 skipped: 1 of class “Stroma”, 1 without a class, 1 without an outline, 1 with more than 10,000 points.');
    expect(importSummaryText(tr('ja'), format, 5, { ...report, skipped: {} }, [{ name: 'Stroma', count: 2 }])).toBe(
      '輪郭 5 件を読み込み、2 件を読み込みませんでした：クラス「Stroma」の 2 件。',
    );
  });

  it('says how many outlines were simplified to fit the vertex limit', () => {
    const report = { features: 3, outlines: 3, classes: [], skipped: {}, simplified: 2 };
    expect(importSummaryText(en, format, 3, report, [])).toBe('3 outlines imported. 2 outlines with more than 10,000 points were simplified to fit.');
  });

  it('says why a file was refused, with where an outline outside the slide lies', () => {
    expect(refusalText(en, format, { kind: 'notJson', detail: 'Unexpected token <' })).toMatch(/not a GeoJSON file/);
    expect(refusalText(en, format, { kind: 'noOutlines', features: 3 })).toBe('Nothing was imported: the file holds no outline (3 objects read).');
    expect(
      refusalText(en, format, { kind: 'outsideSlide', count: 2, example: { minX: 45_000.4, minY: 10, maxX: 46_000, maxY: 20 }, slide: { width: 2_220, height: 2_967 } }),
    ).toBe(
      'Nothing was imported: 2 outlines lie outside this slide (2,220 × 2,967 px), e.g. one at x 45,000–46,000, y 10–20. The file may belong to another slide, or give µm instead of pixels.',
    );
  });
});
