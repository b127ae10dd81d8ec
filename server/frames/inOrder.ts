/**
 * `work` over `items` with at most `limit` running at once, results yielded in the items' order:
 * slow steps of neighbouring items (an fsync, a decode on libvips's threads) overlap, while the
 * caller still sees one item after another. Holds at most `limit` results not yet taken.
 */
export async function* inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  const start = () => {
    const result = work(items[next] as T);
    next += 1;
    // Awaited in turn below; until then a failure must not count as unhandled.
    result.catch(() => undefined);
    running.push(result);
  };
  while (next < items.length && running.length < limit) start();
  while (running.length > 0) {
    const result = await (running.shift() as Promise<R>);
    if (next < items.length) start();
    yield result;
  }
}
