/**
 * Fills the holes of a binary mask: unset regions that do not reach the border, up to `maxHoleArea`
 * pixels each (a cistern ring keeps its midbrain, noise speckles inside a bleed are filled).
 * Background is 8-connected, the complement of the 4-connected objects `maskRings` traces.
 */
export function fillHoles(mask: Uint8Array, width: number, height: number, maxHoleArea: number): Uint8Array {
  const out = mask.slice();
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const region: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 0 || seen[start] !== 0) continue;
    region.length = 0;
    let touchesBorder = false;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const index = stack[--top]!;
      region.push(index);
      const x = index % width;
      const y = (index - x) / width;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) touchesBorder = true;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (mask[next] === 0 && seen[next] === 0) {
            seen[next] = 1;
            stack[top++] = next;
          }
        }
      }
    }
    if (!touchesBorder && region.length <= maxHoleArea) for (const index of region) out[index] = 1;
  }
  return out;
}
