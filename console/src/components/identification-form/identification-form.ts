/**
 * The identification checklist of one call, recorded with it: the citizen's photo ID (type, last four
 * characters of its number, expiry, face), the assisting person and the citizen's consent when someone
 * helps, and for a web meeting the admission code the server checked.
 *
 * @event console-identification-recorded - detail: the CallRecord the server answered.
 */
import { localized, msg, str } from '@lit/localize';
import {
  identityDocumentTypes,
  type CallRecord,
  type Identification,
  type QueueEntry,
} from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { recordIdentification } from '../../data/calls.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { documentTypeText, problemText, type DocumentType } from '../../i18n/labels.ts';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles, panelStyles } from '../form-styles.ts';

const LAST4 = /^[A-Za-z0-9]{4}$/;

interface DocumentDraft {
  type: DocumentType | '';
  numberLast4: string;
  expiryChecked: boolean;
}

@customElement('identification-form')
@localized()
export class IdentificationForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    panelStyles,
    css`
      .admitted {
        background: var(--sp-surface);
        border-radius: var(--sp-radius);
        padding: 0.5em 0.8em;
      }
    `,
  ];

  /** The call whose citizen is identified. */
  @property() callId = '';
  /** The queue entry of the call: who assists, whether it is a web meeting. */
  @property({ attribute: false }) entry!: QueueEntry;
  /** What the server already holds for this call (e.g. after a reload). */
  @property({ attribute: false }) recorded?: CallRecord['identification'];

  @state() private citizenDoc: DocumentDraft = { type: '', numberLast4: '', expiryChecked: false };
  @state() private assistantDoc: DocumentDraft = { type: '', numberLast4: '', expiryChecked: false };
  @state() private assistantName = '';
  @state() private consent = false;
  @state() private faceMatches = false;
  @state() private admissionCodeChecked = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private savedAt = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('entry') && this.entry?.assistedBy && !this.assistantName)
      this.assistantName = this.entry.assistedBy;
    if (changed.has('recorded') && this.recorded) this.savedAt = this.recorded.recordedAt;
  }

  private get web(): boolean {
    return this.entry.origin === 'web' || this.entry.admittedAt !== undefined;
  }

  override render() {
    const assisted = this.entry.assistedBy !== undefined;
    return html`<h2 id="identification-heading">${msg('Identificazione')}</h2>
      <form
        aria-labelledby="identification-heading"
        novalidate
        @submit=${this.submit}
        @input=${this.clearError}
        @change=${this.clearError}
      >
        ${this.documentFields('citizen', msg('Documento del cittadino'), this.citizenDoc, (d) => (this.citizenDoc = d))}
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.faceMatches}
            @change=${(e: Event) => (this.faceMatches = (e.target as HTMLInputElement).checked)}
          />
          ${msg('Il volto in video corrisponde alla foto del documento')}
        </label>
        ${assisted ? this.assistantFields() : nothing} ${this.web ? this.admissionFields() : nothing}
        <p class="error" role="alert">${this.error || nothing}</p>
        ${
          this.savedAt
            ? html`<p class="saved" role="status">
                ${msg(str`Identificazione registrata alle ${formatTime(this.savedAt)}.`)}
              </p>`
            : nothing
        }
        <button type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Registrazione…') : msg("Registra l'identificazione")}
        </button>
      </form>`;
  }

  private documentFields(
    who: 'citizen' | 'assistant',
    legend: string,
    draft: DocumentDraft,
    set: (draft: DocumentDraft) => void,
  ) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="row wide-first">
        <div class="field">
          <label for="${who}-type">${msg('Tipo di documento')}</label>
          <select
            id="${who}-type"
            .value=${draft.type}
            @change=${(e: Event) =>
              set({ ...draft, type: (e.target as HTMLSelectElement).value as DocumentType })}
          >
            <option value="">${msg('Scegli…')}</option>
            ${identityDocumentTypes.map(
              (type) =>
                html`<option value=${type} ?selected=${draft.type === type}>
                  ${documentTypeText(type)}
                </option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="${who}-last4">${msg('Ultimi 4 caratteri del numero')}</label>
          <input
            id="${who}-last4"
            maxlength="4"
            autocomplete="off"
            spellcheck="false"
            .value=${draft.numberLast4}
            @input=${(e: Event) => set({ ...draft, numberLast4: (e.target as HTMLInputElement).value })}
          />
        </div>
      </div>
      <label class="check">
        <input
          type="checkbox"
          .checked=${draft.expiryChecked}
          @change=${(e: Event) => set({ ...draft, expiryChecked: (e.target as HTMLInputElement).checked })}
        />
        ${msg('Scadenza controllata: il documento è valido oggi')}
      </label>
    </fieldset>`;
  }

  private assistantFields() {
    return html`<fieldset>
      <legend>${msg('Persona che assiste il cittadino')}</legend>
      <div class="field">
        <label for="assistant-name">${msg('Nome e cognome')}</label>
        <input
          id="assistant-name"
          autocomplete="off"
          .value=${this.assistantName}
          @input=${(e: Event) => (this.assistantName = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${this.documentFields(
        'assistant',
        msg('Documento di chi assiste'),
        this.assistantDoc,
        (d) => (this.assistantDoc = d),
      )}
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.consent}
          @change=${(e: Event) => (this.consent = (e.target as HTMLInputElement).checked)}
        />
        ${msg('Il cittadino conferma di voler essere assistito')}
      </label>
    </fieldset>`;
  }

  private admissionFields() {
    return html`<fieldset>
      <legend>${msg('Videochiamata da casa')}</legend>
      <p class="admitted">
        ${
          this.entry.admittedAt
            ? msg(str`Codice di ammissione verificato dal sistema alle ${formatTime(this.entry.admittedAt)}.`)
            : msg('Il sistema non ha registrato il codice di ammissione.')
        }
      </p>
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.admissionCodeChecked}
          @change=${(e: Event) => (this.admissionCodeChecked = (e.target as HTMLInputElement).checked)}
        />
        ${msg('Ho controllato il codice di ammissione')}
      </label>
    </fieldset>`;
  }

  /** The first thing missing, in words; empty when the checklist can be sent. */
  private problem(): string {
    const doc = (d: DocumentDraft, whose: string) => {
      if (!d.type) return msg(str`Scegli il tipo di documento (${whose}).`);
      if (!LAST4.test(d.numberLast4.trim()))
        return msg(str`Scrivi gli ultimi 4 caratteri del numero del documento (${whose}): lettere o cifre.`);
      return '';
    };
    const citizen = doc(this.citizenDoc, msg('cittadino'));
    if (citizen) return citizen;
    if (this.entry.assistedBy !== undefined) {
      if (!this.assistantName.trim()) return msg('Scrivi il nome di chi assiste il cittadino.');
      const assistant = doc(this.assistantDoc, msg('chi assiste'));
      if (assistant) return assistant;
    }
    return '';
  }

  private body(): Identification {
    const doc = (d: DocumentDraft) => ({
      type: d.type as DocumentType,
      numberLast4: d.numberLast4.trim().toUpperCase(),
      expiryChecked: d.expiryChecked,
    });
    return {
      document: doc(this.citizenDoc),
      faceMatches: this.faceMatches,
      ...(this.entry.assistedBy !== undefined && {
        assistant: {
          name: this.assistantName.trim(),
          document: doc(this.assistantDoc),
          consentConfirmed: this.consent,
        },
      }),
      ...(this.web && { admissionCodeChecked: this.admissionCodeChecked }),
    };
  }

  /** A message about a field the official is now changing is no longer true. */
  private clearError() {
    this.error = '';
  }

  private async submit(event: Event) {
    event.preventDefault();
    this.error = this.problem();
    if (this.error) return;
    this.busy = true;
    try {
      const call = await recordIdentification(this.callId, this.body());
      this.savedAt = call.identification?.recordedAt ?? new Date().toISOString();
      emit(this, 'console-identification-recorded', call);
    } catch (error) {
      this.error =
        error instanceof ApiProblem && error.status === 400
          ? msg('Controlla i dati del documento: il server non li ha accettati.')
          : problemText(error);
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'identification-form': IdentificationForm;
  }
}
