/**
 * One chart.js chart on a canvas: made when the component mounts or its configuration changes,
 * destroyed when it unmounts, so React owns the element and chart.js only draws into it. Pass a
 * memoised `config`: a new object each render would rebuild the chart each render.
 */
import { useEffect, useRef } from 'react';
import { Chart, type ChartConfiguration, type ChartType } from './chartSetup';

export function ChartCanvas<T extends ChartType>({ config, label, testId }: { readonly config: ChartConfiguration<T>; readonly label: string; readonly testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
