import { describe, expect, it } from 'vitest';
import { paintDemoFrame } from './paint';
import { BLEEDING_SPOT, DEMO_VIDEO_EVENTS, DEMO_VIDEO_HEIGHT, DEMO_VIDEO_WIDTH, POLYP_DOME } from './truth';

const rgb = (pixels: Buffer, x: number, y: number) => [...pixels.subarray((y * DEMO_VIDEO_WIDTH + x) * 3, (y * DEMO_VIDEO_WIDTH + x) * 3 + 3)];

describe('paintDemoFrame', () => {
  it('paints pink mucosa, never wrapping its brightest folds to dark', () => {
    const pixels = paintDemoFrame(0);
    expect(pixels.length).toBe(DEMO_VIDEO_WIDTH * DEMO_VIDEO_HEIGHT * 3);
    let darkest = 255;
    for (let i = 0; i < pixels.length; i += 3) darkest = Math.min(darkest, pixels[i]!);
    // Mucosa red is 214 shaded by 0.7–1.3: never below 0.7 × 214.
    expect(darkest).toBeGreaterThanOrEqual(149);
  });

  it('draws the bleeding and the polyp only in their frames', () => {
    const [bleeding, polyp] = DEMO_VIDEO_EVENTS;
    expect(rgb(paintDemoFrame(bleeding!.first), BLEEDING_SPOT.x, BLEEDING_SPOT.y)).toEqual([140, 8, 16]);
    expect(rgb(paintDemoFrame(bleeding!.first - 1), BLEEDING_SPOT.x, BLEEDING_SPOT.y)[1]).toBeGreaterThan(80);
    expect(rgb(paintDemoFrame(polyp!.last), POLYP_DOME.x, POLYP_DOME.y)).toEqual([238, 196, 176]);
    expect(rgb(paintDemoFrame(polyp!.last + 1), POLYP_DOME.x, POLYP_DOME.y)[2]).toBeLessThan(176);
  });
});
