/**
 * Sign in with username and password. Plain errors; the session lives in an HttpOnly cookie.
 *
 * @event console-signed-in - detail: the StaffUser now signed in.
 */
import { localized, msg } from '@lit/localize';
import type { StaffUser } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import '../../components/password-change-form/password-change-form.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { signIn } from '../../data/auth.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('sign-in-screen')
@localized()
export class SignInScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      main {
        max-width: 28em;
        margin: 8vh auto;
        padding: var(--sp-gap);
        border: 1px solid var(--sp-border);
        border-radius: var(--sp-radius);
        background: var(--sp-surface);
      }
      label {
        display: block;
        font-weight: 600;
        margin: 1em 0 0.3em;
      }
      input {
        font: inherit;
        box-sizing: border-box;
        width: 100%;
        min-height: var(--sp-target);
        padding: 0.3em 0.6em;
        border: 2px solid var(--sp-border);
        border-radius: var(--sp-radius);
        background: var(--sp-bg);
        color: var(--sp-text);
      }
      input:focus-visible {
        outline: 4px solid var(--sp-focus);
        outline-offset: 1px;
      }
      button[type='submit'] {
        width: 100%;
      }
    `,
  ];

  /** A message the app has for the person signing in (e.g. the session ended). */
  @property() notice = '';

  @state() private busy = false;
  @state() private error = '';
  /** A password given by an admin, just typed: the person chooses their own before entering. */
  @state() private changing?: { username: string; password: string };
  @query('#username') private usernameInput!: HTMLInputElement;

  override firstUpdated(): void {
    this.usernameInput.focus();
  }

  override render() {
    const message = this.error || this.notice;
    if (this.changing)
      return html`<main>
        <h1>${msg('Console del personale')}</h1>
        <password-change-form
          .username=${this.changing.username}
          .currentPassword=${this.changing.password}
          @console-password-cancelled=${this.backToSignIn}
        ></password-change-form>
      </main>`;
    return html`<main>
      <h1>${msg('Console del personale')}</h1>
      <p class="muted">${msg('Accedi con le credenziali della tua sede.')}</p>
      <form @submit=${this.submit} novalidate>
        <label for="username">${msg('Nome utente')}</label>
        <input id="username" name="username" autocomplete="username" required autocapitalize="none" />
        <label for="password">${msg('Password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p class="error" role="alert">${message || nothing}</p>
        <button type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Accesso in corso…') : msg('Accedi')}
        </button>
      </form>
    </main>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) {
      this.error = msg('Scrivi il nome utente e la password.');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const user: StaffUser = await signIn(username, password);
      emit(this, 'console-signed-in', user);
    } catch (error) {
      if (error instanceof ApiProblem && error.code === 'password_change_required')
        this.changing = { username, password };
      else this.error = describe(error);
    } finally {
      this.busy = false;
    }
  }

  private async backToSignIn() {
    this.changing = undefined;
    await this.updateComplete;
    this.usernameInput.focus();
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.status === 401) return msg('Nome utente o password non corretti.');
    if (error.code === 'account_disabled')
      return msg(
        'Questo account è disattivato: non puoi accedere. Se pensi che sia un errore, rivolgiti all’amministratore.',
      );
    if (error.status === 429) return msg('Troppi tentativi. Attendi un minuto e riprova.');
    if (error.status === 400) return msg('Scrivi il nome utente e la password.');
    if (error.unreachable) return msg('Il server non risponde. Riprova tra poco.');
  }
  return msg("Non è stato possibile accedere. Riprova; se si ripete, avvisa l'assistenza.");
}

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-screen': SignInScreen;
  }
}
