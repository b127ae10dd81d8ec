/**
 * The demo endoscopy video's shape and its ground truth: which events it shows in which frames
 * (0-based video frames, both ends inclusive), as classes of the `endoscopy-video` label set.
 */
export const DEMO_VIDEO_WIDTH = 256;
export const DEMO_VIDEO_HEIGHT = 192;
export const DEMO_VIDEO_FPS = 25;
export const DEMO_VIDEO_FRAMES = 300;

export interface DemoVideoEvent {
  readonly classCode: 'event.bleeding' | 'event.polyp' | 'event.notAssessable';
  readonly first: number;
  readonly last: number;
}

export const DEMO_VIDEO_EVENTS: readonly DemoVideoEvent[] = [
  { classCode: 'event.bleeding', first: 60, last: 104 },
  { classCode: 'event.polyp', first: 150, last: 199 },
  { classCode: 'event.notAssessable', first: 230, last: 259 },
];

/** Where the events are drawn (px, origin top-left): the bleeding blotch and the polyp's dome. */
export const BLEEDING_SPOT = { x: 70, y: 100, radius: 30 } as const;
export const POLYP_DOME = { x: 180, y: 90, radius: 28 } as const;

/** The event of `classCode` covering `frame`, if any. */
export function eventAt(frame: number, classCode: DemoVideoEvent['classCode']): boolean {
  return DEMO_VIDEO_EVENTS.some((event) => event.classCode === classCode && event.first <= frame && frame <= event.last);
}
