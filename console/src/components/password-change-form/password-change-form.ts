/**
 * Choosing one's own password at sign-in, after an admin gave a new account or reset its password: the new
 * one twice, checked here for length and match before the server checks it again; then the person is signed in.
 *
 * @event console-signed-in - detail: the StaffUser now signed in with the new password.
 * @event console-password-cancelled - back to the sign-in form.
 */
import { localized, msg } from '@lit/localize';
import type { StaffUser } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import { formStyles } from '../form-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { changePassword } from '../../data/auth.ts';
import { adminProblemText } from '../../i18n/admin-labels.ts';
import { screenStyles } from '../../theme/tokens.ts';

const MIN_LENGTH = 12;

@customElement('password-change-form')
@localized()
export class PasswordChangeForm extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin-top: 0;
      }
      button[type='submit'] {
        width: 100%;
      }
    `,
  ];

  /** Who is signing in. */
  @property() username = '';
  /** The password the admin gave, just typed: it proves who is choosing the new one. */
  @property({ attribute: false }) currentPassword = '';

  @state() private busy = false;
  @state() private error = '';
  @query('#new-password') private newInput!: HTMLInputElement;

  override firstUpdated(): void {
    this.newInput.focus();
  }

  override render() {
    return html`<h2>${msg('Scegli la tua password')}</h2>
      <p>
        ${msg(
          'La password che hai ricevuto è stata data da un amministratore: per entrare scegline una tua, che conosci solo tu.',
        )}
      </p>
      <form novalidate @submit=${this.submit}>
        <div class="field">
          <label for="new-password">${msg('Nuova password')}</label>
          <input id="new-password" name="new-password" type="password" autocomplete="new-password" required />
          <span class="hint">${msg('Almeno 12 caratteri; una frase di più parole va benissimo.')}</span>
        </div>
        <div class="field">
          <label for="repeat-password">${msg('Ripeti la nuova password')}</label>
          <input
            id="repeat-password"
            name="repeat-password"
            type="password"
            autocomplete="new-password"
            required
          />
        </div>
        <p class="error" role="alert">${this.error || nothing}</p>
        <button type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Salvataggio…') : msg('Salva ed entra')}
        </button>
        <div class="actions">
          <button type="button" class="secondary" @click=${() => emit(this, 'console-password-cancelled')}>
            ${msg('Torna all’accesso')}
          </button>
        </div>
      </form>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const next = String(form.get('new-password') ?? '');
    const repeat = String(form.get('repeat-password') ?? '');
    if (next.length < MIN_LENGTH) {
      this.error = msg('La nuova password deve avere almeno 12 caratteri.');
      return;
    }
    if (next === this.currentPassword) {
      this.error = msg('La nuova password deve essere diversa da quella ricevuta.');
      return;
    }
    if (next.toLowerCase().includes(this.username.toLowerCase())) {
      this.error = msg('La nuova password non deve contenere il tuo nome utente.');
      return;
    }
    if (next !== repeat) {
      this.error = msg('Le due password non sono uguali: scrivile di nuovo.');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const user: StaffUser = await changePassword(this.username, this.currentPassword, next);
      emit(this, 'console-signed-in', user);
    } catch (error) {
      this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 401)
      return msg('La password ricevuta non è più valida: torna all’accesso e riprova.');
    if (error.code === 'account_disabled')
      return msg('Questo account è disattivato: rivolgiti all’amministratore.');
    if (error.fields?.[0]?.path === 'newPassword')
      return msg(
        'Questa password non va bene: almeno 12 caratteri, senza spazi all’inizio o alla fine, diversa da quella ricevuta e senza il tuo nome utente.',
      );
  }
  return adminProblemText(error);
}

declare global {
  interface HTMLElementTagNameMap {
    'password-change-form': PasswordChangeForm;
  }
}
