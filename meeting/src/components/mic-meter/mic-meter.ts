/**
 * How loud the microphone hears the citizen, as a bar that moves while they speak; once it has heard
 * something it says so in words too.
 */
import { msg } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { MicLevel } from '../../media/mic-level.ts';

/** Above this level (0–1) the microphone is taken to hear a voice, not just silence. */
const HEARD = 0.08;

@customElement('meeting-mic-meter')
export class MicMeter extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      height: 18px;
      border: 2px solid var(--m-border);
      border-radius: 9px;
      background: var(--m-bg);
      overflow: hidden;
    }
    .fill {
      height: 100%;
      background: var(--m-success);
      transition: width 90ms linear;
    }
    p {
      margin: 0.4em 0 0;
      line-height: 1.4;
    }
    .heard {
      color: var(--m-success);
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
            if (level >= HEARD) this.heard = true;
          })
        : undefined;
    }
  }

  override render() {
    const percent = Math.round(Math.min(1, this.level * 2.5) * 100);
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
