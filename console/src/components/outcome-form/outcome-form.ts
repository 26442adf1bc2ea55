/**
 * The outcome of one call and the official's notes, recorded during the call or after it ends.
 *
 * @event console-outcome-saved - detail: the CallRecord the server answered.
 */
import { localized, msg, str } from '@lit/localize';
import { callOutcomes, type CallOutcome, type CallRecord } from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { recordOutcome } from '../../data/calls.ts';
import { outcomeText, problemText } from '../../i18n/labels.ts';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';

const MAX_NOTES = 2000;

@customElement('outcome-form')
@localized()
export class OutcomeForm extends LitElement {
  static override styles = [screenStyles, buttonStyles, formStyles, panelStyles];

  @property() callId = '';
  /** Preselected when nothing was chosen yet (a dropped call suggests call-dropped). */
  @property() suggested?: CallOutcome;

  @state() private outcome?: CallOutcome;
  @state() private notes = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private savedAt = '';

  override render() {
    const chosen = this.outcome ?? this.suggested;
    return html`<h2 id="outcome-heading">${msg('Esito e note')}</h2>
      <form
        aria-labelledby="outcome-heading"
        novalidate
        @submit=${this.submit}
        @input=${this.clearError}
        @change=${this.clearError}
      >
        <fieldset>
          <legend>${msg('Esito della chiamata')}</legend>
          ${callOutcomes.map(
            (outcome) =>
              html`<label class="check">
                <input
                  type="radio"
                  name="outcome"
                  value=${outcome}
                  .checked=${chosen === outcome}
                  @change=${() => (this.outcome = outcome)}
                />
                ${outcomeText(outcome)}
              </label>`,
          )}
        </fieldset>
        <div class="field">
          <label for="notes">${msg('Note')}</label>
          <textarea
            id="notes"
            maxlength=${MAX_NOTES}
            .value=${this.notes}
            @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <p class="error" role="alert">${this.error || nothing}</p>
        ${
          this.savedAt
            ? html`<p class="saved" role="status">
                ${msg(str`Esito salvato alle ${formatTime(this.savedAt)}.`)}
              </p>`
            : nothing
        }
        <button type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Salvataggio…') : msg("Salva l'esito")}
        </button>
      </form>`;
  }

  /** A message about a field the official is now changing is no longer true. */
  private clearError() {
    this.error = '';
  }

  private async submit(event: Event) {
    event.preventDefault();
    const outcome = this.outcome ?? this.suggested;
    if (!outcome) {
      this.error = msg("Scegli l'esito della chiamata.");
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      const notes = this.notes.trim();
      const call: CallRecord = await recordOutcome(this.callId, { outcome, ...(notes && { notes }) });
      this.savedAt = call.outcome?.recordedAt ?? new Date().toISOString();
      emit(this, 'console-outcome-saved', call);
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'outcome-form': OutcomeForm;
  }
}
