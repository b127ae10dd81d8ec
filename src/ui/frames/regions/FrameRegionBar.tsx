import type { ToolId } from '../../../core/tools';
import { useLanguage, useT } from '../../../i18n';
import { PAN, type ControllerTool } from '../../../viewer/annotation/toolController';
import { FRAME_REGION_TOOLS, regionModeName } from './frameRegionTools';
import { useRegionSnapshot, type FrameRegions } from './useFrameRegions';

/**
 * The region question of a frame set beside the answers: which mode the keys are in (tagging:
 * class keys answer the frame's question; a region tool: they set the region class), the tools
 * with their keys, and the classes with theirs.
 */
export function FrameRegionBar({
  regions,
  count,
  editable,
  taggingHint,
}: {
  readonly regions: FrameRegions;
  readonly count: number;
  readonly editable: boolean;
  /** What class keys do outside region mode where they do not answer the frame's question (the player's ranges). */
  readonly taggingHint?: string;
}) {
  const t = useT();
  const [language] = useLanguage();
  const { question, session } = regions;
  const snapshot = useRegionSnapshot(session);
  if (!session || !snapshot) return null;
  const pick = (tool: ToolId | typeof PAN) => session.setTool(tool);
  const modeButton = (tool: ControllerTool, label: string, key: string, disabled = false) => (
    <button type="button" key={tool} aria-pressed={snapshot.tool === tool} disabled={disabled} data-testid={`frame-region-tool-${tool}`} onClick={() => pick(tool)}>
      {label} <kbd>{key}</kbd>
    </button>
  );
  return (
    <section className="frame-regions-bar" aria-label={t('frames.regions.title')} data-testid="frame-regions-bar" data-mode={snapshot.tool === PAN ? 'tagging' : 'regions'}>
      <strong>
        {question.name[language]} <span className="muted small">{t('frames.regions.count', { n: count })}</span>
      </strong>
      <div role="group" aria-label={t('frames.regions.mode')}>
        {modeButton(PAN, t(regionModeName(PAN)), 'Esc')}
        {FRAME_REGION_TOOLS.map((tool) => modeButton(tool.id, t(regionModeName(tool.id)), tool.key.toUpperCase(), tool.id !== 'select' && !editable))}
      </div>
      <p className="muted small" data-testid="frame-regions-hint">
        {snapshot.tool === PAN ? (taggingHint ?? t('frames.regions.taggingHint')) : t('frames.regions.drawingHint')}
      </p>
      <div role="group" aria-label={t('frames.regions.classes')}>
        {question.classes.map((c) => (
          <button type="button" key={c.code} aria-pressed={snapshot.classCode === c.code} data-testid={`frame-region-class-${c.code}`} onClick={() => session.controller.setClass(c.code)}>
            <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name[language]} {c.key && <kbd>{c.key.toUpperCase()}</kbd>}
          </button>
        ))}
      </div>
      {snapshot.refusal && (
        <p className="error" role="alert">
          {snapshot.refusal}
        </p>
      )}
    </section>
  );
}
