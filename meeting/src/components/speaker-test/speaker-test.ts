/**
 * The speaker test: a short tune made with WebAudio (no sound file to fetch), then "did you hear it?";
 * a no gets what to do about it.
 *
 * @event meeting-speaker-result - detail: true when the citizen heard the sound, false when not.
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { noticeStyles } from '../notice-styles.ts';

type Step = 'ready' | 'playing' | 'asked' | 'heard' | 'not-heard' | 'no-audio';

/** A rising tune of three notes, long enough to find the volume keys. */
const NOTES = [523.25, 659.25, 783.99];
const NOTE_SECONDS = 0.45;

@customElement('meeting-speaker-test')
@localized()
export class SpeakerTest extends LitElement {
  static override styles = [
    buttonStyles,
    noticeStyles,
    css`
      :host {
        display: block;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        margin: 0.5em 0;
      }
      p {
        margin: 0.4em 0;
        line-height: 1.4;
      }
      .heard {
        color: var(--sp-success);
        font-weight: 600;
      }
    `,
  ];

  @state() private step: Step = 'ready';
  private audio?: AudioContext;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.audio?.close().catch(() => undefined);
    this.audio = undefined;
  }

  override render() {
    return html`<div aria-live="polite">${this.renderStep()}</div>`;
  }

  private renderStep() {
    const play = html`<button class="secondary" ?disabled=${this.step === 'playing'} @click=${this.play}>
      ${this.step === 'ready' ? msg("Prova l'altoparlante") : msg('Fai sentire di nuovo il suono')}
    </button>`;
    switch (this.step) {
      case 'ready':
        return html`<p>${msg('Alza il volume e premi il pulsante: sentirai tre note.')}</p>
          <div class="actions">${play}</div>`;
      case 'playing':
        return html`<p role="status">${msg('Suono in corso…')}</p>`;
      case 'asked':
        return html`<p><strong>${msg('Hai sentito il suono?')}</strong></p>
          <div class="actions">
            <button @click=${() => this.answer(true)}>${msg('Sì, l’ho sentito')}</button>
            <button class="secondary" @click=${() => this.answer(false)}>${msg('No')}</button>
            ${play}
          </div>`;
      case 'heard':
        return html`<p class="heard">${msg("L'altoparlante funziona: sentirai il funzionario.")}</p>`;
      case 'not-heard':
        return html`<div class="notice warning">
            <p><strong>${msg('Se non senti, non potrai sentire il funzionario.')}</strong></p>
            <p>
              ${msg(
                'Alza il volume; sul telefono togli il silenzioso; se usi le cuffie, controlla che siano collegate. Poi prova di nuovo.',
              )}
            </p>
          </div>
          <div class="actions">${play}</div>`;
      case 'no-audio':
        return html`<div class="notice warning">
          <p>
            ${msg("Questo browser non può fare la prova dell'altoparlante. Usa Chrome, Edge, Firefox o Safari aggiornati.")}
          </p>
        </div>`;
    }
    return nothing;
  }

  private async play() {
    if (typeof AudioContext === 'undefined') {
      this.step = 'no-audio';
      return;
    }
    // Made on the tap: browsers let a page sound only after the citizen touched it.
    const audio = (this.audio ??= new AudioContext());
    await audio.resume().catch(() => undefined);
    this.step = 'playing';
    let at = audio.currentTime + 0.05;
    for (const frequency of NOTES) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      // A soft start and end: no click.
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + NOTE_SECONDS + 0.02);
      at += NOTE_SECONDS + 0.08;
    }
    const last = (at - audio.currentTime) * 1000;
    setTimeout(() => {
      if (this.step === 'playing') this.step = 'asked';
    }, last);
  }

  private answer(heard: boolean) {
    this.step = heard ? 'heard' : 'not-heard';
    emit(this, 'meeting-speaker-result', heard);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-speaker-test': SpeakerTest;
  }
}
