/**
 * The citizen's own camera, mirrored as in a looking glass, and optionally a bar that moves with the
 * microphone's sound so they see it hears them. Shows a stream; never opens or stops one.
 *
 * @event kiosk-heard - the microphone picked up a voice (or any sound) for the first time.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { emit } from '../emit.ts';

/** Level (0–1) above which the microphone counts as hearing something. */
const HEARD = 0.04;

@customElement('kiosk-self-view')
@localizedDecorator()
export class KioskSelfView extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    video {
      display: block;
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
      transform: scaleX(-1);
      background: #000;
      border-radius: var(--sp-radius);
      border: 3px solid var(--sp-border);
      box-sizing: border-box;
    }
    .meter {
      margin-block-start: 0.6em;
      display: flex;
      align-items: center;
      gap: 0.6em;
      font-weight: 600;
    }
    .track {
      flex: 1;
      block-size: 24px;
      border: 3px solid var(--sp-border);
      border-radius: 12px;
      overflow: hidden;
      background: var(--sp-bg);
    }
    .level {
      block-size: 100%;
      background: var(--sp-success);
      transition: inline-size 80ms linear;
    }
  `;

  /** The camera (and microphone) stream to show. */
  @property({ attribute: false }) stream?: MediaStream;
  /** Show the microphone's level under the picture. */
  @property({ type: Boolean }) meter = false;

  @state() private level = 0;
  private audio?: AudioContext;
  private frame?: number;
  private heard = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('stream') && !changed.has('meter')) return;
    const video = this.renderRoot.querySelector('video');
    if (video && video.srcObject !== (this.stream ?? null)) video.srcObject = this.stream ?? null;
    this.stopMeter();
    if (this.meter && this.stream?.getAudioTracks().length) this.startMeter(this.stream);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopMeter();
  }

  private startMeter(stream: MediaStream): void {
    const audio = (this.audio = new AudioContext());
    const analyser = audio.createAnalyser();
    analyser.fftSize = 512;
    audio.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const measure = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // Speech sits around 0.02–0.2 RMS: stretch it so the bar moves visibly.
      this.level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      if (!this.heard && this.level > HEARD) {
        this.heard = true;
        emit(this, 'kiosk-heard');
      }
      this.frame = requestAnimationFrame(measure);
    };
    measure();
  }

  private stopMeter(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    void this.audio?.close();
    this.audio = undefined;
  }

  override render() {
    return html`<video part="video" autoplay muted playsinline aria-hidden="true"></video> ${
        this.meter
          ? html`<div class="meter">
              <span>${msg('Microfono')}</span>
              <div class="track" aria-hidden="true">
                <div class="level" style="inline-size: ${Math.round(this.level * 100)}%"></div>
              </div>
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-self-view': KioskSelfView;
  }
}
