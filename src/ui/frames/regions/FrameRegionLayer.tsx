import { useMemo } from 'react';
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import type { RecordStore } from '../../../core/recordStore';
import { useLanguage, useT } from '../../../i18n';
import { lookOf, ClassPalette } from '../../../viewer/annotation/outlineStyle';
import { PAN } from '../../../viewer/annotation/toolController';
import { regionModeName } from './frameRegionTools';
import { regionsOn, svgPath } from './regionShapes';
import { useRegionSnapshot, type FrameRegions } from './useFrameRegions';
import './regions.css';

/** Handle radius in screen px. */
const HANDLE_PX = 4;

/**
 * The regions of the current frame over the large view, as SVG in the frame's own pixels (viewBox
 * = the frame, laid over where its pixels are): a frame holds a handful of boxes, so a DOM node
 * each costs nothing and the browser does hit areas, dashes and crisp strokes at any zoom. The
 * slide's canvas overlay is for thousands of outlines and a view that pans every frame.
 */
export function FrameRegionLayer({
  regions,
  document,
  targetId,
  changes,
  thresholds,
}: {
  readonly regions: FrameRegions;
  readonly document: RecordStore;
  readonly targetId: string | undefined;
  readonly changes: number;
  /** The confidence sliders: pending proposals under theirs are not drawn. */
  readonly thresholds?: ConfidenceThresholds;
}) {
  const t = useT();
  const [language] = useLanguage();
  const { question, mapping } = regions;
  const snapshot = useRegionSnapshot(regions.session);
  const palette = useMemo(() => new ClassPalette(question), [question]);
  // `document` changes in place; `changes` says when.
  const shapes = useMemo(() => (targetId === undefined ? [] : regionsOn(document, targetId, question.id, thresholds)), [document, targetId, question, changes, thresholds]);
  const tool = snapshot?.tool ?? PAN;
  const preview = snapshot?.preview ?? null;
  const moving = preview?.moving;
  const activeClass = question.classes.find((c) => c.code === snapshot?.classCode);
  const handle = HANDLE_PX * (mapping?.imagePxPerScreenPx ?? 1);
  return (
    <div ref={regions.layerRef} className={`frame-regions-layer${tool === PAN ? '' : ' drawing'}`} data-testid="frame-regions-layer" data-tool={tool} data-class={snapshot?.classCode ?? ''} data-selected={snapshot?.selection.size ?? 0} data-ready={mapping ? 'true' : 'false'}>
      {tool !== PAN && (
        <span className="frame-regions-mode" data-testid="frame-regions-mode">
          {t(regionModeName(tool))}
          {activeClass && (
            <>
              {' · '}
              <span className="swatch" style={{ background: activeClass.color }} aria-hidden="true" />
              {activeClass.name[language]}
            </>
          )}
        </span>
      )}
      {mapping && (
        <svg
          className="frame-regions-svg"
          viewBox={`0 0 ${mapping.size.width} ${mapping.size.height}`}
          preserveAspectRatio="none"
          style={{ left: mapping.box.left, top: mapping.box.top, width: mapping.box.width, height: mapping.box.height }}
          aria-hidden="true"
        >
          {shapes.map((shape) => {
            const selected = snapshot?.selection.has(shape.id) ?? false;
            const proposal = lookOf(shape, thresholds) === 'proposal';
            const shift = moving?.ids.includes(shape.id) ? `translate(${moving.delta[0]} ${moving.delta[1]})` : undefined;
            return (
              <path
                key={shape.id}
                d={svgPath(shape.geometry)}
                transform={shift}
                className={`frame-region${selected ? ' selected' : ''}${proposal ? ' proposal' : ''}`}
                style={{ stroke: palette.color(shape.classCode), fill: palette.color(shape.classCode) }}
                data-testid="frame-region"
                data-id={shape.id}
                data-class={shape.classCode}
                data-kind={shape.geometry.type}
                data-selected={selected ? 'true' : 'false'}
                data-proposal={proposal ? 'true' : 'false'}
              />
            );
          })}
          {preview?.geometry && <path d={svgPath(preview.geometry)} className={`frame-region-preview${preview.crossing ? ' crossing' : ''}`} style={{ stroke: palette.color(snapshot?.classCode ?? '') }} data-testid="frame-region-preview" />}
          {preview?.box && <rect x={preview.box.minX} y={preview.box.minY} width={preview.box.maxX - preview.box.minX} height={preview.box.maxY - preview.box.minY} className="frame-region-band" />}
          {preview?.handles?.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={handle} className="frame-region-handle" />)}
        </svg>
      )}
    </div>
  );
}
