import { Enums as CoreEnums, eventTarget, type Types } from '@cornerstonejs/core';
import {
  addTool,
  AngleTool,
  annotation as annotationApi,
  EllipticalROITool,
  Enums as ToolEnums,
  init as initTools,
  LengthTool,
  PanTool,
  RectangleROITool,
  StackScrollTool,
  state as toolsState,
  store as toolsStore,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { measurementFrom, type Measurement } from './measure/measurement';
import type { MeasurementTool, ReadingToolName } from './measure/readingTools';

/**
 * The viewer's tools and their mouse bindings, in one place. The left button holds the reading
 * tool chosen (window/level by default, or a measurement); Cornerstone draws measurements and
 * computes their statistics, and they stay in its memory for the session: reading aids, never
 * annotation records. This module is imported only through `lazyTools.ts`, so
 * @cornerstonejs/tools stays out of the first-slice chunk.
 */
const { MouseBindings, KeyboardBindings } = ToolEnums;

const VIEWER_TOOLS = [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool, RectangleROITool] as const;

const PRIMARY_TOOL: Readonly<Record<ReadingToolName, string>> = {
  window: WindowLevelTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  ellipse: EllipticalROITool.toolName,
  rectangle: RectangleROITool.toolName,
};

const MEASUREMENT_OF_TOOL = new Map<string, MeasurementTool>([
  [LengthTool.toolName, 'length'],
  [AngleTool.toolName, 'angle'],
  [EllipticalROITool.toolName, 'ellipse'],
  [RectangleROITool.toolName, 'rectangle'],
]);

const OTHER_BINDINGS: ReadonlyArray<{
  readonly toolName: string;
  readonly bindings: Array<{ mouseButton: number; modifierKey?: number }>;
}> = [
  {
    toolName: PanTool.toolName,
    bindings: [
      { mouseButton: MouseBindings.Auxiliary },
      { mouseButton: MouseBindings.Primary, modifierKey: KeyboardBindings.Ctrl },
    ],
  },
  { toolName: ZoomTool.toolName, bindings: [{ mouseButton: MouseBindings.Secondary }] },
  { toolName: StackScrollTool.toolName, bindings: [{ mouseButton: MouseBindings.Wheel }] },
];

const MEASUREMENT_EVENTS = [
  ToolEnums.Events.ANNOTATION_COMPLETED,
  ToolEnums.Events.ANNOTATION_MODIFIED,
  ToolEnums.Events.ANNOTATION_REMOVED,
] as const;

/** Both calls are idempotent, so every viewer may call this. */
function initViewerTools(): void {
  initTools();
  for (const Tool of VIEWER_TOOLS) addTool(Tool);
}

/**
 * Tools hook an element's mouse and wheel events when core announces ELEMENT_ENABLED. Ours was
 * enabled before this module loaded, so the announcement is replayed for it; elements enabled
 * after tools' init were already hooked and must not be hooked twice.
 */
function hookEnabledElement(detail: Types.EventTypes.ElementEnabledEventDetail): void {
  if (toolsState.enabledElements.includes(detail.element)) return;
  toolsStore.addEnabledElement(new CustomEvent(CoreEnums.Events.ELEMENT_ENABLED, { detail }));
}

/** Cornerstone's measurement annotations on this viewport's slices, in the order they were drawn. */
function annotationsOf(viewport: Types.IStackViewport) {
  const imageIds = viewport.getImageIds();
  return annotationApi.state.getAllAnnotations().flatMap((drawn) => {
    const tool = MEASUREMENT_OF_TOOL.get(drawn.metadata?.toolName ?? '');
    const imageId = drawn.metadata?.referencedImageId;
    const sliceIndex = imageId ? imageIds.indexOf(imageId) : -1;
    return tool && drawn.annotationUID && sliceIndex >= 0 ? [{ tool, uid: drawn.annotationUID, sliceIndex, drawn }] : [];
  });
}

function measurementsOf(viewport: Types.IStackViewport): Measurement[] {
  return annotationsOf(viewport).flatMap(({ tool, uid, sliceIndex, drawn }) => {
    const stats = Object.values((drawn.data.cachedStats ?? {}) as Record<string, Record<string, unknown>>)[0];
    const measurement = measurementFrom(tool, uid, sliceIndex, stats);
    return measurement ? [measurement] : [];
  });
}

export interface AttachedTools {
  /** The tool of the plain left button. */
  setPrimary(tool: ReadingToolName): void;
  removeMeasurement(uid: string): void;
  detach(): void;
}

/**
 * Creates the tool group of one enabled viewport; `onMeasurements` hears the session's
 * measurements on its slices whenever one is drawn, changed or removed.
 */
export function attachViewerTools(
  toolGroupId: string,
  viewport: Types.IStackViewport,
  onMeasurements: (measurements: readonly Measurement[]) => void,
): AttachedTools {
  initViewerTools();
  hookEnabledElement({
    element: viewport.element,
    viewportId: viewport.id,
    renderingEngineId: viewport.renderingEngineId,
  });
  const group = ToolGroupManager.createToolGroup(toolGroupId);
  if (!group) throw new Error(`Tool group ${toolGroupId} already exists`);
  for (const { toolName, bindings } of OTHER_BINDINGS) {
    group.addTool(toolName);
    group.setToolActive(toolName, { bindings });
  }
  // Passive tools draw their measurements and let their handles be dragged.
  for (const toolName of Object.values(PRIMARY_TOOL)) {
    group.addTool(toolName);
    group.setToolPassive(toolName);
  }
  group.addViewport(viewport.id, viewport.renderingEngineId);

  const setPrimary = (tool: ReadingToolName) => {
    const wanted = PRIMARY_TOOL[tool];
    for (const toolName of Object.values(PRIMARY_TOOL)) if (toolName !== wanted) group.setToolPassive(toolName);
    group.setToolActive(wanted, { bindings: [{ mouseButton: MouseBindings.Primary }] });
  };
  setPrimary('window');

  const report = () => onMeasurements(measurementsOf(viewport));
  for (const type of MEASUREMENT_EVENTS) eventTarget.addEventListener(type, report);
  return {
    setPrimary,
    removeMeasurement: (uid) => {
      annotationApi.state.removeAnnotation(uid);
      viewport.render();
    },
    detach: () => {
      for (const type of MEASUREMENT_EVENTS) eventTarget.removeEventListener(type, report);
      // Reading aids of this viewing only: they go with the viewer.
      for (const { uid } of annotationsOf(viewport)) annotationApi.state.removeAnnotation(uid);
      ToolGroupManager.destroyToolGroup(toolGroupId);
    },
  };
}
