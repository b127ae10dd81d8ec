import type OpenSeadragon from 'openseadragon';
import { describe, expect, it } from 'vitest';
import type { OsdAdapter } from './osdAdapter';
import { SlideControls } from './slideControls';

/**
 * A stand-in for the parts of OpenSeadragon the controls drive: viewport zoom is image zoom
 * (screen px per level-0 px) times `viewportPerImage`, as for an image 1 viewport unit wide.
 */
function fakeViewer(scale: number) {
  const state = { scale, rotation: 0, homed: false, fitted: null as readonly number[] | null };
  const viewportPerImage = 4;
  const viewer = {
    viewport: {
      zoomTo: (zoom: number) => void (state.scale = zoom / viewportPerImage),
      zoomBy: (factor: number) => void (state.scale *= factor),
      getRotation: () => state.rotation,
      setRotation: (degrees: number) => void (state.rotation = degrees),
      goHome: () => void (state.homed = true),
      fitBounds: (rect: readonly number[]) => void (state.fitted = rect),
    },
    world: {
      getItemAt: () => ({
        imageToViewportZoom: (imageZoom: number) => imageZoom * viewportPerImage,
        // Level-0 px → viewport units, as for an image 1000 px wide.
        imageToViewportRectangle: (x: number, y: number, width: number, height: number) => [x / 1000, y / 1000, width / 1000, height / 1000],
      }),
    },
  } as unknown as OpenSeadragon.Viewer;
  const adapter = { view: () => ({ width: 800, height: 600, center: [0, 0], scale: state.scale, rotation: state.rotation }) } as unknown as OsdAdapter;
  return { state, viewer, adapter };
}

describe('slide view controls', () => {
  it('step through magnifications up to the scan objective', () => {
    const { state, viewer, adapter } = fakeViewer(0.35); // ×7 on a ×20 scan
    const controls = new SlideControls(viewer, adapter, 20);
    expect(controls.steps).toEqual([1.25, 2.5, 5, 10, 20]);
    controls.step(1);
    expect(state.scale).toBe(0.5);
    expect(controls.magnification()).toBe(10);
    controls.step(1);
    controls.step(1);
    expect(controls.magnification()).toBe(20);
    controls.step(-1);
    expect(controls.magnification()).toBe(10);
  });

  it('go to a step by its number, ignoring steps the scan does not offer', () => {
    const { viewer, adapter } = fakeViewer(1);
    const controls = new SlideControls(viewer, adapter, 20);
    controls.goToStep(0);
    expect(controls.magnification()).toBe(1.25);
    controls.goToStep(5); // ×40 on a ×20 scan
    expect(controls.magnification()).toBe(1.25);
  });

  it('show the whole slide below the lowest step', () => {
    const { state, viewer, adapter } = fakeViewer(1.25 / 20);
    new SlideControls(viewer, adapter, 20).step(-1);
    expect(state.homed).toBe(true);
  });

  it('double or halve the zoom when the magnification is unknown', () => {
    const { state, viewer, adapter } = fakeViewer(0.5);
    const controls = new SlideControls(viewer, adapter, null);
    expect(controls.magnification()).toBeNull();
    controls.step(1);
    expect(state.scale).toBe(1);
    controls.step(-1);
    expect(state.scale).toBe(0.5);
  });

  it('rotate by quarter turns and freely, within [0, 360)', () => {
    const { state, viewer, adapter } = fakeViewer(1);
    const controls = new SlideControls(viewer, adapter, 20);
    controls.rotateBy(-90);
    expect(state.rotation).toBe(270);
    controls.rotateBy(90);
    expect(state.rotation).toBe(0);
    controls.setRotation(725);
    expect(state.rotation).toBe(5);
  });

  it('fit a box of level-0 px to the view, as a viewport rectangle', () => {
    const { state, viewer, adapter } = fakeViewer(1);
    new SlideControls(viewer, adapter, 20).fitImageBox({ minX: 100, minY: 200, maxX: 600, maxY: 450 });
    expect(state.fitted).toEqual([0.1, 0.2, 0.5, 0.25]);
  });
});
