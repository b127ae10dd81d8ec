import type { OpenItem } from '../../../store';
import type { ViewerAdapter } from '../../adapter';

/**
 * Placeholder for the slide's annotation layer (outlines, tools), built on branch i7-overlay;
 * that file replaces this one at merge. Renders nothing.
 */
export function SlideAnnotationLayer(_props: { readonly adapter: ViewerAdapter; readonly open: OpenItem }) {
  return null;
}
