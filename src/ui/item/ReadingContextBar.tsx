import { useT } from '../../i18n';
import { MAX_FPS, MIN_FPS } from '../../viewer/cine/cine';
import { READING_TOOLS } from '../../viewer/measure/readingTools';
import type { ReadingContext } from './useReadingContext';
import { CINE_KEY, CONTEXT_KEY, REFORMAT_KEY } from './viewerKeymap';

/** Under the CT viewer: the left button's tool, cine with its speed, corner text, reformats. */
export function ReadingContextBar({ context }: { readonly context: ReadingContext }) {
  const t = useT();
  const { cine } = context;
  return (
    <div className="reading-context-bar row" role="toolbar" aria-label={t('reading.bar')}>
      {READING_TOOLS.map((tool) => (
        <button
          key={tool.name}
          type="button"
          data-testid={`reading-tool-${tool.name}`}
          aria-pressed={context.tool === tool.name}
          aria-keyshortcuts={tool.key.toUpperCase()}
          title={t('reading.keyHint', { key: tool.key.toUpperCase() })}
          onClick={() => context.setTool(tool.name)}
        >
          {t(`reading.tool.${tool.name}`)}
        </button>
      ))}
      <button type="button" data-testid="cine-toggle" data-state={cine.state.playing ? 'playing' : 'paused'} aria-pressed={cine.state.playing} aria-keyshortcuts={CINE_KEY.toUpperCase()} onClick={cine.toggle}>
        {cine.state.playing ? t('reading.cine.pause') : t('reading.cine.play')}
      </button>
      <label className="reading-cine-speed">
        <input type="range" data-testid="cine-fps" min={MIN_FPS} max={MAX_FPS} step={1} value={cine.state.fps} onChange={(event) => cine.setFps(Number(event.target.value))} />
        {t('reading.cine.fps', { fps: cine.state.fps })}
      </label>
      <button type="button" data-testid="context-toggle" aria-pressed={context.showContext} aria-keyshortcuts={CONTEXT_KEY.toUpperCase()} onClick={context.toggleContext}>
        {t('reading.context')}
      </button>
      <button type="button" data-testid="reformat-open" aria-keyshortcuts={REFORMAT_KEY.toUpperCase()} onClick={() => context.setReformatOpen(true)}>
        {t('reading.reformat')}
      </button>
    </div>
  );
}
