import { useLayoutEffect, useRef } from 'react';

/**
 * One frame's thumbnail, drawn from its decoded sprite sheet into a canvas of the cell's size
 * (CSS px, one canvas px each): a row scrolled in costs a copy of its cells' pixels, no decoding
 * and no text or image layout. Cleared while the sheet is loading (the cell's black shows).
 * `x`, `y`: the frame's top-left in the sheet, sheet px.
 */
export function SpriteThumbnail({ sheet, x, y, width, height }: { readonly sheet: ImageBitmap | undefined; readonly x: number; readonly y: number; readonly width: number; readonly height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, width, height);
    if (sheet) context.drawImage(sheet, x, y, width, height, 0, 0, width, height);
  }, [sheet, x, y, width, height]);
  return <canvas ref={canvas} className="frame-cell-thumbnail" width={width} height={height} aria-hidden="true" data-drawn={sheet ? 'true' : 'false'} />;
}
