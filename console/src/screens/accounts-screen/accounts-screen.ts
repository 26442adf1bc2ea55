/**
 * The admin's staff accounts: every account with its roles, sede and state; a new account or a reset
 * password shown once; roles and sede changed; a leaver disabled at once (their open console drops to the
 * sign-in screen), or enabled again.
 */
import { localized, msg, str } from '@lit/localize';
import {
  staffRoles,
  type CatalogResponse,
  type StaffAccountView,
  type StaffAccountsResponse,
  type StaffRole,
  type StaffUser,
} from '@sportello/protocol';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import {
  createAccount,
  disableAccount,
  enableAccount,
  fetchAccounts,
  resetPassword,
  updateAccount,
} from '../../data/admin.ts';
import { adminProblemText, roleText } from '../../i18n/admin-labels.ts';
import { formatDay, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { accountsStyles } from './accounts-screen.styles.ts';

/** The form's fields, for a new account or a change. */
interface Draft {
  username: string;
  name: string;
  roles: StaffRole[];
  sede: string;
  official: string;
  /** Typed by the admin; empty: the server generates one. */
  password: string;
  typePassword: boolean;
}

const emptyDraft = (): Draft => ({
  username: '',
  name: '',
  roles: [],
  sede: '',
  official: '',
  password: '',
  typePassword: false,
});

/** A password to hand over, shown once. */
interface Handover {
  username: string;
  password: string;
  created: boolean;
}

@customElement('accounts-screen')
@localized()
export class AccountsScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, formStyles, tableStyles, accountsStyles];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private data?: StaffAccountsResponse;
  /** The form open: a new account, or the username being changed. */
  @state() private editing?: 'new' | string;
  @state() private draft: Draft = emptyDraft();
  @state() private confirming?: { username: string; action: 'disable' | 'reset' };
  @state() private handover?: Handover;
  @state() private busy = false;
  /** Narrows the list: part of a username, a name, a role or a sede. */
  @state() private search = '';
  @state() private error = '';
  @state() private told = '';
  @query('h1') private heading!: HTMLElement;
  @query('.handover h2') private handoverHeading?: HTMLElement;
  @query('form h2') private formHeading?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    try {
      this.data = await fetchAccounts();
    } catch (error) {
      this.error = adminProblemText(error);
    }
  }

  /** Runs an action with the screen busy; its result is told, its failure shown, the list read again. */
  private async act(work: () => Promise<string>, focus?: () => HTMLElement | undefined) {
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      this.told = await work();
      this.confirming = undefined;
      await this.load();
      await this.updateComplete;
      (focus?.() ?? this.heading).focus();
    } catch (error) {
      this.error = adminProblemText(error);
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  private async openForm(account?: StaffAccountView) {
    this.handover = undefined;
    this.confirming = undefined;
    this.error = '';
    this.told = '';
    this.editing = account?.username ?? 'new';
    this.draft = account
      ? {
          ...emptyDraft(),
          username: account.username,
          name: account.name,
          roles: [...account.roles],
          sede: account.sede ?? '',
          official: account.official ?? '',
        }
      : emptyDraft();
    await this.updateComplete;
    this.formHeading?.focus();
  }

  private closeForm() {
    this.editing = undefined;
    this.heading.focus();
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    const d = this.draft;
    const editing = this.editing;
    if (!editing) return;
    if (d.roles.length === 0) {
      this.error = msg('Scegli almeno un ruolo.');
      return;
    }
    const official = d.roles.includes('official') && d.official ? d.official : undefined;
    if (editing === 'new') {
      void this.act(
        async () => {
          const reply = await createAccount({
            username: d.username.trim().toLowerCase(),
            name: d.name.trim(),
            roles: d.roles,
            ...(d.sede && { sede: d.sede }),
            ...(official && { official }),
            ...(d.typePassword && { password: d.password }),
          });
          this.editing = undefined;
          this.handover = reply.password
            ? { username: reply.account.username, password: reply.password, created: true }
            : undefined;
          return msg(
            str`Account «${reply.account.username}» creato. Al primo accesso la persona sceglierà la sua password.`,
          );
        },
        () => this.handoverHeading,
      );
      return;
    }
    void this.act(async () => {
      const reply = await updateAccount(editing, {
        name: d.name.trim(),
        roles: d.roles,
        sede: d.sede || null,
        official: official ?? null,
      });
      this.editing = undefined;
      return reply.sessionsEnded > 0
        ? msg(str`Account «${editing}» modificato. La persona deve accedere di nuovo con i nuovi ruoli.`)
        : msg(str`Account «${editing}» modificato.`);
    });
  }

  private disable(username: string) {
    void this.act(async () => {
      const reply = await disableAccount(username);
      return reply.sessionsEnded > 0
        ? msg(str`Account «${username}» disattivato: la sua sessione aperta è stata chiusa subito.`)
        : msg(str`Account «${username}» disattivato.`);
    });
  }

  private enable(username: string) {
    void this.act(async () => {
      await enableAccount(username);
      return msg(str`Account «${username}» riattivato: la persona può accedere di nuovo.`);
    });
  }

  private reset(username: string) {
    void this.act(
      async () => {
        const reply = await resetPassword(username);
        this.handover = { username, password: reply.password!, created: false };
        return msg(str`Password di «${username}» reimpostata.`);
      },
      () => this.handoverHeading,
    );
  }

  override render() {
    return html`<main>
      <div class="title">
        <h1 tabindex="-1">${msg('Account del personale')}</h1>
        <button ?disabled=${this.busy || this.editing === 'new'} @click=${() => this.openForm()}>
          ${msg('Nuovo account')}
        </button>
      </div>
      <p class="muted">
        ${msg(
          'Chi lascia il servizio va disattivato subito: non può più accedere e la sua console aperta si chiude.',
        )}
      </p>
      <p class="saved" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${this.handover ? this.renderHandover(this.handover) : nothing}
      ${this.editing ? this.renderForm(this.editing) : nothing}
      <div class="field search">
        <label for="search">${msg('Cerca un account')}</label>
        <input
          id="search"
          type="search"
          autocomplete="off"
          .value=${this.search}
          @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
        />
      </div>
      ${
        !this.data
          ? html`<p class="muted">${msg('Caricamento degli account…')}</p>`
          : html`<table>
              <caption class="visually-hidden">
                ${msg('Account del personale')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Nome utente')}</th>
                  <th scope="col">${msg('Nome')}</th>
                  <th scope="col">${msg('Ruoli')}</th>
                  <th scope="col">${msg('Sede')}</th>
                  <th scope="col">${msg('Stato')}</th>
                  <th scope="col"><span class="visually-hidden">${msg('Azioni')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.shown(this.data.accounts).map((a) => this.renderRow(a))}
              </tbody>
            </table>`
      }
    </main>`;
  }

  /** The accounts whose username, name, roles or sede hold every word searched. */
  private shown(accounts: StaffAccountView[]): StaffAccountView[] {
    const words = this.search.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return accounts;
    return accounts.filter((a) => {
      const text = [a.username, a.name, ...a.roles.map(roleText), this.sedeName(a.sede)]
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  private sedeName(id: string | undefined): string {
    if (!id) return '—';
    return this.catalog?.sedi.find((s) => s.id === id)?.name ?? id;
  }

  private renderRow(a: StaffAccountView) {
    const self = a.username === this.user.username;
    const confirming = this.confirming?.username === a.username ? this.confirming.action : undefined;
    const state = a.disabledAt
      ? html`<span class="off">${msg(str`Disattivato dal ${formatDay(romeDate(a.disabledAt))}`)}</span>`
      : a.mustChangePassword
        ? msg('Attivo · deve scegliere la password')
        : msg('Attivo');
    const who = html`<span class="visually-hidden"> ${a.username}</span>`;
    return html`<tr class=${a.disabledAt ? 'disabled' : ''}>
      <th scope="row" class="username">${a.username}</th>
      <td>${a.name}</td>
      <td>${a.roles.map(roleText).join(', ')}</td>
      <td>${this.sedeName(a.sede)}</td>
      <td>${state}</td>
      <td class="act">
        ${
          confirming
            ? html`<span class="confirm" role="group" aria-label=${msg('Conferma')}>
                <span
                  >${
                    confirming === 'disable'
                      ? msg(str`Disattivare «${a.username}»? La sua sessione si chiude subito.`)
                      : msg(str`Dare a «${a.username}» una nuova password? La sua sessione si chiude.`)
                  }</span
                >
                <button
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => (confirming === 'disable' ? this.disable(a.username) : this.reset(a.username))}
                >
                  ${confirming === 'disable' ? msg('Sì, disattiva') : msg('Sì, reimposta')}
                </button>
                <button
                  class="secondary"
                  ?disabled=${this.busy}
                  @click=${() => (this.confirming = undefined)}
                >
                  ${msg('Annulla')}
                </button>
              </span>`
            : html`<button class="secondary" ?disabled=${this.busy} @click=${() => this.openForm(a)}>
                  ${msg('Modifica')}${who}
                </button>
                ${
                  a.disabledAt
                    ? html`<button
                        class="secondary"
                        ?disabled=${this.busy}
                        @click=${() => this.enable(a.username)}
                      >
                        ${msg('Riattiva')}${who}
                      </button>`
                    : html`<button
                          class="secondary"
                          ?disabled=${this.busy}
                          @click=${() => (this.confirming = { username: a.username, action: 'reset' })}
                        >
                          ${msg('Nuova password')}${who}
                        </button>
                        <button
                          class="danger"
                          ?disabled=${this.busy || self}
                          title=${self ? msg('Non puoi disattivare il tuo account') : nothing}
                          @click=${() => (this.confirming = { username: a.username, action: 'disable' })}
                        >
                          ${msg('Disattiva')}${who}
                        </button>`
                }`
        }
      </td>
    </tr>`;
  }

  private renderHandover({ username, password, created }: Handover) {
    return html`<section class="handover" aria-labelledby="handover-heading">
      <h2 id="handover-heading" tabindex="-1">
        ${created ? msg(str`Password iniziale di «${username}»`) : msg(str`Nuova password di «${username}»`)}
      </h2>
      <p>${msg('Password:')} <code class="password">${password}</code></p>
      <p>
        <strong>${msg('Comunicala ora alla persona: non verrà più mostrata.')}</strong>
        ${msg('Al primo accesso dovrà sceglierne una sua.')}
      </p>
      <button class="secondary" @click=${() => (this.handover = undefined)}>${msg('Fatto, nascondi')}</button>
    </section>`;
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft, [key]: value };
  }

  private toggleRole(role: StaffRole, on: boolean) {
    const roles = on ? [...this.draft.roles, role] : this.draft.roles.filter((r) => r !== role);
    this.set(
      'roles',
      staffRoles.filter((r) => roles.includes(r)),
    );
  }

  private renderForm(editing: string) {
    const d = this.draft;
    const isNew = editing === 'new';
    const sedi = this.catalog?.sedi ?? [];
    const officials = (this.data?.officials ?? []).filter((o) => !d.sede || o.sede === d.sede);
    const input = (key: 'username' | 'name' | 'password') => (e: Event) =>
      this.set(key, (e.target as HTMLInputElement).value);
    return html`<form class="account-form" novalidate @submit=${this.save}>
      <h2 tabindex="-1">${isNew ? msg('Nuovo account') : msg(str`Modifica «${editing}»`)}</h2>
      <div class="row">
        ${
          isNew
            ? html`<div class="field">
                <label for="username">${msg('Nome utente')}</label>
                <input
                  id="username"
                  autocomplete="off"
                  autocapitalize="none"
                  spellcheck="false"
                  maxlength="40"
                  .value=${d.username}
                  @input=${input('username')}
                />
                <span class="hint"
                  >${msg('Ad esempio nome.cognome: lettere minuscole, cifre, punto, trattino.')}</span
                >
              </div>`
            : nothing
        }
        <div class="field">
          <label for="name">${msg('Nome e cognome')}</label>
          <input id="name" autocomplete="off" maxlength="80" .value=${d.name} @input=${input('name')} />
        </div>
      </div>
      <fieldset>
        <legend>${msg('Ruoli')}</legend>
        <div class="roles">
          ${staffRoles.map(
            (role) =>
              html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${d.roles.includes(role)}
                  @change=${(e: Event) => this.toggleRole(role, (e.target as HTMLInputElement).checked)}
                />${roleText(role)}</label
              >`,
          )}
        </div>
      </fieldset>
      <div class="row">
        <div class="field">
          <label for="sede">${msg('Sede')}</label>
          <select id="sede" @change=${(e: Event) => this.set('sede', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!d.sede}>${msg('Nessuna (tutte le sedi)')}</option>
            ${sedi.map((s) => html`<option value=${s.id} ?selected=${s.id === d.sede}>${s.name}</option>`)}
          </select>
        </div>
        ${
          d.roles.includes('official')
            ? html`<div class="field">
                <label for="official">${msg('Agenda del funzionario')}</label>
                <select
                  id="official"
                  @change=${(e: Event) => this.set('official', (e.target as HTMLSelectElement).value)}
                >
                  <option value="" ?selected=${!d.official}>${msg('Scegli…')}</option>
                  ${officials.map(
                    (o) =>
                      html`<option value=${o.id} ?selected=${o.id === d.official}>
                        ${o.name} (${this.sedeName(o.sede)})
                      </option>`,
                  )}
                </select>
              </div>`
            : nothing
        }
      </div>
      ${
        isNew
          ? html`<fieldset>
              <legend>${msg('Password iniziale')}</legend>
              <label class="check"
                ><input
                  type="radio"
                  name="password-choice"
                  .checked=${!d.typePassword}
                  @change=${() => this.set('typePassword', false)}
                />${msg('Generala e mostrala una volta sola')}</label
              >
              <label class="check"
                ><input
                  type="radio"
                  name="password-choice"
                  .checked=${d.typePassword}
                  @change=${() => this.set('typePassword', true)}
                />${msg('La scrivo io')}</label
              >
              ${
                d.typePassword
                  ? html`<div class="field">
                      <label for="password">${msg('Password (almeno 12 caratteri)')}</label>
                      <input
                        id="password"
                        type="password"
                        autocomplete="new-password"
                        .value=${d.password}
                        @input=${input('password')}
                      />
                    </div>`
                  : nothing
              }
            </fieldset>`
          : html`<p class="hint">${msg('Se cambi ruoli o sede, la persona dovrà accedere di nuovo.')}</p>`
      }
      <div class="actions">
        <button type="submit" ?disabled=${this.busy}>
          ${isNew ? msg('Crea l’account') : msg('Salva le modifiche')}
        </button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.closeForm}>
          ${msg('Annulla')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accounts-screen': AccountsScreen;
  }
}
