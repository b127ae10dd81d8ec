import type { ItemContent } from '../item';
import { fail, ok, type Result } from '../result';
import { Issues, array, at, atIndex, describe, finite, integer, isObject, numbers, object, oneOf, string, type Obj } from './checks';

/** What a SlideItem.tileVersion may hold: it is a path segment of every tile URL (the tile route's schema uses it too). */
export const TILE_VERSION_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const TILE_VERSION = new RegExp(TILE_VERSION_PATTERN);

/** Checks the content of an item (series, slide or frame set), e.g. before the server stores it. */
export function validateItemContent(x: unknown): Result<ItemContent> {
  const issues = new Issues();
  if (!isObject(x)) {
    issues.add('', `expected an object, got ${describe(x)}`);
  } else if (x.kind === 'series') {
    checkSeries(x, issues);
  } else if (x.kind === 'slide') {
    checkSlide(x, issues);
  } else if (x.kind === 'frameSet') {
    checkFrameSet(x, issues);
  } else {
    issues.add('kind', `expected "series", "slide" or "frameSet", got ${describe(x.kind)}`);
  }
  return issues.count === 0 ? ok(x as ItemContent) : fail(issues.list());
}

function checkSeries(x: Obj, issues: Issues): void {
  const s = object(x, '', issues, [
    'kind', 'modality', 'studyInstanceUid', 'seriesInstanceUid', 'seriesDescription',
    'orientation', 'slices', 'rows', 'columns', 'pixelSpacing',
  ]);
  if (!s) return;
  string(s.modality, 'modality', issues);
  string(s.studyInstanceUid, 'studyInstanceUid', issues);
  string(s.seriesInstanceUid, 'seriesInstanceUid', issues);
  string(s.seriesDescription, 'seriesDescription', issues, { allowEmpty: true });
  if (s.orientation !== null) numbers(s.orientation, 6, 'orientation', issues);
  integer(s.rows, 'rows', issues, 1);
  integer(s.columns, 'columns', issues, 1);
  if (s.pixelSpacing !== null) positivePair(s.pixelSpacing, 'pixelSpacing', issues);
  if (!array(s.slices, 'slices', issues)) return;
  if (s.slices.length === 0) issues.add('slices', 'a series needs at least one slice');
  const targets = new Set<string>();
  s.slices.forEach((slice, i) => {
    const path = atIndex('slices', i);
    const r = object(slice, path, issues, ['targetId', 'fileId', 'sopInstanceUid', 'frame', 'instanceNumber', 'position']);
    if (!r) return;
    uniqueTarget(r.targetId, at(path, 'targetId'), issues, targets);
    string(r.fileId, at(path, 'fileId'), issues);
    string(r.sopInstanceUid, at(path, 'sopInstanceUid'), issues);
    if (r.frame !== undefined) integer(r.frame, at(path, 'frame'), issues, 1);
    // DICOM IS allows negative instance numbers.
    if (r.instanceNumber !== null) integer(r.instanceNumber, at(path, 'instanceNumber'), issues);
    if (r.position !== null) numbers(r.position, 3, at(path, 'position'), issues);
  });
}

function checkSlide(x: Obj, issues: Issues): void {
  const s = object(x, '', issues, ['kind', 'levels', 'micronsPerPixel', 'tileSize', 'tileFormat', 'tileVersion', 'objectivePower', 'scanner']);
  if (!s) return;
  integer(s.tileSize, 'tileSize', issues, 1);
  oneOf(s.tileFormat, ['jpeg', 'png'], 'tileFormat', issues);
  if (string(s.tileVersion, 'tileVersion', issues) && !TILE_VERSION.test(s.tileVersion)) {
    issues.add('tileVersion', `expected 1–64 letters, digits, '-' or '_', got ${describe(s.tileVersion)}`);
  }
  if (s.objectivePower !== null && finite(s.objectivePower, 'objectivePower', issues) && s.objectivePower <= 0) {
    issues.add('objectivePower', `expected > 0, got ${s.objectivePower}`);
  }
  if (s.scanner !== null) string(s.scanner, 'scanner', issues);
  if (s.micronsPerPixel !== null) positivePair(s.micronsPerPixel, 'micronsPerPixel', issues);
  if (!array(s.levels, 'levels', issues)) return;
  if (s.levels.length === 0) issues.add('levels', 'a slide needs at least one level');
  s.levels.forEach((level, i) => {
    const path = atIndex('levels', i);
    const l = object(level, path, issues, ['width', 'height', 'downsample']);
    if (!l) return;
    integer(l.width, at(path, 'width'), issues, 1);
    integer(l.height, at(path, 'height'), issues, 1);
    if (!finite(l.downsample, at(path, 'downsample'), issues)) return;
    if (i === 0 && l.downsample !== 1) issues.add(at(path, 'downsample'), `level 0 must have downsample 1, got ${l.downsample}`);
    if (l.downsample < 1) issues.add(at(path, 'downsample'), `expected ≥ 1, got ${l.downsample}`);
  });
}

function checkFrameSet(x: Obj, issues: Issues): void {
  const s = object(x, '', issues, ['kind', 'source', 'frames', 'fps', 'sprites']);
  if (!s) return;
  oneOf(s.source, ['images', 'video'], 'source', issues);
  if (s.fps !== undefined && finite(s.fps, 'fps', issues) && s.fps <= 0) issues.add('fps', `expected > 0, got ${s.fps}`);
  if (s.sprites !== undefined) checkSprites(s.sprites, issues);
  if (!array(s.frames, 'frames', issues)) return;
  if (s.frames.length === 0) issues.add('frames', 'a frame set needs at least one frame');
  const targets = new Set<string>();
  s.frames.forEach((frame, i) => {
    const path = atIndex('frames', i);
    const f = object(frame, path, issues, ['targetId', 'fileId', 'videoFrame', 'width', 'height']);
    if (!f) return;
    uniqueTarget(f.targetId, at(path, 'targetId'), issues, targets);
    string(f.fileId, at(path, 'fileId'), issues);
    if (f.videoFrame !== null) integer(f.videoFrame, at(path, 'videoFrame'), issues, 0);
    integer(f.width, at(path, 'width'), issues, 1);
    integer(f.height, at(path, 'height'), issues, 1);
  });
}

function checkSprites(x: unknown, issues: Issues): void {
  const s = object(x, 'sprites', issues, ['version', 'cellWidth', 'cellHeight', 'columns', 'rows', 'sheets']);
  if (!s) return;
  // A path segment of every sprite URL, like a slide's tile version.
  if (string(s.version, 'sprites.version', issues) && !TILE_VERSION.test(s.version)) {
    issues.add('sprites.version', `expected 1–64 letters, digits, '-' or '_', got ${describe(s.version)}`);
  }
  for (const key of ['cellWidth', 'cellHeight', 'columns', 'rows', 'sheets'] as const) integer(s[key], at('sprites', key), issues, 1);
}

function uniqueTarget(x: unknown, path: string, issues: Issues, seen: Set<string>): void {
  if (!string(x, path, issues)) return;
  if (seen.has(x)) issues.add(path, `duplicate target id ${JSON.stringify(x)}`);
  seen.add(x);
}

function positivePair(x: unknown, path: string, issues: Issues): void {
  if (!numbers(x, 2, path, issues)) return;
  x.forEach((v, i) => {
    if (v <= 0) issues.add(atIndex(path, i), `expected a positive number, got ${v}`);
  });
}
