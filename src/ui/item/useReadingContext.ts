import { useState } from 'react';
import type { Measurement } from '../../viewer/measure/measurement';
import { DEFAULT_READING_TOOL, type ReadingToolName } from '../../viewer/measure/readingTools';
import type { ViewerControls } from '../../viewer/SeriesViewer';
import { useCine, type Cine } from './useCine';
import type { ViewerAction } from './viewerKeymap';

export interface ReadingContext {
  readonly tool: ReadingToolName;
  setTool(tool: ReadingToolName): void;
  readonly showContext: boolean;
  toggleContext(): void;
  readonly cine: Cine;
  readonly measurements: readonly Measurement[];
  setMeasurements(measurements: readonly Measurement[]): void;
  readonly controls: ViewerControls | null;
  setControls(controls: ViewerControls | null): void;
  readonly reformatOpen: boolean;
  setReformatOpen(open: boolean): void;
  /** Runs a viewer key's action. */
  run(action: ViewerAction): void;
}

/** The CT reading aids of one open item: tool, corner text, cine, measurements, the reformat panel. */
export function useReadingContext(count: number, index: number, goTo: (index: number) => void): ReadingContext {
  const [tool, setTool] = useState<ReadingToolName>(DEFAULT_READING_TOOL);
  const [showContext, setShowContext] = useState(true);
  const [measurements, setMeasurements] = useState<readonly Measurement[]>([]);
  const [controls, setControls] = useState<ViewerControls | null>(null);
  const [reformatOpen, setReformatOpen] = useState(false);
  const cine = useCine(count, index, goTo);
  const toggleContext = () => setShowContext((shown) => !shown);

  const run = (action: ViewerAction) => {
    switch (action.type) {
      case 'preset':
        return controls?.setPreset(action.name);
      case 'tool':
        return setTool(action.tool);
      case 'cine':
        return cine.toggle();
      case 'cineSpeed':
        return cine.setFps(cine.state.fps + action.delta);
      case 'context':
        return toggleContext();
      case 'reformat':
        return setReformatOpen(true);
    }
  };
  return { tool, setTool, showContext, toggleContext, cine, measurements, setMeasurements, controls, setControls, reformatOpen, setReformatOpen, run };
}
