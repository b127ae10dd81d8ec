import { initCornerstone } from '../cornerstone/init';
import type { RenderMode } from '../cornerstone/renderMode';
import { ReformatCanvas } from './ReformatCanvas';
import { chooseReformatView, parseReformatView, REFORMAT_VIEW_KEY, type ReformatViewKind } from './reformatViewChoice';
import type { ReformatViewProps } from './reformatView';
import { VolumeReformatView } from './VolumeReformatView';

function requestedView(): ReformatViewKind | null {
  const fromUrl = parseReformatView(new URLSearchParams(window.location.search).get('reformat'));
  try {
    if (fromUrl) sessionStorage.setItem(REFORMAT_VIEW_KEY, fromUrl);
    return fromUrl ?? parseReformatView(sessionStorage.getItem(REFORMAT_VIEW_KEY));
  } catch {
    return fromUrl;
  }
}

/** The render mode and the view that draws the reformats in it (see chooseReformatView). */
export function reformatViewChoice(): { readonly renderMode: RenderMode; readonly view: ReformatViewKind } {
  const { renderMode } = initCornerstone();
  return { renderMode, view: chooseReformatView(renderMode, requestedView()) };
}

/** One reformatted plane, drawn by the chosen view. */
export function ReformatView(props: ReformatViewProps & { readonly view: ReformatViewKind }) {
  const { view, ...plane } = props;
  return view === 'volume' ? <VolumeReformatView {...plane} /> : <ReformatCanvas {...plane} />;
}
