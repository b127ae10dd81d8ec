/**
 * chart.js with only what the dashboard draws (bars, stacked bars, lines; category and linear
 * axes; legend and tooltips), registered once when this module is first imported. Animation is
 * off: the dashboard is a report, and a drawn chart is then final at once.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

export { Chart };
export type { ChartConfiguration, ChartType } from 'chart.js';

/** Series colours, one per workflow state or event, readable on white and in greyscale print. */
export const SERIES_COLOURS = ['#9aa5b1', '#4c78a8', '#f58518', '#e45756', '#54a24b', '#b279a2'] as const;
