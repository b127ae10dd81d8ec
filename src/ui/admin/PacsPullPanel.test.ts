import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { PacsPullPanel } from './PacsPullPanel';

describe('the PACS pull panel', () => {
  it('opens on a study pull: a titled card whose form holds the dataset, the PACS’s address and user, and the study’s UIDs', () => {
    const html = renderMarkup(createElement(PacsPullPanel));
    expect(tagWithTestId(html, 'admin-pacs-pull')).toContain('aria-labelledby="pacs-pull-title"');
    expect(html).toContain('<h2 id="pacs-pull-title">Pull from a PACS (DICOMweb)</h2>');
    expect(hasAttribute(tagWithTestId(html, 'pacs-scope-study'), 'checked')).toBe(true);
    for (const testId of ['pacs-dataset', 'pacs-base-url', 'pacs-username', 'pacs-password', 'pacs-study', 'pacs-series']) tagWithTestId(html, testId);
    expect(hasAttribute(tagWithTestId(html, 'pacs-password'), 'type', 'password')).toBe(true);
    // No query, search, job list or report before anything is asked.
    for (const testId of ['pacs-query', 'pacs-search', 'pacs-busy', 'pacs-found', 'pacs-summary']) expect(html).not.toContain(`data-testid="${testId}"`);
  });

  it('pulls nothing while there is no dataset to pull into', () => {
    // Rendered outside a browser, the store is as it starts: no datasets listed yet.
    expect(hasAttribute(tagWithTestId(renderMarkup(createElement(PacsPullPanel)), 'pacs-submit'), 'disabled')).toBe(true);
  });
});
