import { describe, expect, it } from 'vitest';
import type { Geometry, Point } from '../../core/annotation';
import { translateGeometry } from '../../core/geometry/transform';
import { messages, type MessageKey } from '../../i18n/messages';
import { translate } from '../../i18n/translate';
import type { Language, MessageVars } from '../../i18n/types';
import { outlineVersionText } from './outlineVersionText';

const tr = (language: Language) => (key: MessageKey, vars?: MessageVars) => translate(messages, language, key, vars);
const square = (x: number, y: number, size: number): Point[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
/** CMU-1-Small-Region's pixel size. */
const MPP = [0.499, 0.499] as const;

describe('outlineVersionText', () => {
  const base: Geometry = { type: 'polygon', points: square(1000, 1000, 200) };

  it('says how far a moved outline went, and its area, in µm where the slide has µm per pixel', () => {
    const moved = translateGeometry(base, 0, 500);
    // 500 px × 0.499 µm/px; 200² px² × 0.499² = 9,960 µm².
    expect(outlineVersionText(tr('en'), moved, base, MPP)).toBe('moved by 250 µm · area 9,960 µm²');
    expect(outlineVersionText(tr('ja'), moved, base, MPP)).toBe('250 µm 移動 · 面積 9,960 µm²');
    expect(outlineVersionText(tr('en'), translateGeometry(base, 3, 4), base, MPP)).toBe('moved by 2.5 µm · area 9,960 µm²');
  });

  it('counts changed vertices of a reshaped outline, in px without a pixel size', () => {
    const reshaped: Geometry = { type: 'polygon', points: [[1000, 1000], [1200, 1000], [1400, 1350], [1000, 1200]] };
    expect(outlineVersionText(tr('en'), reshaped, base, null)).toBe('1 vertex changed · area 75,000 px²');
    const two: Geometry = { type: 'polygon', points: [[1000, 1000], [1300, 1000], [1400, 1350], [1000, 1200]] };
    expect(outlineVersionText(tr('en'), two, base, null)).toMatch(/^2 vertices changed · area /);
    expect(outlineVersionText(tr('ja'), two, base, null)).toMatch(/^頂点 2 個を変更 · 面積 /);
  });

  it('gives only the area of an unchanged outline (a class change), and nothing for a point', () => {
    expect(outlineVersionText(tr('en'), structuredClone(base), base, MPP)).toBe('area 9,960 µm²');
    expect(outlineVersionText(tr('en'), base, null, [0, 0])).toBe('area 40,000 px²');
    expect(outlineVersionText(tr('en'), { type: 'point', point: [5, 5] }, { type: 'point', point: [5, 5] }, MPP)).toBe('');
  });
});
