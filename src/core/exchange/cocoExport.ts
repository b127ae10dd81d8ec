/**
 * One annotator's document of a frame set as a COCO file (see coco.ts): one image per frame in
 * frame order, one category per class of each region question, one annotation per live outline
 * (rejected proposals stay out, as in the GeoJSON export), and the frames' answers as image
 * attributes, frame ranges and item answers; masks as RLE (cocoMask.ts). Points and lines have no
 * COCO form, and an empty mask nothing to show: they are counted in `left` so the caller can say so. O(document) by nature, like any export.
 *
 * A range on a per-frame question (a run of frames tagged at once, see commands/frameRuns.ts) is
 * written twice: as the attribute of every frame it covers, for readers that know only COCO, and
 * as a frame range, from which the import rebuilds the one record (it skips the attributes a
 * range of the same question covers), so the file re-imports losslessly.
 */
import { isLive, type DocumentView, type Mask, type Shape, type TargetLabel } from '../annotation';
import type { Item } from '../item';
import { findQuestion, type LabelClass, type LabelSet, type Question } from '../labelSet';
import { imageTargetsOf } from '../targets';
import { toCocoShape, type CocoAnnotation, type CocoAnswer, type CocoCategory, type CocoFile, type CocoFrameRange, type CocoImage } from './coco';
import { toCocoRle } from './cocoMask';
import { exportedProvenance } from './exportedProvenance';
import { exportFileName } from './fileName';

/** Records the file leaves out, by what they are. */
export type CocoLeftOut = Partial<Record<'point' | 'polyline' | 'emptyMask' | 'unknownClass', number>>;

export interface CocoExport {
  readonly file: CocoFile;
  readonly left: CocoLeftOut;
}

/** Every class of every region question, in label-set order: category `i + 1` is entry `i`. */
function regionClasses(labelSet: LabelSet): { readonly question: Question; readonly labelClass: LabelClass }[] {
  return labelSet.questions.filter((question) => question.target === 'region').flatMap((question) => question.classes.map((labelClass) => ({ question, labelClass })));
}

export function cocoCategories(labelSet: LabelSet): CocoCategory[] {
  return regionClasses(labelSet).map(({ question, labelClass }, i) => ({
    id: i + 1,
    name: labelClass.name.en,
    supercategory: question.id,
    code: labelClass.code,
    ...(labelClass.coding ? { coding: labelClass.coding } : {}),
  }));
}

function answerOf(label: TargetLabel, labelSet: LabelSet): CocoAnswer {
  const multiple = findQuestion(labelSet, label.questionId)?.kind === 'multiple';
  return multiple || label.classCodes.length !== 1 ? label.classCodes : label.classCodes[0]!;
}

/** `now`: the file's creation time (ISO-8601 UTC). */
export function exportCoco(doc: DocumentView, item: Pick<Item, 'id' | 'content'>, labelSet: LabelSet, now: string): CocoExport {
  const categoryIds = new Map(regionClasses(labelSet).map(({ question, labelClass }, i) => [`${question.id}\u0000${labelClass.code}`, i + 1]));

  const frames = imageTargetsOf(item);
  const imageIds = new Map(frames.map((frame, i) => [frame.id, i + 1]));
  const images: CocoImage[] = [];
  const annotations: CocoAnnotation[] = [];
  const frameRanges: CocoFrameRange[] = [];
  const left: CocoLeftOut = {};
  const leaveOut = (what: keyof CocoLeftOut) => (left[what] = (left[what] ?? 0) + 1);

  const addRegion = (record: Shape | Mask, imageId: number) => {
    const categoryId = categoryIds.get(`${record.questionId}\u0000${record.classCode}`);
    if (categoryId === undefined) return leaveOut('unknownClass');
    const head = { id: annotations.length + 1, image_id: imageId, category_id: categoryId };
    const provenance = exportedProvenance(record.provenance);
    if (record.type === 'mask') {
      const rle = toCocoRle(record);
      if (!rle) return leaveOut('emptyMask');
      return annotations.push({ ...head, ...rle, iscrowd: 1, ...(provenance ? { mejirushi: { provenance } } : {}) });
    }
    const shape = toCocoShape(record.geometry);
    if (!shape) return leaveOut(record.geometry.type === 'point' ? 'point' : 'polyline');
    const extension = provenance ? { ...shape.mejirushi, provenance } : shape.mejirushi;
    annotations.push({ ...head, segmentation: shape.segmentation, area: shape.area, bbox: shape.bbox, iscrowd: 0, ...(extension ? { mejirushi: extension } : {}) });
  };

  // Ranges of per-frame questions still open at the current frame: their answer is every covered frame's attribute.
  let spanning: CocoFrameRange[] = [];
  frames.forEach((frame, i) => {
    const imageId = i + 1;
    const attributes: Record<string, CocoAnswer> = {};
    for (const record of doc.recordsAt(frame.id)) {
      if (!isLive(record)) continue;
      if (record.type !== 'label') addRegion(record, imageId);
      else if (record.endTargetId === undefined) attributes[record.questionId] = answerOf(record, labelSet);
      else {
        const last = imageIds.get(record.endTargetId);
        if (last === undefined) continue;
        const range = { question: record.questionId, answer: answerOf(record, labelSet), first_image_id: imageId, last_image_id: last };
        frameRanges.push(range);
        if (findQuestion(labelSet, record.questionId)?.target === 'frame') spanning.push(range);
      }
    }
    spanning = spanning.filter((range) => range.last_image_id >= imageId);
    for (const range of spanning) attributes[range.question] = range.answer;
    const image = { id: imageId, width: frame.width, height: frame.height, file_name: frame.id };
    images.push(Object.keys(attributes).length > 0 ? { ...image, attributes } : image);
  });

  const itemAnswers: Record<string, CocoAnswer> = {};
  for (const record of doc.recordsAt(item.id)) {
    if (record.type === 'label' && isLive(record)) itemAnswers[record.questionId] = answerOf(record, labelSet);
  }

  const file: CocoFile = {
    info: {
      year: new Date(now).getUTCFullYear(),
      version: `${labelSet.id}@${labelSet.version}`,
      description: `Mejirushi annotations (label set ${labelSet.id}, version ${labelSet.version})`,
      contributor: 'Mejirushi',
      url: '',
      date_created: now,
    },
    licenses: [],
    images,
    annotations,
    categories: cocoCategories(labelSet),
    mejirushi: { labelSet: { id: labelSet.id, version: labelSet.version }, frameRanges, itemAnswers },
  };
  return { file, left };
}

/** The file name of an item's COCO export, after its title. */
export function cocoFileName(title: string): string {
  return exportFileName(title, 'annotations', '-coco.json');
}
