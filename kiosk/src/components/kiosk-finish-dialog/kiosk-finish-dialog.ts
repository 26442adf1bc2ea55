/**
 * "Fine" touched with something still to lose: asks before ending, in plain words saying what would be lost.
 *
 * @event kiosk-confirm - end the session now.
 * @event kiosk-stay - go on where the citizen was.
 */
import { msg } from '@lit/localize';
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '../emit.ts';
import { KioskDialog } from '../kiosk-dialog/kiosk-dialog.ts';

/** What ending now would throw away. */
export type AtStake = 'booking' | 'queue' | 'call';

@customElement('kiosk-finish-dialog')
export class KioskFinishDialog extends KioskDialog {
  @property() atStake: AtStake = 'booking';

  private get texts() {
    return {
      title: msg('Vuoi davvero finire?'),
      body:
        this.atStake === 'queue'
          ? msg('Sei in coda per la videochiamata: se finisci ora, perdi il tuo posto.')
          : this.atStake === 'call'
            ? msg('Se finisci ora, la videochiamata si chiude.')
            : msg('La prenotazione non è ancora fatta: se finisci ora, non viene salvata.'),
      stay: msg('No, continua'),
      confirm: msg('Sì, finisci'),
    };
  }

  speechText(): string[] {
    const t = this.texts;
    return [t.title, t.body, t.stay, t.confirm];
  }

  override render() {
    const t = this.texts;
    return this.frame(
      t.title,
      html`<p id="body">${t.body}</p>`,
      html`<button type="button" @click=${() => emit(this, 'kiosk-stay')}>${t.stay}</button>
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-confirm')}>
          ${t.confirm}
        </button>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-finish-dialog': KioskFinishDialog;
  }
}
