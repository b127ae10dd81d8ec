/**
 * Components rendered to HTML in Node (no DOM here): enough to check what a reader and the e2e
 * specs rely on (test ids, aria attributes, disabled states, text) without a browser.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export const renderMarkup = (element: ReactElement): string => renderToStaticMarkup(element);

/** The opening tag of the element with `data-testid="<testId>"`; throws when there is none or several. */
export function tagWithTestId(html: string, testId: string): string {
  const tags = html.match(new RegExp(`<[a-z]+[^>]*\\bdata-testid="${testId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`, 'g')) ?? [];
  if (tags.length !== 1) throw new Error(`${tags.length} elements with data-testid="${testId}" in ${html}`);
  return tags[0]!;
}

/** Whether an opening tag carries a boolean attribute (`disabled`) or `name="value"`. */
export function hasAttribute(tag: string, name: string, value?: string): boolean {
  return value === undefined ? new RegExp(`\\s${name}(=""|[\\s>/])`).test(tag) : tag.includes(` ${name}="${value}"`);
}
