// Chart.js with only what the statistics charts draw (bar and line, category and linear scales, legend,
// tooltip), registered once. Imported dynamically by kpi-chart.ts: its own small chunk, loaded on first use.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { fontFamily } from '@sportello/web-common/design-tokens';
import { palette } from '@sportello/web-common/palette';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = fontFamily;
Chart.defaults.font.size = 14;
Chart.defaults.color = palette.text;

export { Chart };
