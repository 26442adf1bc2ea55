/**
 * Camera, microphone and speaker check: a live self-view, a level meter and a test sound. A refusal or a
 * missing device is explained with what to do, and "Riprova"; without a camera the citizen is told how else
 * to be served. As a `trial` it runs before the room opens (from the admission screen): the results in
 * plain words, nothing handed over, back to the admission.
 *
 * @event meeting-devices-ready - detail: the open MediaStream, handed over to the app (which stops it).
 * @event meeting-no-camera - the citizen cannot use a camera.
 * @event meeting-trial-done - the trial is over (its camera is off).
 */
import { localized, msg } from '@lit/localize';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import '../../components/mic-meter/mic-meter.ts';
import '../../components/self-view/self-view.ts';
import '../../components/speaker-test/speaker-test.ts';
import { MediaUnavailable, openLocalMedia, stopMedia, type MediaProblem } from '../../media/local-media.ts';
import { screenStyles } from '../../theme/tokens.ts';

@customElement('meeting-device-check-screen')
@localized()
export class DeviceCheckScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    css`
      .check {
        display: grid;
        gap: var(--sp-gap);
      }
      meeting-self-view {
        aspect-ratio: 4 / 3;
        width: 100%;
        max-width: 560px;
      }
      @media (min-width: 900px) {
        .check {
          grid-template-columns: minmax(0, 560px) minmax(0, 1fr);
          align-items: start;
        }
      }
      ol {
        margin: 0 0 0.75em;
        padding-inline-start: 1.2em;
        line-height: 1.45;
      }
      li + li {
        margin-top: 0.3em;
      }
      h2 {
        font-size: 1.1em;
        margin: var(--sp-gap) 0 0.3em;
      }
      ul.results {
        list-style: none;
        padding: 0;
        margin: var(--sp-gap) 0;
        border-top: 2px solid var(--sp-border);
      }
      ul.results li {
        margin: 0;
        padding: 0.4em 0;
        border-bottom: 1px solid var(--sp-border);
      }
      .ok {
        color: var(--sp-success);
        font-weight: 700;
      }
    `,
  ];

  @state() private stream: MediaStream | null = null;
  @state() private problem?: MediaProblem;
  @state() private opening = true;
  /** Before the room opens: a try-out only. */
  @property({ type: Boolean }) trial = false;
  @state() private micHeard = false;
  @state() private speakerHeard?: boolean;
  @query('h1') private heading!: HTMLElement;
  private handedOver = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (!this.handedOver) stopMedia(this.stream);
    this.stream = null;
  }

  override firstUpdated(): void {
    this.heading.focus();
  }

  private async open() {
    this.opening = true;
    this.problem = undefined;
    try {
      const stream = await openLocalMedia();
      if (!this.isConnected) return stopMedia(stream);
      this.stream = stream;
    } catch (error) {
      this.problem = error instanceof MediaUnavailable ? error.problem : 'busy';
    } finally {
      this.opening = false;
    }
  }

  override render() {
    return html`<h1 tabindex="-1">
        ${this.trial ? msg('Prova videocamera, microfono e altoparlante') : msg('Controlla videocamera e microfono')}
      </h1>
      ${this.problem ? this.renderProblem(this.problem) : this.renderCheck()}`;
  }

  private renderCheck() {
    return html`<p>${msg("Il funzionario deve vederti e sentirti, e vedere il tuo documento d'identità.")}</p>
      ${this.trial ? html`<p>${msg('È solo una prova: nessuno ti vede e ti sente.')}</p>` : nothing}
      <div class="check">
        <meeting-self-view .stream=${this.stream}></meeting-self-view>
        <div>
          <p role="status">
            ${
              this.opening
                ? msg('Accensione della videocamera… Se il browser lo chiede, scegli «Consenti».')
                : msg(
                    'Ti vedi nel riquadro? Il tuo viso deve essere ben illuminato e tutto dentro il riquadro.',
                  )
            }
          </p>
          ${
            this.stream
              ? html`<meeting-mic-meter
                  .stream=${this.stream}
                  @meeting-mic-heard=${() => (this.micHeard = true)}
                ></meeting-mic-meter>`
              : nothing
          }
          <h2>${msg('Altoparlante')}</h2>
          <meeting-speaker-test
            @meeting-speaker-result=${(e: CustomEvent<boolean>) => (this.speakerHeard = e.detail)}
          ></meeting-speaker-test>
          ${this.trial ? this.renderResults() : nothing}
          <div class="actions">
            ${
              this.trial
                ? html`<button @click=${this.trialDone}>${msg("Ho finito, torna all'ingresso")}</button>`
                : html`<button ?disabled=${!this.stream} @click=${this.ready}>
                    ${msg('Tutto funziona, continua')}
                  </button>`
            }
          </div>
          ${
            this.trial
              ? nothing
              : html`<div class="actions">
                  <button class="link" @click=${this.noCamera}>
                    ${msg('Non riesco a usare la videocamera')}
                  </button>
                </div>`
          }
        </div>
      </div>`;
  }

  /** The trial's results in plain words: what works, what is still to try. */
  private renderResults() {
    const speaker =
      this.speakerHeard === undefined
        ? msg('da provare')
        : this.speakerHeard
          ? msg('funziona')
          : msg('non sentito');
    return html`<ul class="results" aria-label=${msg('Risultato della prova')}>
      <li>
        ${msg('Videocamera:')}
        <span class=${this.stream ? 'ok' : ''}>${this.stream ? msg('funziona') : msg('in accensione')}</span>
      </li>
      <li>
        ${msg('Microfono:')}
        <span class=${this.micHeard ? 'ok' : ''}
          >${this.micHeard ? msg('ti sente') : msg('parla per provarlo')}</span
        >
      </li>
      <li>${msg('Altoparlante:')} <span class=${this.speakerHeard ? 'ok' : ''}>${speaker}</span></li>
    </ul>`;
  }

  private renderProblem(problem: MediaProblem) {
    return html`<div class="column">
      <div class="notice error" role="alert">${this.problemText(problem)}</div>
      ${
        this.trial
          ? html`<p>
              ${msg(
                "Se non riesci a risolvere, all'ora dell'appuntamento entra comunque con il codice: se non ti colleghi, l'ufficio ti chiamerà al numero della prenotazione.",
              )}
            </p>`
          : nothing
      }
      <div class="actions">
        <button @click=${() => void this.open()}>${msg('Riprova')}</button>
        ${
          this.trial
            ? html`<button class="secondary" @click=${this.trialDone}>${msg("Torna all'ingresso")}</button>`
            : html`<button class="secondary" @click=${this.noCamera}>
                ${msg('Non ho una videocamera')}
              </button>`
        }
      </div>
    </div>`;
  }

  private trialDone() {
    stopMedia(this.stream);
    this.stream = null;
    emit(this, 'meeting-trial-done');
  }

  private problemText(problem: MediaProblem) {
    switch (problem) {
      case 'denied':
        return html`<p>
            <strong>${msg('Il browser non ci lascia usare la videocamera e il microfono.')}</strong>
          </p>
          <p>${msg('Per permetterlo:')}</p>
          <ol>
            <li>
              ${msg("tocca l'icona del lucchetto o della videocamera accanto all'indirizzo della pagina;")}
            </li>
            <li>${msg('scegli «Consenti» per videocamera e microfono;')}</li>
            <li>${msg('premi «Riprova».')}</li>
          </ol>
          <p>
            ${msg(
              'Sul telefono, se non basta: apri le Impostazioni, scegli il browser che usi e attiva Fotocamera e Microfono.',
            )}
          </p>`;
      case 'no-camera':
        return html`<p>
          <strong>${msg('Non troviamo una videocamera.')}</strong>
          ${msg("Collegala e premi «Riprova», oppure apri il link dell'SMS da un telefono con la fotocamera.")}
        </p>`;
      case 'no-microphone':
        return html`<p>
          <strong>${msg('Non troviamo un microfono.')}</strong>
          ${msg('Collegalo (anche quello delle cuffie va bene) e premi «Riprova».')}
        </p>`;
      case 'no-devices':
        return html`<p>
          <strong>${msg('Non troviamo videocamera e microfono.')}</strong>
          ${msg("Collegali e premi «Riprova», oppure apri il link dell'SMS da un telefono.")}
        </p>`;
      case 'busy':
        return html`<p>
          <strong>${msg('La videocamera non si accende.')}</strong>
          ${msg("Forse la sta usando un'altra applicazione, per esempio un'altra videochiamata: chiudila e premi «Riprova».")}
        </p>`;
      case 'unsupported':
        return html`<p>
          <strong>${msg('Questo browser non può usare la videocamera.')}</strong>
          ${msg("Apri il link dell'SMS con Chrome, Edge, Firefox o Safari aggiornati.")}
        </p>`;
    }
  }

  private ready() {
    if (!this.stream) return;
    this.handedOver = true;
    emit(this, 'meeting-devices-ready', this.stream);
  }

  private noCamera() {
    stopMedia(this.stream);
    this.stream = null;
    emit(this, 'meeting-no-camera');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'meeting-device-check-screen': DeviceCheckScreen;
  }
}
