import type { MessageTable } from '../types';

/** Messages of the GeoJSON exchange of a slide's outlines (export, import with progress, class mapping, summary). */
export const exchangeMessages = {
  'exchange.label': { en: 'Outlines as GeoJSON (QuPath)', ja: '輪郭のGeoJSON入出力（QuPath）' },
  'exchange.export': { en: 'Export GeoJSON', ja: 'GeoJSONに書き出す' },
  'exchange.export.tooltip': {
    en: 'Save every outline of this slide in a GeoJSON file that QuPath can open',
    ja: 'このスライドのすべての輪郭を、QuPathで開けるGeoJSONファイルに保存します',
  },
  'exchange.import': { en: 'Import GeoJSON…', ja: 'GeoJSONを読み込む…' },
  'exchange.import.tooltip': {
    en: 'Add the outlines of a GeoJSON file (e.g. a QuPath export) to this slide',
    ja: 'GeoJSONファイル（QuPathの書き出しなど）の輪郭をこのスライドに追加します',
  },
  'exchange.import.notEditable': {
    en: 'Outlines can be imported only into a slide assigned to you that is not yet submitted.',
    ja: '輪郭を読み込めるのは、自分に割り当てられた未提出のスライドだけです。',
  },
  'exchange.import.noRegionQuestion': {
    en: 'This label set has no outline question to import into.',
    ja: 'このラベルセットには、輪郭を読み込める設問がありません。',
  },
  'exchange.reading': { en: 'Reading {file}: {done} of {total} objects', ja: '{file} を読み込み中：{total} 件中 {done} 件' },
  'exchange.cancel': { en: 'Cancel', ja: 'キャンセル' },
  'exchange.cancelled': { en: 'Import cancelled: nothing was added.', ja: '読み込みを取り消しました。何も追加されていません。' },
  'exchange.mapping.title': {
    en: 'Some classes of the file are not in this label set',
    ja: 'ファイルの一部のクラスがこのラベルセットにありません',
  },
  'exchange.mapping.help': {
    en: 'Choose the class each one becomes, or skip its outlines.',
    ja: 'それぞれを取り込むクラスを選ぶか、「これらの輪郭は読み込まない」を選んでください。',
  },
  'exchange.mapping.unclassified': { en: '(no class)', ja: '（クラスなし）' },
  'exchange.mapping.count': { en: '{count} outlines', ja: '輪郭 {count} 件' },
  'exchange.mapping.skip': { en: 'Skip these outlines', ja: 'これらの輪郭は読み込まない' },
  'exchange.mapping.confirm': { en: 'Import', ja: '読み込む' },
  'exchange.summary.imported': { en: '{count} outlines imported.', ja: '輪郭 {count} 件を読み込みました。' },
  'exchange.summary.importedSkipped': {
    en: '{count} outlines imported, {skipped} skipped: {reasons}.',
    ja: '輪郭 {count} 件を読み込み、{skipped} 件を読み込みませんでした：{reasons}。',
  },
  'exchange.summary.simplified': {
    en: '{count} outlines with more than {max} points were simplified to fit.',
    ja: '点が {max} を超える輪郭 {count} 件は、上限に収まるよう簡略化しました。',
  },
  'exchange.skip.class': { en: '{count} of class “{name}”', ja: 'クラス「{name}」の {count} 件' },
  'exchange.skip.unclassified': { en: '{count} without a class', ja: 'クラスのない {count} 件' },
  'exchange.skip.noGeometry': { en: '{count} without an outline', ja: '輪郭のない {count} 件' },
  'exchange.skip.unsupportedGeometry': {
    en: '{count} of a shape type that cannot be imported',
    ja: '読み込めない種類の図形 {count} 件',
  },
  'exchange.skip.badCoordinates': { en: '{count} with unreadable coordinates', ja: '座標を読めない {count} 件' },
  'exchange.skip.degenerate': { en: '{count} enclosing no area', ja: '面積のない {count} 件' },
  'exchange.skip.crossesItself': {
    en: '{count} whose outline crosses itself (invalid for area measurement)',
    ja: '輪郭が自己交差している {count} 件（面積を正しく測れません）',
  },
  'exchange.skip.tooManyVertices': { en: '{count} with more than {max} points', ja: '点が {max} を超える {count} 件' },
  'exchange.skip.notAFeature': { en: '{count} entries that are not GeoJSON features', ja: 'GeoJSONのフィーチャーでない {count} 件' },
  'exchange.refused.notJson': {
    en: 'Nothing was imported: this is not a GeoJSON file (it cannot be read as JSON text).',
    ja: '読み込めません：GeoJSONファイルではありません（JSONとして読めません）。',
  },
  'exchange.refused.notGeoJson': {
    en: 'Nothing was imported: this JSON file is not GeoJSON. Expected a FeatureCollection of outlines, as QuPath exports.',
    ja: '読み込めません：このJSONファイルはGeoJSONではありません。QuPathが書き出すような輪郭のFeatureCollectionが必要です。',
  },
  'exchange.refused.noOutlines': {
    en: 'Nothing was imported: the file holds no outline ({features} objects read).',
    ja: '読み込めません：ファイルに輪郭がありません（{features} 件を確認）。',
  },
  'exchange.refused.outsideSlide': {
    en: 'Nothing was imported: {count} outlines lie outside this slide ({width} × {height} px), e.g. one at x {minX}–{maxX}, y {minY}–{maxY}. The file may belong to another slide, or give µm instead of pixels.',
    ja: '読み込めません：輪郭 {count} 件がこのスライド（{width} × {height} px）の外にあります（例：x {minX}–{maxX}、y {minY}–{maxY}）。別のスライドのファイルか、座標がピクセルでなくµmの可能性があります。',
  },
  'exchange.failed': {
    en: 'The import failed ({message}). Nothing was added.',
    ja: '読み込みに失敗しました（{message}）。何も追加されていません。',
  },
  'exchange.refusedByEditor': {
    en: 'The outlines could not be added ({reason}). Nothing was added.',
    ja: '輪郭を追加できませんでした（{reason}）。何も追加されていません。',
  },
} as const satisfies MessageTable;
