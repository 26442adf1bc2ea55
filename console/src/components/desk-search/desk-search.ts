/**
 * The citizen's codice fiscale, checked as the kiosk checks it before the server is asked: a mistyped
 * character is told at once and in plain words, and never becomes an audited look-up.
 *
 * @event console-desk-search - detail: { codiceFiscale } normalised (upper case, no spaces).
 */
import { localized, msg } from '@lit/localize';
import { codiceFiscaleProblem, normalizeCodiceFiscale } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { codiceFiscaleText } from '../../i18n/desk-labels.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';

@customElement('desk-search')
@localized()
export class DeskSearch extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      .line {
        display: flex;
        gap: 0.6em;
        align-items: flex-end;
      }
      .line .field {
        flex: 0 1 22em;
        margin: 0;
      }
      input {
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      .error {
        margin: 0.4em 0 0;
        min-height: 1.45em;
      }
    `,
  ];

  /** A look-up is under way: the button waits. */
  @property({ type: Boolean }) busy = false;

  @state() private code = '';
  @state() private error = '';
  @query('input') private input!: HTMLInputElement;

  override focus(): void {
    this.input?.focus();
  }

  override render() {
    return html`<form role="search" aria-label=${msg('Cerca un cittadino')} novalidate @submit=${this.submit}>
      <div class="line">
        <div class="field">
          <label for="cf">${msg('Codice fiscale del cittadino')}</label>
          <input
            id="cf"
            autocomplete="off"
            spellcheck="false"
            maxlength="24"
            aria-describedby="cf-error"
            aria-invalid=${this.error ? 'true' : 'false'}
            .value=${this.code}
            @input=${(e: Event) => {
              this.code = (e.target as HTMLInputElement).value;
              this.error = '';
            }}
          />
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('Cerca')}</button>
      </div>
      <p id="cf-error" class="error" role="alert">${this.error}</p>
    </form>`;
  }

  private submit(event: Event) {
    event.preventDefault();
    const codiceFiscale = normalizeCodiceFiscale(this.code);
    const problem = codiceFiscaleProblem(codiceFiscale);
    if (problem) {
      this.error = codiceFiscaleText(problem);
      this.input.focus();
      return;
    }
    emit(this, 'console-desk-search', { codiceFiscale });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'desk-search': DeskSearch;
  }
}
