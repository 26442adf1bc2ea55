/**
 * A bar or line chart of a few series over labels (periods, ratings), drawn by Chart.js. Chart.js is
 * loaded on first use only (its own chunk, registered piece by piece), so the rest of the console does not
 * carry it. The canvas is an image with a short description: the table beside it holds the numbers.
 */
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Chart as ChartType } from 'chart.js';
import { palette } from '@sportello/web-common/palette';

export interface ChartSeries {
  label: string;
  /** One value per label; null where there is nothing to show. */
  data: (number | null)[];
}

/** Colours apart for every kind of colour vision (Okabe–Ito), dark enough on white. */
const PALETTE = [palette.primary, '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56b4e9', '#000000'];

let loading: Promise<typeof import('./chart-setup.ts')> | undefined;

/** Chart.js, registered with only what these charts use, loaded once on first use. */
const chartJs = () => (loading ??= import('./chart-setup.ts'));

@customElement('kpi-chart')
export class KpiChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      height: 15em;
    }
    canvas {
      display: block;
    }
  `;

  /** bar (stacked when there are several series) or line. */
  @property() kind: 'bar' | 'line' = 'bar';
  /** What the chart shows, for people who cannot see it; the table beside it has the numbers. */
  @property() description = '';
  /** The y axis' title, e.g. "minuti". */
  @property() unit = '';
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: ChartSeries[] = [];

  @query('canvas') private canvas!: HTMLCanvasElement;
  private chart?: ChartType;

  protected override updated(changed: PropertyValues): void {
    if (changed.has('labels') || changed.has('series') || changed.has('kind')) void this.draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  private async draw(): Promise<void> {
    const { Chart } = await chartJs();
    if (!this.isConnected) return;
    const stacked = this.kind === 'bar' && this.series.length > 1;
    const datasets = this.series.map((s, i) => ({
      label: s.label,
      data: s.data,
      backgroundColor: PALETTE[i % PALETTE.length],
      borderColor: PALETTE[i % PALETTE.length],
      borderWidth: this.kind === 'line' ? 3 : 0,
      pointRadius: this.kind === 'line' ? 3 : 0,
      spanGaps: true,
    }));
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, {
      type: this.kind,
      data: { labels: this.labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: this.series.length > 1, position: 'bottom' } },
        scales: {
          x: { stacked },
          y: {
            stacked,
            beginAtZero: true,
            // Counts have no halves; minutes keep their decimal.
            ticks: { precision: this.unit === '' ? 0 : 1 },
            title: { display: this.unit !== '', text: this.unit },
          },
        },
      },
    });
  }

  override render() {
    return html`<canvas role="img" aria-label=${this.description}></canvas>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kpi-chart': KpiChart;
  }
}
