/**
 * The door of the web meeting: the booking code (from the SMS link, or typed) and the 6-digit admission
 * code from the SMS. Every refusal is told in plain words; before the room opens it retries by itself.
 *
 * @event meeting-admitted - detail: the admitted Meeting (the server has set the meeting cookie).
 * @event meeting-test-devices - the citizen wants to try camera, microphone and speaker now.
 */
import { localized, msg, str } from '@lit/localize';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { admitProblemOf, type AdmitProblem } from '../../admission/admit-problem.ts';
import { admissionDigits, groupBookingCode, normaliseBookingCode } from '../../admission/booking-code.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { contactCentre } from '../../components/contact-centre.ts';
import { emit } from '../../components/emit.ts';
import { formStyles } from '../../components/form-styles.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { admitMeeting } from '../../data/meeting.ts';
import { formatTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** Retry a room not open yet at its opening, but never sooner than this nor later than a minute. */
const RETRY_MIN_MS = 10_000;
const RETRY_MAX_MS = 60_000;

@customElement('meeting-admission-screen')
@localized()
export class AdmissionScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    noticeStyles,
    css`
      .booking {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 0.6em;
        margin: 0 0 var(--sp-gap);
      }
      .booking strong {
        font-size: 1.25em;
        letter-spacing: 0.08em;
      }
      .countdown {
        font-weight: 600;
      }
    `,
  ];

  /** The booking code of the SMS link, when it had a valid one. */
  @property() bookingCode?: string;

  @state() private editingCode = false;
  @state() private codeText = '';
  @state() private admission = '';
  @state() private busy = false;
  @state() private problem?: AdmitProblem;
  @state() private now = Date.now();
  @query('h1') private heading!: HTMLElement;
  @query('#admission') private admissionInput?: HTMLInputElement;
  @query('#code') private codeInput?: HTMLInputElement;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private clockTimer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.clockTimer = setInterval(() => (this.now = Date.now()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.retryTimer);
    clearInterval(this.clockTimer);
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private get askCode(): boolean {
    return this.editingCode || !this.bookingCode;
  }

  override render() {
    const problem = this.problem;
    return html`<div class="column">
      <h1 tabindex="-1">${msg('Entra nel videoappuntamento')}</h1>
      <p>${msg('Scrivi il codice di ammissione di 6 cifre che hai ricevuto per SMS con la prenotazione.')}</p>
      <form novalidate @submit=${this.submit}>
        ${this.askCode ? this.renderCodeField() : this.renderCode()}
        <div class="field">
          <label for="admission">${msg('Codice di ammissione')}</label>
          <span class="hint" id="admission-hint">${msg("6 cifre, nell'SMS della prenotazione")}</span>
          <input
            id="admission"
            name="admission"
            dir="ltr"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength="7"
            aria-describedby="admission-hint"
            aria-invalid=${problem?.kind === 'wrong-code' || this.invalidField() === 'admissionCode' ? 'true' : 'false'}
            .value=${this.admission}
            @input=${(e: InputEvent) => {
              const input = e.target as HTMLInputElement;
              this.admission = admissionDigits(input.value);
              input.value = this.admission;
            }}
          />
        </div>
        <div role="alert">${problem ? this.renderProblem(problem) : nothing}</div>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>
            ${this.busy ? msg('Controllo in corso…') : msg('Entra')}
          </button>
        </div>
      </form>
      <div class="notice try">
        <p>
          ${msg("Puoi provare subito videocamera, microfono e altoparlante, anche prima che la sala d'attesa apra.")}
        </p>
        <button type="button" class="secondary" @click=${() => emit(this, 'meeting-test-devices')}>
          ${msg('Prova videocamera, microfono e altoparlante')}
        </button>
      </div>
    </div>`;
  }

  private renderCode() {
    return html`<p class="booking">
      <span>${msg('Codice prenotazione')}</span>
      <strong dir="ltr">${groupBookingCode(this.bookingCode!)}</strong>
      <button type="button" class="link" @click=${this.editCode}>${msg('Cambia')}</button>
    </p>`;
  }

  private renderCodeField() {
    return html`<div class="field">
      <label for="code">${msg('Codice prenotazione')}</label>
      <span class="hint" id="code-hint">${msg("8 lettere e cifre, nell'SMS della prenotazione")}</span>
      <input
        id="code"
        name="code"
        dir="ltr"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength="12"
        aria-describedby="code-hint"
        aria-invalid=${this.invalidField() === 'code' || this.problem?.kind === 'unknown-booking' ? 'true' : 'false'}
        .value=${this.codeText}
        @input=${(e: InputEvent) => (this.codeText = (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private invalidField() {
    return this.problem?.kind === 'invalid' ? this.problem.field : undefined;
  }

  private renderProblem(problem: AdmitProblem): TemplateResult {
    const notice = (body: TemplateResult, kind = 'error') => html`<div class="notice ${kind}">${body}</div>`;
    switch (problem.kind) {
      case 'wrong-code':
        return notice(
          html`<p>
              <strong>${msg('Il codice di ammissione non è giusto.')}</strong>
              ${msg("Controlla l'SMS e scrivilo di nuovo.")}
            </p>
            ${
              problem.attemptsLeft === undefined
                ? nothing
                : html`<p>
                    ${
                      problem.attemptsLeft === 1
                        ? msg('Puoi riprovare ancora una volta.')
                        : msg(str`Puoi riprovare ancora ${problem.attemptsLeft} volte.`)
                    }
                  </p>`
            }`,
        );
      case 'locked':
        return notice(
          html`<p>
              <strong>${msg('Hai scritto un codice sbagliato troppe volte.')}</strong> ${
                problem.until
                  ? msg(str`Per sicurezza puoi riprovare dalle ${formatTime(problem.until)}.`)
                  : msg('Per sicurezza puoi riprovare tra 15 minuti.')
              }
            </p>
            <p>${msg("Se non trovi l'SMS con il codice, chiama il Contact Center.")}</p>
            ${contactCentre()}`,
        );
      case 'slow-down':
        return notice(
          html`<p>
            <strong>${msg('Troppi tentativi in poco tempo.')}</strong>
            ${msg('Aspetta un minuto e riprova.')}
          </p>`,
        );
      case 'not-open':
        return notice(this.renderNotOpen(problem.opensAt), 'info');
      case 'over':
        return notice(
          html`<p>
              <strong>${msg('Questo appuntamento è già finito.')}</strong>
              ${msg('Se hai ancora bisogno, prenota un nuovo appuntamento o chiama il Contact Center.')}
            </p>
            ${contactCentre()}`,
        );
      case 'cancelled':
        return notice(
          html`<p>
              <strong>${msg('Questo appuntamento è stato annullato.')}</strong>
              ${msg('Se hai ancora bisogno, prenota un nuovo appuntamento o chiama il Contact Center.')}
            </p>
            ${contactCentre()}`,
        );
      case 'not-web-meeting':
        return notice(
          html`<p>
            <strong>${msg('Questa prenotazione non è un videoappuntamento.')}</strong>
            ${msg("Controlla nell'SMS se l'appuntamento è in sede o per telefono.")}
          </p>`,
        );
      case 'unknown-booking':
        return notice(
          html`<p>
            <strong>${msg('Non troviamo una prenotazione con questo codice.')}</strong>
            ${msg("Controlla il codice prenotazione nell'SMS: 8 lettere e cifre.")}
          </p>`,
        );
      case 'invalid':
        return notice(
          html`<p>
            ${
              problem.field === 'code'
                ? msg("Il codice prenotazione ha 8 lettere e cifre, come nell'SMS.")
                : msg("Il codice di ammissione ha 6 cifre, come nell'SMS.")
            }
          </p>`,
        );
      case 'unreachable':
        return notice(
          html`<p>
            <strong>${msg('Il servizio non risponde.')}</strong>
            ${msg('Controlla di essere collegato a internet e riprova tra poco.')}
          </p>`,
        );
      case 'other':
        return notice(html`<p>${msg('Qualcosa non ha funzionato. Riprova tra poco.')}</p>`);
    }
  }

  private renderNotOpen(opensAt?: string) {
    const minutes = opensAt ? Math.ceil((Date.parse(opensAt) - this.now) / 60_000) : undefined;
    // A countdown only when this device's clock agrees the opening is near; otherwise the time alone.
    const countdown =
      minutes !== undefined && minutes > 0 && minutes <= 24 * 60
        ? minutes === 1
          ? msg('Manca circa un minuto.')
          : msg(str`Mancano circa ${minutes} minuti.`)
        : undefined;
    return html`<p>
        <strong>${msg("La sala d'attesa non è ancora aperta.")}</strong>
        ${
          opensAt
            ? msg(str`Apre alle ${formatTime(opensAt)}, 15 minuti prima dell'appuntamento.`)
            : msg("Apre 15 minuti prima dell'appuntamento.")
        }
      </p>
      ${countdown ? html`<p class="countdown">${countdown}</p>` : nothing}
      <p>${msg('Tieni aperta questa pagina: riproviamo noi a entrare.')}</p>
      <button type="button" class="secondary" @click=${() => void this.admit()}>
        ${msg('Riprova ora')}
      </button>`;
  }

  private editCode() {
    this.editingCode = true;
    this.codeText = this.bookingCode ? groupBookingCode(this.bookingCode) : '';
    void this.updateComplete.then(() => this.codeInput?.focus());
  }

  private submit(event: Event) {
    event.preventDefault();
    void this.admit();
  }

  private async admit() {
    clearTimeout(this.retryTimer);
    const code = this.askCode ? normaliseBookingCode(this.codeText) : this.bookingCode;
    if (!code) {
      this.problem = { kind: 'invalid', field: 'code' };
      this.codeInput?.focus();
      return;
    }
    if (this.admission.length !== 6) {
      this.problem = { kind: 'invalid', field: 'admissionCode' };
      this.admissionInput?.focus();
      return;
    }
    this.busy = true;
    try {
      const meeting = await admitMeeting({ code, admissionCode: this.admission });
      this.problem = undefined;
      emit(this, 'meeting-admitted', meeting);
    } catch (error) {
      this.problem = error instanceof ApiProblem ? admitProblemOf(error) : { kind: 'other' };
      this.now = Date.now();
      this.afterProblem(this.problem);
    } finally {
      this.busy = false;
    }
  }

  private afterProblem(problem: AdmitProblem) {
    if (problem.kind === 'not-open') {
      const wait = problem.opensAt ? Date.parse(problem.opensAt) - Date.now() : RETRY_MAX_MS;
      this.retryTimer = setTimeout(
        () => void this.admit(),
        Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, wait)),
      );
    } else if (
      problem.kind === 'wrong-code' ||
      (problem.kind === 'invalid' && problem.field === 'admissionCode')
    ) {
      this.admissionInput?.select();
      this.admissionInput?.focus();
    } else if (
      problem.kind === 'unknown-booking' ||
      (problem.kind === 'invalid' && problem.field === 'code')
    ) {
      if (!this.askCode) this.editCode();
      else this.codeInput?.focus();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-admission-screen': AdmissionScreen;
  }
}
