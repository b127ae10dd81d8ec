import { describe, expect, it } from 'vitest';
import { APP_ENTRY_ATTRIBUTE, APP_PART_ATTRIBUTE, appEntryHeld } from './appEntryHeld';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <title>Mejirushi</title>
    <script type="module" crossorigin src="/assets/index-B8H4Wax0.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/jsx-runtime-IAyJqAyY.js">
    <link rel="modulepreload" crossorigin href="/assets/ErrorText-CGHddp_W.js">
    <link rel="stylesheet" crossorigin href="/assets/index-DfSkZyGL.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

describe('appEntryHeld', () => {
  it('turns the built entry and its module preloads into marked prefetches, keeping the stylesheet', () => {
    const html = appEntryHeld(BUILT);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/modulepreload/);
    expect(html).toContain(`<link rel="prefetch" crossorigin href="/assets/index-B8H4Wax0.js" ${APP_ENTRY_ATTRIBUTE}>`);
    expect(html).toContain(`<link rel="prefetch" crossorigin href="/assets/jsx-runtime-IAyJqAyY.js" ${APP_PART_ATTRIBUTE}>`);
    expect(html).toContain(`<link rel="prefetch" crossorigin href="/assets/ErrorText-CGHddp_W.js" ${APP_PART_ATTRIBUTE}>`);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/index-DfSkZyGL.css">');
    expect(html.indexOf(APP_ENTRY_ATTRIBUTE)).toBeLessThan(html.indexOf('</head>'));
  });

  it("keeps the early script's own imports as module preloads", () => {
    const html = appEntryHeld(BUILT, ['/assets/jsx-runtime-IAyJqAyY.js', '/assets/early-only-X.js']);
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/jsx-runtime-IAyJqAyY.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/early-only-X.js">');
    expect(html).not.toContain(`href="/assets/jsx-runtime-IAyJqAyY.js" ${APP_PART_ATTRIBUTE}`);
    expect(html).toContain(`<link rel="prefetch" crossorigin href="/assets/ErrorText-CGHddp_W.js" ${APP_PART_ATTRIBUTE}>`);
  });

  it('holds the source entry the dev server serves, not the dev server\'s own client', () => {
    const html = appEntryHeld('<html><head><script type="module" src="/@vite/client"></script></head><body><script type="module" src="/src/main.tsx"></script></body></html>');
    expect(html).toBe(`<html><head><script type="module" src="/@vite/client"></script>\n    <link rel="prefetch" crossorigin href="/src/main.tsx" ${APP_ENTRY_ATTRIBUTE}>\n  </head><body></body></html>`);
  });

  it('refuses a page whose entry it cannot tell', () => {
    expect(() => appEntryHeld('<html><head></head><body></body></html>')).toThrow(/found 0/);
    expect(() => appEntryHeld('<script type="module" src="/a.js"></script><script type="module" src="/b.js"></script></head>')).toThrow(/found 2/);
  });
});
