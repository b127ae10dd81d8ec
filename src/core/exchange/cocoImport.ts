/**
 * Reading a COCO file (ours, or another tool's) back into records of one frame set. An image is
 * matched to a frame by `file_name`, which our export sets to the frame's target id; a category to
 * a class of a region question by `supercategory` (the question id) and our `code` when the file
 * has one, else `name` (see classMatch.ts).
 * Every image, annotation and answer is taken or left on its own: each one left out is an issue
 * saying where and why, and nothing else is lost. What the server would refuse (a class of another
 * question, an outline outside its frame, a self-crossing outline) is left out here, by the same
 * validator. Uncompressed RLE becomes a mask (cocoMask.ts). A file is refused whole only when it
 * is not JSON or has no `images` list.
 */
import type { AnnotationRecord, Provenance } from '../annotation';
import { geometryFault } from '../geometry/crossings';
import type { Item } from '../item';
import { findQuestion, isLabelQuestion, type LabelSet, type Question } from '../labelSet';
import { maskId, targetLabelId } from '../recordIds';
import { ItemTargets } from '../targets';
import { validateAnnotationRecord } from '../validate';
import { classMatcher } from './classMatch';
import { readCocoGeometry } from './coco';
import { readCocoRle } from './cocoMask';

export type CocoIssueKind =
  | 'unknownTarget'
  | 'sizeMismatch'
  | 'unknownImage'
  | 'unknownCategory'
  | 'badBbox'
  | 'badSegmentation'
  | 'unknownQuestion'
  | 'badAnswer'
  | 'duplicate'
  | 'invalidRecord';

/** One thing of the file left out: where (`annotations[3]`, `images[0].attributes.dr`), what, why. */
export interface CocoIssue {
  readonly at: string;
  readonly kind: CocoIssueKind;
  readonly detail: string;
}

export type CocoRefusal = { readonly kind: 'notJson'; readonly detail: string } | { readonly kind: 'notCoco' };

export type CocoImportOutcome =
  | { readonly ok: true; readonly records: readonly AnnotationRecord[]; readonly issues: readonly CocoIssue[] }
  | { readonly ok: false; readonly refusal: CocoRefusal };

export interface CocoImportContext {
  readonly item: Item;
  readonly labelSet: LabelSet;
  /** The provenance every imported record gets (the importing person's). */
  readonly provenance: Provenance;
  /** Ids of new outlines; labels get the id every device gives them (recordIds.ts). */
  readonly newId: () => string;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): readonly unknown[] => (Array.isArray(x) ? x : []);

class Reader {
  readonly issues: CocoIssue[] = [];
  readonly records: AnnotationRecord[] = [];
  private readonly ids = new Set<string>();
  readonly targets: ItemTargets;

  constructor(readonly context: CocoImportContext) {
    this.targets = new ItemTargets(context.item);
  }

  issue(at: string, kind: CocoIssueKind, detail: string): void {
    this.issues.push({ at, kind, detail });
  }

  /** Keeps the record when the validator and the ids taken so far allow it. */
  add(at: string, record: AnnotationRecord): void {
    const checked = validateAnnotationRecord(record, { labelSet: this.context.labelSet, targets: this.targets });
    if (!checked.ok) return this.issue(at, 'invalidRecord', checked.errors.join('; '));
    if (this.ids.has(record.id)) {
      const what = record.type === 'mask' ? `is a second ${record.classCode} mask` : `answers ${record.questionId} a second time`;
      return this.issue(at, 'duplicate', `${what} on ${record.targetId}`);
    }
    this.ids.add(record.id);
    this.records.push(record);
  }

  /** A label question of the set, or an issue. */
  labelQuestion(at: string, questionId: string): Question | undefined {
    const question = findQuestion(this.context.labelSet, questionId);
    if (!question || !isLabelQuestion(question)) {
      this.issue(at, 'unknownQuestion', `label set ${this.context.labelSet.id} has no question ${JSON.stringify(questionId)} answered by a label`);
      return undefined;
    }
    return question;
  }

  /** An answer as class codes: a code, or a list of codes. */
  codes(at: string, answer: unknown): readonly string[] | null {
    if (typeof answer === 'string') return [answer];
    if (Array.isArray(answer) && answer.every((code) => typeof code === 'string')) return answer as string[];
    this.issue(at, 'badAnswer', 'an answer is a class code or a list of class codes');
    return null;
  }

  label(at: string, questionId: string, answer: unknown, targetId: string, endTargetId?: string): void {
    if (!this.labelQuestion(at, questionId)) return;
    const classCodes = this.codes(at, answer);
    if (!classCodes) return;
    const range = endTargetId === undefined ? {} : { endTargetId };
    this.add(at, { type: 'label', id: targetLabelId(questionId, targetId), questionId, targetId, ...range, classCodes, provenance: this.context.provenance });
  }
}

/**
 * `question\0image index` of every image a frame range of the file covers (images in file order):
 * a per-frame question's range is also written as those images' attributes, which the range stands for.
 */
function coveredByRanges(images: readonly unknown[], ranges: readonly unknown[]): Set<string> {
  const place = new Map(images.map((image, i) => [isObject(image) ? image.id : undefined, i] as const));
  const covered = new Set<string>();
  for (const range of ranges) {
    if (!isObject(range) || typeof range.question !== 'string') continue;
    const first = place.get(range.first_image_id);
    const last = place.get(range.last_image_id);
    if (first === undefined || last === undefined) continue;
    for (let i = first; i <= last; i += 1) covered.add(`${range.question}\u0000${i}`);
  }
  return covered;
}

/** Image id → the frame's target id, for the images that match a frame of the item. */
function readImages(reader: Reader, images: readonly unknown[], covered: ReadonlySet<string>): Map<unknown, string> {
  const frames = new Map<unknown, string>();
  images.forEach((image, i) => {
    const at = `images[${i}]`;
    if (!isObject(image)) return reader.issue(at, 'unknownTarget', 'not an image object');
    const frame = typeof image.file_name === 'string' ? reader.targets.image(image.file_name) : undefined;
    if (!frame) return reader.issue(at, 'unknownTarget', `file_name ${JSON.stringify(image.file_name)} names no frame of this item`);
    if (image.width !== frame.width || image.height !== frame.height) {
      return reader.issue(at, 'sizeMismatch', `image is ${String(image.width)}×${String(image.height)} px, frame ${frame.id} is ${frame.width}×${frame.height} px`);
    }
    frames.set(image.id, frame.id);
    if (!isObject(image.attributes)) return;
    for (const [questionId, answer] of Object.entries(image.attributes)) {
      if (!covered.has(`${questionId}\u0000${i}`)) reader.label(`${at}.attributes.${questionId}`, questionId, answer, frame.id);
    }
  });
  return frames;
}

/** Category id → the region question and class it names. */
function readCategories(labelSet: LabelSet, categories: readonly unknown[]): Map<unknown, { questionId: string; classCode: string }> {
  const regions = labelSet.questions.filter((q) => !isLabelQuestion(q)).map((question) => ({ question, match: classMatcher(question) }));
  const found = new Map<unknown, { questionId: string; classCode: string }>();
  for (const category of categories) {
    if (!isObject(category) || typeof category.name !== 'string') continue;
    const { supercategory } = category;
    const named = regions.filter(({ question }) => question.id === supercategory || question.name.en === supercategory || question.name.ja === supercategory);
    // Another tool's supercategory ("lesion", "object", none) may name no question: then the class name decides, if only one question has it.
    const pool = named.length > 0 ? named : regions;
    // Our own export carries the class code, which survives a renamed class; other tools' files match by name.
    const byCode = pool.flatMap(({ question }) => (question.classes.some((c) => c.code === category.code) ? [{ questionId: question.id, classCode: category.code as string }] : []));
    const candidates =
      byCode.length > 0
        ? byCode
        : pool.flatMap(({ question, match }) => {
            const classCode = match(category.name as string);
            return classCode === null ? [] : [{ questionId: question.id, classCode }];
          });
    if (candidates.length === 1) found.set(category.id, candidates[0]!);
  }
  return found;
}

function readAnnotation(reader: Reader, annotation: unknown, at: string, frames: Map<unknown, string>, categories: ReturnType<typeof readCategories>): void {
  if (!isObject(annotation)) return reader.issue(at, 'badSegmentation', 'not an annotation object');
  const targetId = frames.get(annotation.image_id);
  if (targetId === undefined) return reader.issue(at, 'unknownImage', `image_id ${JSON.stringify(annotation.image_id)} is no image of this file that matches a frame`);
  const category = categories.get(annotation.category_id);
  if (!category) return reader.issue(at, 'unknownCategory', `category_id ${JSON.stringify(annotation.category_id)} names no class of a region question of ${reader.context.labelSet.id}`);
  const { questionId, classCode } = category;
  const { provenance } = reader.context;
  if (isObject(annotation.segmentation)) {
    const rle = readCocoRle(annotation.segmentation);
    if (!rle.ok) return reader.issue(at, 'badSegmentation', rle.detail);
    return reader.add(at, { type: 'mask', id: maskId(questionId, targetId, classCode), questionId, targetId, classCode, ...rle.labelmap, provenance });
  }
  const read = readCocoGeometry(annotation);
  if (!read.ok) return reader.issue(at, read.fault, read.detail);
  const fault = geometryFault(read.geometry);
  if (fault) return reader.issue(at, 'badSegmentation', `the outline is not simple (${fault.kind})`);
  reader.add(at, { type: 'shape', id: reader.context.newId(), questionId, targetId, classCode, geometry: read.geometry, provenance });
}

function readRanges(reader: Reader, ranges: readonly unknown[], frames: Map<unknown, string>): void {
  ranges.forEach((range, i) => {
    const at = `mejirushi.frameRanges[${i}]`;
    if (!isObject(range) || typeof range.question !== 'string') return reader.issue(at, 'badAnswer', 'a frame range is { question, answer, first_image_id, last_image_id }');
    const first = frames.get(range.first_image_id);
    const last = frames.get(range.last_image_id);
    if (first === undefined || last === undefined) return reader.issue(at, 'unknownImage', 'first_image_id or last_image_id is no image that matches a frame');
    reader.label(at, range.question, range.answer, first, last);
  });
}

export function importCoco(text: string, context: CocoImportContext): CocoImportOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, refusal: { kind: 'notJson', detail: error instanceof Error ? error.message : String(error) } };
  }
  if (!isObject(json) || !Array.isArray(json.images)) return { ok: false, refusal: { kind: 'notCoco' } };
  const reader = new Reader(context);
  const extension = isObject(json.mejirushi) ? json.mejirushi : {};
  const frames = readImages(reader, json.images, coveredByRanges(json.images, list(extension.frameRanges)));
  const categories = readCategories(context.labelSet, list(json.categories));
  list(json.annotations).forEach((annotation, i) => readAnnotation(reader, annotation, `annotations[${i}]`, frames, categories));
  readRanges(reader, list(extension.frameRanges), frames);
  if (isObject(extension.itemAnswers)) {
    for (const [questionId, answer] of Object.entries(extension.itemAnswers)) reader.label(`mejirushi.itemAnswers.${questionId}`, questionId, answer, context.item.id);
  }
  return { ok: true, records: reader.records, issues: reader.issues };
}
