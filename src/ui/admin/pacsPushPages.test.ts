import { describe, expect, it } from 'vitest';
import type { DicomwebPushAnswer } from '../../core/api';
import { pushPages } from './pacsPushPages';

/** A server of `pages` answers in turn, recording each `after` it is asked with; `during(n)` runs while page n is in flight. */
function pagedServer(pages: readonly DicomwebPushAnswer[], during: (page: number) => void = () => undefined) {
  const asked: (string | undefined)[] = [];
  const sendPage = async (after: string | undefined): Promise<DicomwebPushAnswer> => {
    asked.push(after);
    const page = pages[asked.length - 1];
    if (!page) throw new Error(`asked for page ${asked.length} of ${pages.length}`);
    during(asked.length);
    return page;
  };
  return { asked, sendPage };
}

const answer = (itemId: string, next: string | null, done: number): DicomwebPushAnswer => ({
  outcomes: [{ itemId, object: 'seg', sopInstanceUid: `1.2.${done}`, status: 'stored' }],
  next,
  items: { done, total: 3 },
});
const PAGES = [answer('a', 'a', 1), answer('b', 'b', 2), answer('c', null, 3)];

describe('the push form’s page loop', () => {
  it('asks page after page, each after the last answer’s next, and hands on every answer', async () => {
    const server = pagedServer(PAGES);
    const seen: DicomwebPushAnswer[] = [];
    expect(await pushPages(server.sendPage, (page) => seen.push(page), new AbortController().signal)).toBe('finished');
    expect(server.asked).toEqual([undefined, 'a', 'b']);
    expect(seen).toEqual(PAGES);
  });

  it('stops after the page in flight when cancelled, handing on that page’s answer', async () => {
    const cancel = new AbortController();
    const server = pagedServer(PAGES, (page) => page === 2 && cancel.abort());
    const seen: DicomwebPushAnswer[] = [];
    expect(await pushPages(server.sendPage, (page) => seen.push(page), cancel.signal)).toBe('cancelled');
    expect(server.asked).toEqual([undefined, 'a']);
    expect(seen).toEqual(PAGES.slice(0, 2));
  });

  it('has finished when the cancel came during the last page', async () => {
    const cancel = new AbortController();
    const server = pagedServer(PAGES, (page) => page === 3 && cancel.abort());
    expect(await pushPages(server.sendPage, () => undefined, cancel.signal)).toBe('finished');
    expect(server.asked).toHaveLength(3);
  });

  it('fails with the page that failed, after handing on the pages before it', async () => {
    const server = pagedServer(PAGES.slice(0, 1));
    const seen: DicomwebPushAnswer[] = [];
    await expect(pushPages(server.sendPage, (page) => seen.push(page), new AbortController().signal)).rejects.toThrow('asked for page 2 of 1');
    expect(seen).toEqual(PAGES.slice(0, 1));
  });
});
