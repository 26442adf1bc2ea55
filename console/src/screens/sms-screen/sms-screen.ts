/**
 * The SMS outbox for admins: how many messages wait to go out and for how long, and the dead letters (given
 * up after the retries) with their last error, tries, kind, booking and when; each sent again ("Riprova") or
 * given up for good ("Annulla"). Numbers are masked to their last three digits; texts are never shown.
 */
import { localized, msg, str } from '@lit/localize';
import type { OutboxMessageView, OutboxSummary } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { fetchDeadLetters, fetchOutboxSummary, resolveDeadLetter } from '../../data/admin.ts';
import { adminProblemText } from '../../i18n/admin-labels.ts';
import { messageKindText } from '../../i18n/desk-labels.ts';
import { formatTime, getLocale } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

/** The queue's state is read again this often while the screen is open. */
const REFRESH_MS = 10_000;

const when = (iso: string) =>
  `${new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Rome', day: 'numeric', month: 'short' }).format(new Date(iso))} ${formatTime(iso)}`;

/** "3 min", "2 h 5 min", "40 s": how long the oldest message has waited. */
function age(seconds: number): string {
  if (seconds < 60) return msg(str`${seconds} s`);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return msg(str`${minutes} min`);
  return msg(str`${Math.floor(minutes / 60)} h ${minutes % 60} min`);
}

@customElement('sms-screen')
@localized()
export class SmsScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 80em;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: var(--sp-gap);
        margin: 0 0 var(--sp-gap);
      }
      dl div {
        border: 1px solid var(--sp-border);
        border-radius: var(--sp-radius);
        padding: 0.6em 0.9em;
        background: var(--sp-surface);
      }
      dt {
        color: var(--sp-muted);
        font-weight: 600;
      }
      dd {
        margin: 0.2em 0 0;
        font-size: 1.6em;
        font-weight: 700;
      }
      dd.late {
        color: var(--sp-danger);
      }
      td.code,
      td.phone {
        font-family: ui-monospace, monospace;
        white-space: nowrap;
      }
      td.act {
        text-align: right;
        white-space: nowrap;
      }
      td.act button {
        min-height: 40px;
        margin-left: 0.3em;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  @state() private summary?: OutboxSummary;
  @state() private dead?: OutboxMessageView[];
  @state() private busy = false;
  @state() private error = '';
  @state() private told = '';
  @query('h1') private heading!: HTMLElement;
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    try {
      [this.summary, this.dead] = await Promise.all([fetchOutboxSummary(), fetchDeadLetters()]);
    } catch (error) {
      this.error = adminProblemText(error);
    }
  }

  private async resolve(message: OutboxMessageView, action: 'retry' | 'cancel') {
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      await resolveDeadLetter(message.id, action);
      const code = message.bookingCode;
      this.told =
        action === 'retry'
          ? msg(str`SMS della prenotazione ${code} rimesso in coda: parte tra pochi secondi.`)
          : msg(str`SMS della prenotazione ${code} annullato: non verrà più inviato.`);
      await this.load();
      this.heading.focus();
    } catch (error) {
      this.error = adminProblemText(error);
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = this.summary;
    return html`<main>
      <h1 tabindex="-1">${msg('SMS in uscita')}</h1>
      <p class="saved" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${
        s
          ? html`<dl>
              <div>
                <dt>${msg('In coda da inviare ora')}</dt>
                <dd>${s.due}</dd>
              </div>
              <div>
                <dt>${msg('Attesa del più vecchio')}</dt>
                <dd class=${s.oldestDueSeconds >= 300 ? 'late' : ''}>
                  ${s.due === 0 ? '—' : age(s.oldestDueSeconds)}
                </dd>
              </div>
              <div>
                <dt>${msg('Programmati (promemoria)')}</dt>
                <dd>${s.scheduled}</dd>
              </div>
            </dl>`
          : nothing
      }
      <h2>${msg('Non consegnati')}</h2>
      <p class="muted">
        ${msg(
          'SMS che il gestore ha rifiutato anche dopo i nuovi tentativi. «Riprova» li rimette in coda; «Annulla» rinuncia per sempre.',
        )}
      </p>
      ${
        !this.dead
          ? html`<p class="muted">${msg('Caricamento…')}</p>`
          : this.dead.length === 0
            ? html`<p class="empty">${msg('Nessun SMS non consegnato.')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${msg('Quando')}</th>
                    <th scope="col">${msg('Tipo')}</th>
                    <th scope="col">${msg('Prenotazione')}</th>
                    <th scope="col">${msg('Numero')}</th>
                    <th scope="col">${msg('Tentativi')}</th>
                    <th scope="col">${msg('Ultimo errore')}</th>
                    <th scope="col"><span class="visually-hidden">${msg('Azioni')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.dead.map((m) => this.renderRow(m))}
                </tbody>
              </table>`
      }
    </main>`;
  }

  private renderRow(m: OutboxMessageView) {
    const which = html`<span class="visually-hidden"> ${m.bookingCode}</span>`;
    return html`<tr>
      <td>${when(m.finishedAt ?? m.createdAt)}</td>
      <td>${messageKindText(m.kind)}</td>
      <td class="code">${m.bookingCode}</td>
      <td class="phone">${m.to}</td>
      <td>${m.attempts}</td>
      <td>${m.lastError ?? '—'}</td>
      <td class="act">
        <button ?disabled=${this.busy} @click=${() => this.resolve(m, 'retry')}>
          ${msg('Riprova')}${which}
        </button>
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.resolve(m, 'cancel')}>
          ${msg('Annulla')}${which}
        </button>
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sms-screen': SmsScreen;
  }
}
