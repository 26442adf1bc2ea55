/**
 * Before a video call, in steps with a visible indicator: (1) the privacy notice for the call, (2) camera
 * and microphone checked with a live self-view, (3) "Qualcuno ti sta aiutando?" — nobody, a municipal
 * clerk or a relative, whose name is typed on the keypad. The last answer enters the waiting room.
 *
 * The camera stream opened here is handed over with kiosk-video-join; leaving any other way stops it.
 *
 * @event kiosk-video-join - detail: { local: MediaStream, assistant?: Assistant }.
 * @event kiosk-assisted - detail: the helper's name, or undefined when nobody helps (kept in the session).
 * @event kiosk-video-callback - the camera does not work: offer a callback instead.
 * @event kiosk-back - back to the ways of being served.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type { Service } from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { backButton, backIconStyles } from '../../components/back-icon.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import type { ExtraKey } from '../../components/kiosk-keypad-field/kiosk-keypad-field.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { pictograms, pictogramStyles } from '../../components/pictograms/pictograms.ts';
import { stepFlowStyles } from '../../components/step-flow-styles.ts';
import { openCallMedia, type Assistant } from '../../data/video.ts';
import { localized } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import '../../components/kiosk-busy/kiosk-busy.ts';
import '../../components/kiosk-keypad-field/kiosk-keypad-field.ts';
import '../../components/kiosk-privacy-notice/kiosk-privacy-notice.ts';
import '../../components/kiosk-self-view/kiosk-self-view.ts';
import '../../components/kiosk-steps/kiosk-steps.ts';

type Step = 'privacy' | 'camera' | 'helper' | 'helper-name';
type CameraProblem = 'denied' | 'absent' | 'busy' | 'other';

const NAME_MAX = 60;

export interface VideoJoinDetail {
  local: MediaStream;
  assistant?: Assistant;
}

@customElement('kiosk-video-prepare-screen')
@localizedDecorator()
export class KioskVideoPrepareScreen extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    noticeStyles,
    backIconStyles,
    pictogramStyles,
    stepFlowStyles,
    css`
      .check {
        display: grid;
        gap: var(--sp-gap);
        align-items: start;
      }
      @media (orientation: landscape) {
        .check {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
      }
      kiosk-self-view {
        max-inline-size: 900px;
      }
      kiosk-self-view::part(video) {
        aspect-ratio: 4 / 3;
      }
      .heard {
        color: var(--sp-success);
        font-weight: 700;
        min-block-size: 1.45em;
      }
      .choices {
        display: grid;
        gap: var(--sp-gap);
        margin-block: var(--sp-gap);
      }
      @media (orientation: landscape) {
        .choices {
          grid-template-columns: repeat(3, 1fr);
        }
      }
      .choices button {
        display: flex;
        align-items: center;
        gap: 0.6em;
        text-align: start;
        min-block-size: calc(var(--sp-target) * 1.4);
        background: var(--sp-bg);
        color: var(--sp-text);
        border-color: var(--sp-primary);
        font-size: 1.1em;
      }
      .choices .picture {
        font-size: 2.4em;
        color: var(--sp-primary-dark);
      }
      .remembered {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) service?: Service;
  @property() language = 'it';
  /** The privacy notice version the server requires, shown with the notice. */
  @property() privacyNoticeVersion?: string;
  /** Who the citizen said helps them earlier in the session (identify screen), to prefill the name. */
  @property() assistedBy?: string;

  @state() private step: Step = 'privacy';
  @state() private stream?: MediaStream;
  @state() private opening = false;
  @state() private cameraProblem?: CameraProblem;
  @state() private heard = false;
  @state() private helperKind: Assistant['kind'] = 'clerk';
  @state() private helperName = '';
  @state() private tried = false;
  private handedOver = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (!this.handedOver) this.stopCamera();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('step') && changed.get('step') !== undefined) {
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    }
  }

  // ---- steps ----

  private stepIndex(): number {
    return { privacy: 0, camera: 1, helper: 2, 'helper-name': 2 }[this.step];
  }

  private go(step: Step): void {
    this.tried = false;
    this.step = step;
    if (step === 'camera' && !this.stream) void this.openCamera();
  }

  private back(): void {
    const previous: Record<Step, Step | null> = {
      privacy: null,
      camera: 'privacy',
      helper: 'camera',
      'helper-name': 'helper',
    };
    const step = previous[this.step];
    if (step) this.go(step);
    else emit(this, 'kiosk-back');
  }

  // ---- camera ----

  private async openCamera(): Promise<void> {
    this.opening = true;
    this.cameraProblem = undefined;
    this.heard = false;
    try {
      const stream = await openCallMedia();
      // The citizen may have left meanwhile: then nothing may stay on.
      if (!this.isConnected) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this.stream = stream;
    } catch (error) {
      const name = (error as DOMException).name;
      this.cameraProblem =
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError'
            ? 'absent'
            : name === 'NotReadableError'
              ? 'busy'
              : 'other';
    } finally {
      this.opening = false;
    }
  }

  private stopCamera(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
  }

  private problemText(problem: CameraProblem): string {
    switch (problem) {
      case 'denied':
        return msg('Questa postazione non ha il permesso di usare la telecamera o il microfono.');
      case 'absent':
        return msg('Non troviamo la telecamera o il microfono di questa postazione.');
      case 'busy':
        return msg('La telecamera è già usata da un altro programma.');
      case 'other':
        return msg('La telecamera o il microfono non funzionano.');
    }
  }

  // ---- helper ----

  private chooseHelper(kind: Assistant['kind'] | 'none'): void {
    if (kind === 'none') {
      emit<string | undefined>(this, 'kiosk-assisted', undefined);
      return this.join();
    }
    this.helperKind = kind;
    this.helperName = this.assistedBy ?? '';
    this.go('helper-name');
  }

  private setHelperName(value: string): void {
    // Letters of any alphabet, spaces, apostrophes and hyphens: what names are made of.
    this.helperName = value
      .replace(/[^\p{L}'’ -]/gu, '')
      .replace(/\s+/g, ' ')
      .toUpperCase()
      .slice(0, NAME_MAX);
  }

  private confirmHelper(): void {
    const name = this.helperName.trim();
    if (name.length < 2) {
      this.tried = true;
      return;
    }
    emit(this, 'kiosk-assisted', name);
    this.join({ kind: this.helperKind, name });
  }

  private join(assistant?: Assistant): void {
    const local = this.stream;
    if (!local) return this.go('camera');
    this.handedOver = true;
    emit<VideoJoinDetail>(this, 'kiosk-video-join', { local, ...(assistant && { assistant }) });
  }

  // ---- speech ----

  speechText(): string[] {
    const heading = this.renderRoot.querySelector('h1')?.textContent?.trim() ?? '';
    switch (this.step) {
      case 'privacy':
        return [heading, ...(this.renderRoot.querySelector('kiosk-privacy-notice')?.lines() ?? [])];
      case 'camera':
        return this.cameraProblem
          ? [
              heading,
              this.problemText(this.cameraProblem),
              msg(
                'Senza telecamera non possiamo fare la videochiamata, ma un funzionario ti può telefonare.',
              ),
              msg('Riprova'),
              msg('Fatti richiamare al telefono'),
            ]
          : [
              heading,
              msg('Guarda lo schermo: il funzionario ti vedrà così.'),
              this.micHint(),
              msg('Sì, avanti'),
            ];
      case 'helper':
        return [
          heading,
          msg('Il funzionario deve saperlo: anche chi ti aiuta mostrerà un documento.'),
          msg('No, nessuno mi aiuta'),
          msg('Sì, un operatore del Comune'),
          msg('Sì, un familiare o un conoscente'),
        ];
      case 'helper-name':
        return [heading, msg('Scrivi con la tastiera sullo schermo, poi tocca «Entra in coda».')];
    }
  }

  private micHint(): string {
    return this.heard
      ? msg('Il microfono ti sente.')
      : msg('Di’ qualcosa ad alta voce: la barra verde si muove se il microfono ti sente.');
  }

  // ---- render ----

  override render() {
    return html`
      <kiosk-steps
        .steps=${[msg('Privacy'), msg('Telecamera e microfono'), msg('Chi ti aiuta')]}
        .current=${this.stepIndex()}
      ></kiosk-steps>
      ${this.renderStep()}
    `;
  }

  private renderStep() {
    switch (this.step) {
      case 'privacy':
        return html`<h1 tabindex="-1">${msg('Prima della videochiamata: come usiamo i tuoi dati')}</h1>
          ${this.context()}
          <kiosk-privacy-notice
            kind="video"
            .version=${this.privacyNoticeVersion ?? ''}
            @kiosk-accept=${() => this.go('camera')}
          ></kiosk-privacy-notice>
          ${this.renderBack()}`;
      case 'camera':
        return this.renderCamera();
      case 'helper':
        return this.renderHelper();
      case 'helper-name':
        return this.renderHelperName();
    }
  }

  private context() {
    return this.service
      ? html`<p class="context">
          ${msg('Videochiamata con un funzionario')} · ${localized(this.service.name, this.language)}
        </p>`
      : nothing;
  }

  private renderCamera() {
    if (this.cameraProblem) {
      return html`<h1 tabindex="-1">${msg('La telecamera non funziona')}</h1>
        <div class="notice error" role="alert">
          <p><strong>${this.problemText(this.cameraProblem)}</strong></p>
          <p>
            ${msg('Senza telecamera non possiamo fare la videochiamata, ma un funzionario ti può telefonare.')}
          </p>
        </div>
        <div class="actions">
          <button type="button" @click=${() => emit(this, 'kiosk-video-callback')}>
            ${msg('Fatti richiamare al telefono')}
          </button>
          <button type="button" class="secondary" @click=${() => void this.openCamera()}>
            ${msg('Riprova')}
          </button>
          ${this.renderBackButton()}
        </div>`;
    }
    return html`<h1 tabindex="-1">${msg('Controlliamo telecamera e microfono')}</h1>
      ${
        this.opening || !this.stream
          ? html`<kiosk-busy>${msg('Accendo la telecamera…')}</kiosk-busy>`
          : html`<div class="check">
              <kiosk-self-view
                .stream=${this.stream}
                meter
                @kiosk-heard=${() => (this.heard = true)}
              ></kiosk-self-view>
              <div>
                <p>${msg('Guarda lo schermo: il funzionario ti vedrà così.')}</p>
                <p>${msg('Mettiti davanti alla telecamera, con il viso ben visibile.')}</p>
                <p class=${this.heard ? 'heard' : ''} role="status">${this.micHint()}</p>
                <div class="actions">
                  <button type="button" @click=${() => this.go('helper')}>${msg('Sì, avanti')}</button>
                  ${this.renderBackButton()}
                </div>
              </div>
            </div>`
      }`;
  }

  private renderHelper() {
    const remembered = this.assistedBy;
    return html`<h1 tabindex="-1">${msg('Qualcuno ti sta aiutando?')}</h1>
      <p>${msg('Il funzionario deve saperlo: anche chi ti aiuta mostrerà un documento.')}</p>
      ${
        remembered
          ? html`<p class="remembered">${msg('Prima ci hai detto che ti aiuta:')} ${remembered}</p>`
          : nothing
      }
      <div class="choices">
        <button type="button" @click=${() => this.chooseHelper('none')}>
          <span class="picture">${pictograms.person()}</span>${msg('No, nessuno mi aiuta')}
        </button>
        <button type="button" @click=${() => this.chooseHelper('clerk')}>
          <span class="picture">${pictograms.helper()}</span>${msg('Sì, un operatore del Comune')}
        </button>
        <button type="button" @click=${() => this.chooseHelper('relative')}>
          <span class="picture">${pictograms.helper()}</span>${msg('Sì, un familiare o un conoscente')}
        </button>
      </div>
      <p class="muted">${msg('Dopo questa risposta entri nella sala d’attesa della videochiamata.')}</p>
      ${this.renderBack()}`;
  }

  private renderHelperName() {
    const keys: ExtraKey[] = [
      { key: ' ', label: msg('Spazio') },
      { key: '’', label: '’' },
      { key: '-', label: '-' },
    ];
    const problem =
      this.tried && this.helperName.trim().length < 2 ? msg('Scrivi il nome e il cognome.') : '';
    return html`<h1 tabindex="-1">
        ${
          this.helperKind === 'clerk'
            ? msg('Come si chiama l’operatore del Comune?')
            : msg('Come si chiama chi ti aiuta?')
        }
      </h1>
      <kiosk-keypad-field
        .label=${msg('Nome e cognome di chi aiuta')}
        .value=${this.helperName}
        .maxLength=${NAME_MAX}
        .hint=${msg('Lo diremo al funzionario.')}
        .problem=${problem}
        .extraKeys=${keys}
        capitalize="words"
        @kiosk-input=${(e: CustomEvent<string>) => this.setHelperName(e.detail)}
      ></kiosk-keypad-field>
      <div class="actions">
        <button type="button" @click=${() => this.confirmHelper()}>${msg('Entra in coda')}</button>
        ${this.renderBackButton()}
      </div>`;
  }

  private renderBackButton() {
    return backButton(() => this.back());
  }

  private renderBack() {
    return html`<div class="actions">${this.renderBackButton()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-video-prepare-screen': KioskVideoPrepareScreen;
  }
}
