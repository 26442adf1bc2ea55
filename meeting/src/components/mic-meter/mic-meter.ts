/**
 * How loud the microphone hears the citizen, as a bar that moves while they speak; once it has heard
 * something it says so in words too.
 *
 * @event meeting-mic-heard - the first time the microphone heard a voice.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { MicLevel } from '../../media/mic-level.ts';
import { emit } from '../emit.ts';

/** Above this level (RMS 0–1, about -40 dB) the microphone is taken to hear a voice, not a quiet room. */
const HEARD = 0.01;
/** The bar spans -60 dB (silence) to -10 dB (a loud voice close by), as ears hear loudness. */
const FLOOR_DB = -60;
const TOP_DB = -10;

/** The level as a share of the bar, 0–100. */
export function barPercent(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.round(Math.min(1, Math.max(0, (db - FLOOR_DB) / (TOP_DB - FLOOR_DB))) * 100);
}

@customElement('meeting-mic-meter')
@localized()
export class MicMeter extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      height: 18px;
      border: 2px solid var(--sp-border);
      border-radius: 9px;
      background: var(--sp-bg);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: var(--sp-success);
      transition: width 90ms linear;
    }
    p {
      margin: 0.4em 0 0;
      line-height: 1.4;
    }
    .heard {
      color: var(--sp-success);
      font-weight: 600;
    }
  `;

  /** The stream whose audio track is measured. */
  @property({ attribute: false }) stream: MediaStream | null = null;
  @state() private level = 0;
  @state() private heard = false;
  private meter?: MicLevel;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.meter?.stop();
    this.meter = undefined;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('stream') || (this.isConnected && !this.meter && this.stream)) {
      this.meter?.stop();
      this.meter = this.stream
        ? new MicLevel(this.stream, (level) => {
            this.level = level;
            if (level >= HEARD && !this.heard) {
              this.heard = true;
              emit(this, 'meeting-mic-heard');
            }
          })
        : undefined;
    }
  }

  override render() {
    const percent = barPercent(this.level);
    return html`<div
        class="bar"
        role="meter"
        aria-label=${msg('Livello del microfono')}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
      >
        <div class="fill" style=${styleMap({ width: `${percent}%` })}></div>
      </div>
      <p class=${this.heard ? 'heard' : 'muted'} aria-live="polite">
        ${this.heard ? msg('Il microfono ti sente.') : msg("Di' qualcosa: la barra si muove se il microfono ti sente.")}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-mic-meter': MicMeter;
  }
}
