/**
 * Slices to fetch after the current one, nearest first, alternating ahead and behind
 * (ahead first: a reader mostly scrolls forward): i+1, i-1, i+2, i-2, …
 */
export function prefetchOrder(current: number, count: number): number[] {
  const order: number[] = [];
  for (let distance = 1; distance < count; distance++) {
    const ahead = current + distance;
    const behind = current - distance;
    if (ahead < count) order.push(ahead);
    if (behind >= 0) order.push(behind);
  }
  return order;
}
