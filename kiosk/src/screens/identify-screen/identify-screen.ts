/**
 * How the citizen says who they are: card in the reader, Tessera Sanitaria bar code under the scanner
 * (both arrive as device events the app handles; this screen only explains them), or the codice
 * fiscale typed on the on-screen keypad. Also the way to an existing booking, and a note that a
 * municipal clerk or a relative is helping.
 *
 * @event kiosk-identified - detail: Identity `{ codiceFiscale, authMethod: 'typed' }`, once a valid code is typed.
 * @event kiosk-checkin - the citizen already has a booking.
 * @event kiosk-assisted - detail: the helper's name, or undefined when nobody is helping any more.
 */
import { localized, msg, str } from '@lit/localize';
import type { CodiceFiscaleProblem, ReaderState } from '@sportello/protocol';
import { codiceFiscaleProblem, normalizeCodiceFiscale } from '@sportello/protocol/plain';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import '../../components/kiosk-keypad/kiosk-keypad.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import type { Identity } from '../../session/kiosk-session.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { identifyStyles } from './identify-screen.styles.ts';

type Mode = 'ways' | 'code' | 'helper';

const CF_LENGTH = 16;
const HELPER_MAX = 60;

@customElement('kiosk-identify-screen')
@localized()
export class KioskIdentifyScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, pictogramStyles, identifyStyles];

  /** State of the card reader: anything but 'ok' means the card cannot be used now. */
  @property() readerState: ReaderState = 'ok';
  /** Set when a CIE was read without PIN: it names the card, not the person, so the code must be typed. */
  @property() cieNis?: string;

  @state() private mode: Mode = 'ways';
  @state() private code = '';
  @state() private helperName?: string;
  @state() private helperDraft = '';

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('cieNis') && this.cieNis) this.mode = 'code';
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('mode') || changed.get('mode') === undefined) return;
    // Keep keyboard and screen-reader users where the action is.
    const target = this.mode === 'ways' ? `#open-${changed.get('mode')}` : 'input';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  private get problem(): CodiceFiscaleProblem | null {
    return codiceFiscaleProblem(this.code);
  }

  private problemText(problem: CodiceFiscaleProblem): string {
    switch (problem) {
      case 'length':
        return msg('Il codice fiscale ha 16 caratteri.');
      case 'characters':
        return msg('Il codice fiscale ha solo lettere e numeri. Controlla di non aver scritto altri segni.');
      case 'structure':
        return msg(
          'Questo non sembra un codice fiscale. Controlla lettere e numeri sulla tessera sanitaria.',
        );
      case 'date':
        return msg('La data di nascita dentro questo codice non è possibile. Controlla i numeri.');
      case 'check':
        return msg(
          'L’ultima lettera non corrisponde: forse un carattere è sbagliato. Controlla sulla tessera sanitaria.',
        );
    }
  }

  private get texts() {
    return {
      title: msg('Come vuoi farti riconoscere?'),
      lead: msg('Scegli uno di questi tre modi.'),
      card: msg('Inserisci la tessera sanitaria o la carta d’identità elettronica nel lettore'),
      readerOff: msg('Il lettore di tessere ora non funziona. Usa uno degli altri due modi.'),
      barcode: msg('Avvicina il codice a barre della tessera sanitaria al lettore'),
      type: msg('Scrivi il codice fiscale'),
      typeHint: msg('Lo trovi sulla tessera sanitaria: sono 16 lettere e numeri.'),
      cie: msg(
        'Abbiamo letto la tua carta d’identità elettronica. Senza il codice segreto (PIN) la carta dice solo quale carta è, non chi sei. Per continuare scrivi il tuo codice fiscale.',
      ),
      checkin: msg('Ho già una prenotazione'),
      assisted: msg('Mi sta aiutando un operatore del Comune o un familiare'),
      helperTitle: msg('Chi ti sta aiutando?'),
      helperHint: msg('Scrivi nome e cognome della persona che ti aiuta. Lo diremo al funzionario.'),
      helperLabel: msg('Nome e cognome di chi aiuta'),
      back: msg('Indietro'),
      continue: msg('Continua'),
      confirm: msg('Conferma'),
    };
  }

  private get codeStatus(): { text: string; tone: 'neutral' | 'ok' | 'error' } {
    if (this.code.length < CF_LENGTH) {
      const typed = this.code.length;
      return { text: msg(str`Hai scritto ${typed} caratteri su 16.`), tone: 'neutral' };
    }
    const problem = this.problem;
    return problem
      ? { text: this.problemText(problem), tone: 'error' }
      : { text: msg('Il codice fiscale è scritto bene. Tocca «Continua».'), tone: 'ok' };
  }

  /** The screen's words and choices, for reading aloud. */
  speechText(): string[] {
    const t = this.texts;
    if (this.mode === 'code') {
      return [...(this.cieNis ? [t.cie] : []), t.type, t.typeHint, this.codeStatus.text, t.continue, t.back];
    }
    if (this.mode === 'helper') return [t.helperTitle, t.helperHint, t.confirm, t.back];
    return [
      t.title,
      t.lead,
      `1. ${t.card}.`,
      ...(this.readerState === 'ok' ? [] : [t.readerOff]),
      `2. ${t.barcode}.`,
      `3. ${t.type}.`,
      t.checkin,
      t.assisted,
    ];
  }

  private setCode(value: string): void {
    this.code = normalizeCodiceFiscale(value)
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, CF_LENGTH);
  }

  private submitCode(): void {
    if (this.problem) return;
    const identity: Identity = { codiceFiscale: normalizeCodiceFiscale(this.code), authMethod: 'typed' };
    emit(this, 'kiosk-identified', identity);
  }

  private setHelperDraft(value: string): void {
    // Letters of any alphabet, spaces, apostrophes and hyphens: what names are made of.
    this.helperDraft = value
      .replace(/[^\p{L}'’ -]/gu, '')
      .replace(/\s+/g, ' ')
      .slice(0, HELPER_MAX);
  }

  private openHelper(): void {
    this.helperDraft = this.helperName ?? '';
    this.mode = 'helper';
  }

  private confirmHelper(): void {
    const name = this.helperDraft.trim();
    if (name.length < 2) return;
    this.helperName = name;
    emit(this, 'kiosk-assisted', name);
    this.mode = 'ways';
  }

  private toggleAssisted(): void {
    if (this.helperName === undefined) return this.openHelper();
    this.helperName = undefined;
    emit<string | undefined>(this, 'kiosk-assisted', undefined);
  }

  override render() {
    switch (this.mode) {
      case 'code':
        return this.renderCode();
      case 'helper':
        return this.renderHelper();
      default:
        return this.renderWays();
    }
  }

  private renderCieNote() {
    return this.cieNis ? html`<p class="note" role="status">${this.texts.cie}</p>` : nothing;
  }

  private renderWays() {
    const t = this.texts;
    const readerOk = this.readerState === 'ok';
    return html`
      <h1>${t.title}</h1>
      <p class="lead">${t.lead}</p>
      ${this.renderCieNote()}
      <ol class="ways">
        <li class="way ${readerOk ? '' : 'off'}">
          <span class="number" aria-hidden="true">1</span>
          <span class="picture">${pictograms.cardReader()}</span>
          <span class="way-text"
            >${t.card}${readerOk ? nothing : html`<span class="unavailable">${t.readerOff}</span>`}</span
          >
        </li>
        <li class="way">
          <span class="number" aria-hidden="true">2</span>
          <span class="picture">${pictograms.barcode()}</span>
          <span class="way-text">${t.barcode}</span>
        </li>
        <li class="way way-action">
          <button type="button" id="open-code" @click=${() => (this.mode = 'code')}>
            <span class="number" aria-hidden="true">3</span>
            <span class="picture">${pictograms.keyboard()}</span>
            <span class="way-text">${t.type}<span class="hint">${t.typeHint}</span></span>
          </button>
        </li>
      </ol>
      <div class="more">
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-checkin')}>
          <span class="icon">${pictograms.calendar()}</span>${t.checkin}
        </button>
        <button
          type="button"
          class="secondary toggle"
          id="open-helper"
          aria-pressed=${this.helperName !== undefined}
          @click=${() => this.toggleAssisted()}
        >
          <span class="box" aria-hidden="true">${this.helperName !== undefined ? '✓' : ''}</span>${t.assisted}
        </button>
      </div>
      ${
        this.helperName !== undefined
          ? html`<p class="helper-named">
              ${msg(str`Ti aiuta: ${this.helperName}.`)}
              <button type="button" class="secondary small" @click=${() => this.openHelper()}>
                ${msg('Cambia il nome')}
              </button>
            </p>`
          : nothing
      }
    `;
  }

  private renderCode() {
    const t = this.texts;
    const status = this.codeStatus;
    return html`
      <h1>${t.type}</h1>
      ${this.renderCieNote()}
      <div class="typing">
        <div class="field">
          <p>${t.typeHint}</p>
          <label for="code">${msg('Codice fiscale')}</label>
          <input
            id="code"
            class="code"
            .value=${live(this.code)}
            inputmode="none"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength=${CF_LENGTH}
            aria-describedby="code-status"
            aria-invalid=${status.tone === 'error'}
            @input=${(e: InputEvent) => this.setCode((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.submitCode()}
          />
        </div>
        <div class="feedback">
          <p id="code-status" class="status ${status.tone}" aria-live="polite">
            ${status.tone === 'error' ? html`<span aria-hidden="true">⚠ </span>` : nothing}${
              status.tone === 'ok' ? html`<span aria-hidden="true">✓ </span>` : nothing
            }${status.text}
          </p>
          <div class="actions">
            <button type="button" class="secondary" @click=${() => (this.mode = 'ways')}>${t.back}</button>
            <button type="button" ?disabled=${this.problem !== null} @click=${() => this.submitCode()}>
              ${t.continue}
            </button>
          </div>
        </div>
        <kiosk-keypad
          class="keys"
          layout="letters"
          .value=${this.code}
          .maxLength=${CF_LENGTH}
          .label=${msg('Tastiera per il codice fiscale')}
          @kiosk-input=${(e: CustomEvent<string>) => {
            e.stopPropagation();
            this.setCode(e.detail);
          }}
        ></kiosk-keypad>
      </div>
    `;
  }

  private renderHelper() {
    const t = this.texts;
    const ready = this.helperDraft.trim().length >= 2;
    const append = (text: string) => this.setHelperDraft(this.helperDraft + text);
    return html`
      <h1>${t.helperTitle}</h1>
      <div class="typing">
        <div class="field">
          <p>${t.helperHint}</p>
          <label for="helper">${t.helperLabel}</label>
          <input
            id="helper"
            .value=${live(this.helperDraft)}
            inputmode="none"
            autocomplete="off"
            spellcheck="false"
            maxlength=${HELPER_MAX}
            @input=${(e: InputEvent) => this.setHelperDraft((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.confirmHelper()}
          />
        </div>
        <div class="feedback">
          <div class="actions">
            <button type="button" class="secondary" @click=${() => (this.mode = 'ways')}>${t.back}</button>
            <button type="button" ?disabled=${!ready} @click=${() => this.confirmHelper()}>
              ${t.confirm}
            </button>
          </div>
        </div>
        <div class="keys">
          <kiosk-keypad
            layout="letters"
            .value=${this.helperDraft}
            .maxLength=${HELPER_MAX}
            .label=${msg('Tastiera per il nome')}
            @kiosk-input=${(e: CustomEvent<string>) => {
              e.stopPropagation();
              this.setHelperDraft(e.detail);
            }}
          ></kiosk-keypad>
          <div class="extra-keys">
            <button type="button" class="key wide" @click=${() => append(' ')}>${msg('Spazio')}</button>
            <button type="button" class="key" aria-label=${msg('Apostrofo')} @click=${() => append('’')}>
              ’
            </button>
          </div>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-identify-screen': KioskIdentifyScreen;
  }
}
