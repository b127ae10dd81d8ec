import { initCornerstone } from '../cornerstone/init';
import type { RenderMode } from '../cornerstone/renderMode';
import { ReformatCanvas } from './ReformatCanvas';
import { readTabChoice } from '../tabChoice';
import { chooseReformatView, REFORMAT_VIEW_CHOICE, type ReformatViewKind } from './reformatViewChoice';
import type { ReformatViewProps } from './reformatView';
import { VolumeReformatView } from './VolumeReformatView';

/** The render mode and the view that draws the reformats in it (see chooseReformatView). */
export function reformatViewChoice(): { readonly renderMode: RenderMode; readonly view: ReformatViewKind } {
  const { renderMode } = initCornerstone();
  return { renderMode, view: chooseReformatView(renderMode, readTabChoice(REFORMAT_VIEW_CHOICE)) };
}

/** One reformatted plane, drawn by the chosen view. */
export function ReformatView(props: ReformatViewProps & { readonly view: ReformatViewKind }) {
  const { view, ...plane } = props;
  return view === 'volume' ? <VolumeReformatView {...plane} /> : <ReformatCanvas {...plane} />;
}
