/** A Canvas2D stand-in for tests: records every call with the style in force, draws nothing. */
import type { Paint, FrameView } from '../paintTarget';
import type { Box } from '../../../../core/bounds';
import type { Point } from '../../../../core/annotation';

export interface PaintCall {
  readonly op: string;
  readonly args: readonly number[];
  readonly strokeStyle: string;
  readonly fillStyle: string;
  readonly lineWidth: number;
  readonly dash: readonly number[];
}

export class RecordingPaint implements Paint {
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000000';
  fillStyle: string | CanvasGradient | CanvasPattern = '#000000';
  lineWidth = 1;
  globalAlpha = 1;
  readonly calls: PaintCall[] = [];
  private dash: readonly number[] = [];

  private record(op: string, args: readonly number[] = []): void {
    this.calls.push({ op, args, strokeStyle: String(this.strokeStyle), fillStyle: String(this.fillStyle), lineWidth: this.lineWidth, dash: this.dash });
  }

  beginPath(): void {
    this.record('beginPath');
  }
  moveTo(x: number, y: number): void {
    this.record('moveTo', [x, y]);
  }
  lineTo(x: number, y: number): void {
    this.record('lineTo', [x, y]);
  }
  closePath(): void {
    this.record('closePath');
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.record('rect', [x, y, w, h]);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.record('fillRect', [x, y, w, h]);
  }
  arc(x: number, y: number, radius: number, start: number, end: number): void {
    this.record('arc', [x, y, radius, start, end]);
  }
  stroke(): void {
    this.record('stroke');
  }
  fill(): void {
    this.record('fill');
  }
  setLineDash(segments: number[]): void {
    this.dash = [...segments];
  }
  save(): void {
    this.record('save');
  }
  restore(): void {
    this.record('restore');
  }

  count(op: string): number {
    return this.calls.filter((call) => call.op === op).length;
  }
}

/** A view at `scale` screen px per image px with image point `origin` at the screen's top-left. */
export function viewAt(scale: number, box: Box, origin: Point = [box.minX, box.minY]): FrameView {
  return { transform: { a: scale, b: 0, c: 0, d: scale, e: -origin[0] * scale, f: -origin[1] * scale }, scale, box };
}
