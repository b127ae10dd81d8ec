import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { hasAttribute, renderMarkup, tagWithTestId } from '../ui/testing/staticMarkup';
import { ChunkFallback, ChunkGate, type ChunkMessages } from './ChunkGate';
import { lazyChunk } from './lazyChunk';

const MESSAGES: ChunkMessages = { loading: 'slide.loading', failed: 'slide.chunkError', retry: 'slide.retry' };
const viewerModule = { name: 'the viewer' };

describe('ChunkGate', () => {
  it('shows "loading" under the given test id until the chunk is evaluated', () => {
    const chunk = lazyChunk(() => new Promise<typeof viewerModule>(() => undefined));
    const html = renderMarkup(createElement(ChunkGate<typeof viewerModule>, { chunk, testIdPrefix: 'slide-viewer', messages: MESSAGES, children: (m) => m.name }));
    expect(hasAttribute(tagWithTestId(html, 'slide-viewer-loading'), 'role', 'status')).toBe(true);
    expect(html).toContain('Loading slide…');
    expect(html).not.toContain('the viewer');
  });

  it('renders the module at once when the chunk was loaded before', async () => {
    const chunk = lazyChunk(async () => viewerModule);
    await chunk.preload();
    const html = renderMarkup(createElement(ChunkGate<typeof viewerModule>, { chunk, testIdPrefix: 'series-viewer', messages: MESSAGES, children: (m) => m.name }));
    expect(html).toBe('the viewer');
  });
});

describe('ChunkFallback', () => {
  it('says the viewer could not be loaded and offers a retry', () => {
    const html = renderMarkup(createElement(ChunkFallback, { failed: true, onRetry: () => undefined, testIdPrefix: 'series-viewer', messages: { loading: 'viewer.loading', failed: 'viewer.error.chunk', retry: 'viewer.retry' } }));
    expect(hasAttribute(tagWithTestId(html, 'series-viewer-chunk-error'), 'role', 'alert')).toBe(true);
    expect(html).toContain('<button type="button">Try again</button>');
    expect(html).not.toContain('series-viewer-loading');
  });
});
