/**
 * The display boards of a sede, as a technician registers them: the list, a new board whose address (with
 * its key) is shown once as text and QR for the office TV, and deleting one, which switches that TV off the
 * queue at once.
 */
import { localized, msg, str } from '@lit/localize';
import type { Board, CatalogResponse, StaffUser } from '@sportello/protocol';
import qrcode from 'qrcode-generator';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { formStyles } from '../../components/form-styles.ts';
import { tableStyles } from '../../components/table-styles.ts';
import { createBoard, deleteBoard, fetchBoards, type CreatedBoard } from '../../data/boards.ts';
import { problemText } from '../../i18n/labels.ts';
import { formatDay, formatTime, romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';

const MAX_NAME = 60;

@customElement('boards-screen')
@localized()
export class BoardsScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      main {
        padding: var(--sp-gap) calc(var(--sp-gap) * 2);
        max-width: 64em;
      }
      .top {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: calc(var(--sp-gap) * 1.5);
        align-items: start;
        margin-bottom: var(--sp-gap);
      }
      form .actions {
        margin-top: 0;
      }
      .created {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--sp-gap);
        align-items: start;
        border: 2px solid var(--sp-success);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        margin-bottom: var(--sp-gap);
      }
      .created h2 {
        color: var(--sp-success);
      }
      .qr {
        width: 11em;
        margin: 0;
      }
      .qr svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .url {
        font-family: ui-monospace, monospace;
        word-break: break-all;
        background: var(--sp-surface);
        padding: 0.4em 0.6em;
        border-radius: var(--sp-radius);
      }
      td.act {
        text-align: right;
        white-space: nowrap;
      }
      td.act button {
        min-height: 40px;
      }
      .confirm {
        display: inline-flex;
        gap: 0.5em;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) user!: StaffUser;
  @property({ attribute: false }) catalog?: CatalogResponse;

  @state() private sede = '';
  @state() private boards?: Board[];
  @state() private name = '';
  @state() private created?: CreatedBoard;
  @state() private confirming = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private told = '';
  @query('h1') private heading!: HTMLElement;
  @query('.created h2') private createdHeading?: HTMLElement;

  override connectedCallback(): void {
    super.connectedCallback();
    this.sede = this.user.sede ?? '';
    if (this.sede) void this.load();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A technician without a sede starts on the first one the catalog lists.
    if (changed.has('catalog') && !this.sede && this.catalog?.sedi[0]) {
      this.sede = this.catalog.sedi[0].id;
      void this.load();
    }
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async load() {
    const sede = this.sede;
    try {
      const boards = await fetchBoards(sede);
      if (sede === this.sede) this.boards = boards;
    } catch (error) {
      this.error = problemText(error);
    }
  }

  private chooseSede(event: Event) {
    this.sede = (event.target as HTMLSelectElement).value;
    this.boards = undefined;
    this.created = undefined;
    this.confirming = '';
    this.error = '';
    this.told = '';
    void this.load();
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const name = this.name.trim();
    if (!name) {
      this.error = msg('Scrivi un nome per il tabellone, ad esempio «Sala d’attesa piano terra».');
      return;
    }
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      this.created = await createBoard(this.sede, name);
      this.name = '';
      await this.load();
      await this.updateComplete;
      this.createdHeading?.focus();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  private async removeBoard(board: Board) {
    this.busy = true;
    this.error = '';
    this.told = '';
    try {
      await deleteBoard(board.id);
      this.confirming = '';
      if (this.created?.board.id === board.id) this.created = undefined;
      this.told = msg(str`Tabellone «${board.name}» eliminato: quel televisore non mostra più la coda.`);
      await this.load();
      this.heading.focus();
    } catch (error) {
      this.error = problemText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const sedi = this.catalog?.sedi ?? [];
    return html`<main>
      <h1 tabindex="-1">${msg('Tabelloni della sede')}</h1>
      <p class="muted">
        ${msg('Il tabellone è il televisore della sala d’attesa: mostra i numeri chiamati, li annuncia e indica le attese.')}
      </p>
      <p class="saved" role="status">${this.told || nothing}</p>
      <p class="error" role="alert">${this.error || nothing}</p>
      ${this.created ? this.renderCreated(this.created) : nothing}
      <div class="top">
        <div class="field">
          <label for="sede">${msg('Sede')}</label>
          <select id="sede" .value=${this.sede} @change=${this.chooseSede}>
            ${sedi.map((s) => html`<option value=${s.id} ?selected=${s.id === this.sede}>${s.name}</option>`)}
          </select>
        </div>
        <form novalidate @submit=${this.create}>
          <div class="field">
            <label for="name">${msg('Nome del nuovo tabellone')}</label>
            <input
              id="name"
              maxlength=${MAX_NAME}
              .value=${this.name}
              @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="actions">
            <button type="submit" ?disabled=${this.busy || !this.sede}>${msg('Crea il tabellone')}</button>
          </div>
        </form>
      </div>
      <h2>${msg('Tabelloni registrati')}</h2>
      ${
        !this.boards
          ? html`<p class="muted">${msg('Caricamento dei tabelloni…')}</p>`
          : this.boards.length === 0
            ? html`<p class="muted">${msg('Nessun tabellone registrato per questa sede.')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${msg('Nome')}</th>
                    <th scope="col">${msg('Creato')}</th>
                    <th scope="col">${msg('Da')}</th>
                    <th scope="col">${msg('Azioni')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.boards.map((b) => this.renderRow(b))}
                </tbody>
              </table>`
      }
    </main>`;
  }

  private renderCreated({ board, url }: CreatedBoard) {
    const qr = qrcode(0, 'M');
    qr.addData(url);
    qr.make();
    return html`<section class="created" aria-labelledby="created-heading">
      <figure class="qr" role="img" aria-label=${msg('Codice QR dell’indirizzo del tabellone')}>
        ${unsafeSVG(qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }))}
      </figure>
      <div>
        <h2 id="created-heading" tabindex="-1">${msg(str`Tabellone «${board.name}» creato`)}</h2>
        <p>${msg('Apri questo indirizzo nel browser del televisore, oppure inquadra il codice QR:')}</p>
        <p class="url">${url}</p>
        <p>
          <strong>${msg('Copialo ora: contiene la chiave del tabellone e non verrà più mostrato.')}</strong>
          ${msg('Se lo perdi, elimina il tabellone e creane uno nuovo.')}
        </p>
        <div class="actions">
          <button class="secondary" @click=${() => (this.created = undefined)}>
            ${msg('Fatto, l’ho copiato')}
          </button>
        </div>
      </div>
    </section>`;
  }

  private renderRow(board: Board) {
    const day = romeDate(board.createdAt);
    return html`<tr>
      <td>${board.name}</td>
      <td>${formatDay(day)}, ${formatTime(board.createdAt)}</td>
      <td>${board.createdBy}</td>
      <td class="act">
        ${
          this.confirming === board.id
            ? html`<span class="confirm">
                ${msg('Il televisore smetterà subito di mostrare la coda.')}
                <button class="danger" ?disabled=${this.busy} @click=${() => this.removeBoard(board)}>
                  ${msg(str`Elimina «${board.name}»`)}
                </button>
                <button class="secondary" @click=${() => (this.confirming = '')}>${msg('Annulla')}</button>
              </span>`
            : html`<button
                class="secondary"
                aria-label=${msg(str`Elimina: ${board.name}`)}
                @click=${() => (this.confirming = board.id)}
              >
                ${msg('Elimina')}
              </button>`
        }
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'boards-screen': BoardsScreen;
  }
}
