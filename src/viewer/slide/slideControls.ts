/**
 * What the slide page asks of the viewer (keys, toolbar): magnification steps, rotation, home.
 * Magnifications are as read in the microscope (see magnification.ts); rotation in clockwise degrees.
 */
import type OpenSeadragon from 'openseadragon';
import type { Box } from '../../core/bounds';
import { magnificationAt, nextStep, scaleFor, stepsFor } from './magnification';
import type { OsdAdapter } from './osdAdapter';

export class SlideControls {
  /** The magnification steps this slide offers (empty when its magnification is unknown). */
  readonly steps: readonly number[];

  constructor(
    private readonly viewer: OpenSeadragon.Viewer,
    private readonly adapter: OsdAdapter,
    /** Magnification at one screen px per level-0 px; null when unknown. */
    readonly base: number | null,
  ) {
    this.steps = base === null ? [] : stepsFor(base);
  }

  /** Magnification on screen now; null when unknown. */
  magnification(): number | null {
    return this.base === null ? null : magnificationAt(this.adapter.view().scale, this.base);
  }

  /** To a magnification step, centred where the view is centred. */
  goToMagnification(magnification: number): void {
    const image = this.viewer.world.getItemAt(0);
    if (this.base === null || !image) return;
    this.viewer.viewport.zoomTo(image.imageToViewportZoom(scaleFor(magnification, this.base)));
  }

  /** One magnification step up or down; without a known magnification, doubles or halves the zoom. */
  step(direction: 1 | -1): void {
    const current = this.magnification();
    if (current === null) {
      this.viewer.viewport.zoomBy(direction === 1 ? 2 : 0.5);
      return;
    }
    const target = nextStep(current, direction, this.steps);
    if (target !== null) this.goToMagnification(target);
    // Past the last step: whole-slide view below ×1.25, no further enlargement above the scan.
    else if (direction === -1) this.home();
  }

  /** The `n`th step (0 = ×1.25), if the slide offers it. */
  goToStep(n: number): void {
    const magnification = this.steps[n];
    if (magnification !== undefined) this.goToMagnification(magnification);
  }

  rotateBy(degrees: number): void {
    this.setRotation(this.viewer.viewport.getRotation() + degrees);
  }

  /** Normalised to [0, 360). */
  setRotation(degrees: number): void {
    this.viewer.viewport.setRotation(((degrees % 360) + 360) % 360);
  }

  home(): void {
    this.viewer.viewport.goHome();
  }

  /** Fits `box` (level-0 px) to the element, at no more than the viewer's largest zoom. */
  fitImageBox(box: Box): void {
    const image = this.viewer.world.getItemAt(0);
    if (!image) return;
    this.viewer.viewport.fitBounds(image.imageToViewportRectangle(box.minX, box.minY, box.maxX - box.minX, box.maxY - box.minY));
  }
}
