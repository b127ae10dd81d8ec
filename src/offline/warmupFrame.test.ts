import { describe, expect, it } from 'vitest';
import { loadInHiddenFrame } from './warmupFrame';

/** A `<link>` or `<script>` of the frame's document: loads, fails or never answers, by its URL's outcome. */
class FakeElement extends EventTarget {
  rel = '';
  href = '';
  type = '';
  src = '';
  constructor(readonly tagName: string) {
    super();
  }
  get url(): string {
    return this.href || this.src;
  }
}

/**
 * Just enough of a page for the frame (Node has no DOM here, as in the other src/offline tests): the
 * frame's `load` fires once it is in the page, its links answer per `outcomes` (absent: never).
 */
function fakePage(outcomes: Record<string, 'load' | 'error'>) {
  const links: FakeElement[] = [];
  const frameDocument = {
    createElement: (tagName: string) => new FakeElement(tagName),
    head: {
      append(link: FakeElement) {
        links.push(link);
        const outcome = outcomes[link.url];
        if (outcome) setTimeout(() => link.dispatchEvent(new Event(outcome)), 0);
      },
    },
  };
  const inPage: FakeFrame[] = [];
  class FakeFrame extends EventTarget {
    hidden = false;
    tabIndex = 0;
    srcdoc = '';
    readonly attributes = new Map<string, string>();
    readonly contentDocument = frameDocument;
    setAttribute(name: string, value: string) {
      this.attributes.set(name, value);
    }
    remove() {
      inPage.splice(inPage.indexOf(this), 1);
    }
  }
  const page = {
    createElement: () => new FakeFrame(),
    body: {
      append(frame: FakeFrame) {
        inPage.push(frame);
        setTimeout(() => frame.dispatchEvent(new Event('load')), 0);
      },
    },
  };
  // The fake implements only what loadInHiddenFrame touches.
  return { page: page as unknown as Document, links, inPage };
}

describe('loadInHiddenFrame', () => {
  it('runs the chunks it may run as module scripts and preloads the others in a hidden frame, counts those that loaded, and removes the frame', async () => {
    const fake = fakePage({ '/assets/a.js': 'load', '/assets/b.js': 'error', '/assets/c.js': 'load' });
    const done = loadInHiddenFrame(fake.page, ['/assets/a.js', '/assets/b.js', '/assets/c.js'], new Set(['/assets/c.js']), 10_000);
    const whileLoading = [...fake.inPage];
    expect(await done).toBe(2);
    expect(whileLoading).toHaveLength(1);
    expect(whileLoading[0]).toMatchObject({ hidden: true, tabIndex: -1, srcdoc: '<!doctype html><title></title>' });
    expect(fake.links.map((element) => [element.tagName, element.rel || element.type, element.url])).toEqual([
      ['link', 'modulepreload', '/assets/a.js'],
      ['link', 'modulepreload', '/assets/b.js'],
      ['script', 'module', '/assets/c.js'],
    ]);
    expect(fake.inPage).toEqual([]);
  });

  it('gives up after its timeout on a chunk that never answers, counts those loaded by then, and removes the frame', async () => {
    const fake = fakePage({ '/assets/a.js': 'load' });
    expect(await loadInHiddenFrame(fake.page, ['/assets/a.js', '/assets/stuck.js'], new Set(['/assets/stuck.js']), 20)).toBe(1);
    expect(fake.inPage).toEqual([]);
  });
});
