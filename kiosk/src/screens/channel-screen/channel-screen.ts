/**
 * How to be served: only the ways the service, the station and the moment allow, one large card each —
 * a queue ticket (at a sede, during opening hours), a video call with an official now (when the station's
 * camera works; otherwise the card says why and points to the callback), an appointment in person, a
 * telephone callback, a web meeting (strong authentication only) or a callback as soon as possible.
 *
 * @event kiosk-channel - detail: the chosen Channel.
 * @event kiosk-strong-auth - the citizen wants to sign in with the card's PIN (to unlock the web meeting).
 * @event kiosk-service - detail: the id of a service of the same topic that needs no strong sign-in.
 * @event kiosk-back - back to the services.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type {
  DeviceHealth,
  PrinterState,
  PublicSede,
  ReaderState,
  Service,
  Station,
} from '@sportello/protocol';
import { weekdays } from '@sportello/protocol/plain';
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { backButton, backIconStyles } from '../../components/back-icon.ts';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { localized, romeWeekdayTime } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { printerReady } from '../ticket-screen/ticket-print.ts';
import { channelIcons } from './channel-icons.ts';
import { channelScreenStyles } from './channel-screen.styles.ts';

/** A way to be served: a queue ticket, a booked contact, or the first free callback. */
export type Channel = 'ticket' | 'videoNow' | 'inPerson' | 'callback' | 'webMeeting' | 'callbackSoon';

interface Choice {
  channel: Channel;
  title: string;
  text: string;
  /** Why it cannot be chosen now; the card shows but does nothing. */
  unavailable?: string;
  /** Something to know before choosing. */
  note?: string;
}

/** "HH:MM" and weekday now in Rome, to compare with opening hours. */
function romeNow(now: Date): { weekday: (typeof weekdays)[number]; hhmm: string } {
  const { weekday, hhmm } = romeWeekdayTime(now);
  return { weekday: weekdays.find((d) => d === weekday) ?? 'mon', hhmm };
}

@customElement('kiosk-channel-screen')
@localizedDecorator()
export class KioskChannelScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, noticeStyles, backIconStyles, channelScreenStyles];

  /** The service the citizen chose. */
  @property({ attribute: false }) service?: Service;
  /** This station: only a station at a sede prints queue tickets. */
  @property({ attribute: false }) station?: Station;
  /** The station's sede, when known: outside its public hours no ticket is offered. */
  @property({ attribute: false }) sede?: PublicSede;
  @property() language = 'it';
  /** Signed in with CIE, CNS or SPID: needed for web meetings and some services. */
  @property({ type: Boolean }) strongAuth = false;
  @property() printerState?: PrinterState;
  /** A card is in the reader: then its PIN can unlock what needs strong authentication. */
  @property({ type: Boolean }) cardInReader = false;
  /** The station's card reader: with one, the card and its PIN can unlock a service that needs them. */
  @property() readerState: ReaderState = 'absent';
  /** The catalog's services, to point to one of the same topic that needs no strong sign-in. */
  @property({ attribute: false }) services: readonly Service[] = [];
  /** The station's camera as the kiosk last found it; unknown while the check runs. */
  @property() camera: DeviceHealth['camera']['page'] = 'unknown';

  private choices(): Choice[] {
    const service = this.service;
    if (!service) return [];
    const { channels } = service;
    const needStrong = msg('Serve l’accesso con CIE, CNS o SPID.');
    const bookingBlocked = service.strongAuthRequired && !this.strongAuth ? needStrong : undefined;
    const choices: Choice[] = [];
    if (channels.ticket && this.station?.kind === 'sede') {
      choices.push({
        channel: 'ticket',
        title: msg('Prendi il numero'),
        text: msg('Aspetti qui il tuo turno: un operatore ti riceve oggi allo sportello.'),
        unavailable: this.closedForTickets(),
        note: printerReady(this.printerState)
          ? undefined
          : msg('La stampante non funziona: vedrai il numero sullo schermo.'),
      });
    }
    if (channels.videoNow) {
      const noCamera = this.camera !== 'ok' && this.camera !== 'unknown';
      choices.push({
        channel: 'videoNow',
        title: msg('Parla ora in video con un funzionario'),
        text: msg(
          'Da qui, adesso: un funzionario ti vede e ti risponde. Tieni pronto un documento d’identità.',
        ),
        unavailable: noCamera
          ? channels.callback
            ? msg('La telecamera di questa postazione non funziona. Puoi farti richiamare al telefono.')
            : msg('La telecamera di questa postazione non funziona.')
          : bookingBlocked,
      });
    }
    if (channels.callback) {
      choices.push({
        channel: 'callbackSoon',
        title: msg('Richiamami appena possibile'),
        text: msg('Ti telefoniamo noi al primo orario libero.'),
        unavailable: bookingBlocked,
      });
    }
    if (channels.inPerson) {
      choices.push({
        channel: 'inPerson',
        title: msg('Appuntamento in sede'),
        text: msg('Scegli giorno e ora e vieni allo sportello: un funzionario ti aspetta.'),
        unavailable: bookingBlocked,
      });
    }
    if (channels.callback) {
      choices.push({
        channel: 'callback',
        title: msg('Appuntamento al telefono'),
        text: msg('Scegli giorno e ora: un funzionario ti telefona.'),
        unavailable: bookingBlocked,
      });
    }
    if (channels.webMeeting) {
      choices.push({
        channel: 'webMeeting',
        title: msg('Appuntamento in videochiamata'),
        text: msg('Scegli giorno e ora: parli in video con un funzionario, dal telefono o dal computer.'),
        unavailable: this.strongAuth ? bookingBlocked : needStrong,
      });
    }
    return choices;
  }

  /** Tickets are issued only during the sede's public hours (the server checks closures too). */
  private closedForTickets(): string | undefined {
    if (!this.sede) return undefined;
    const { weekday, hhmm } = romeNow(new Date());
    const today = this.sede.publicHours[weekday] ?? [];
    if (today.some((r) => r.from <= hhmm && hhmm < r.to)) return undefined;
    const later = today.find((r) => hhmm < r.from);
    return later
      ? msg(str`Ora la sede è chiusa al pubblico: i numeri si prendono dalle ${later.from} alle ${later.to}.`)
      : msg('Oggi la sede non è più aperta al pubblico: puoi prenotare un appuntamento.');
  }

  /** Quick information on the same topic, which needs no strong sign-in: the way on without a card. */
  private get withoutCard(): Service | undefined {
    const service = this.service;
    return this.services.find(
      (s) =>
        s.topic === service?.topic && s.id !== service.id && !s.strongAuthRequired && s.level === 'primo',
    );
  }

  /** Signed in only by a typed or scanned codice fiscale, for a service that needs more: why, and the ways on. */
  private wayOn(): { why: string; card?: string; other?: string; otherService?: Service } | undefined {
    if (!this.service?.strongAuthRequired || this.strongAuth) return undefined;
    const otherService = this.withoutCard;
    return {
      why: msg(
        'Per questo servizio il funzionario vede i tuoi dati personali: devi farti riconoscere con la carta d’identità elettronica (CIE) o la tessera sanitaria (CNS) e il loro PIN, oppure con SPID. Il codice fiscale scritto non basta.',
      ),
      card:
        this.readerState === 'absent'
          ? undefined
          : this.cardInReader
            ? msg('La tua carta è nel lettore: accedi con il suo PIN.')
            : msg('Inserisci la carta nel lettore, poi accedi con il suo PIN.'),
      other: otherService
        ? this.station?.kind === 'sede'
          ? msg(
              'Senza carta puoi prendere il numero per le informazioni: allo sportello ti riconoscono con un documento d’identità e ti dicono come prenotare.',
            )
          : msg(
              'Senza carta puoi chiedere informazioni: un funzionario ti risponde e ti dice come prenotare.',
            )
        : msg('Senza carta chiedi al personale: ti riconoscono con un documento d’identità.'),
      otherService,
    };
  }

  speechText(): string[] {
    const way = this.wayOn();
    return [
      msg('Scegli come vuoi parlare con noi'),
      this.service ? localized(this.service.name, this.language) : '',
      ...this.choices().flatMap((c) => [c.title, c.text, c.unavailable ?? c.note ?? '']),
      way?.why ?? '',
      way?.card ?? '',
      way?.other ?? '',
      way?.otherService ? localized(way.otherService.name, this.language) : '',
      msg('Indietro'),
    ].filter(Boolean);
  }

  private choose(choice: Choice): void {
    if (!choice.unavailable) emit(this, 'kiosk-channel', choice.channel);
  }

  override render() {
    const choices = this.choices();
    const way = this.wayOn();
    return html`
      <h1>${msg('Scegli come vuoi parlare con noi')}</h1>
      ${this.service ? html`<p class="service muted">${localized(this.service.name, this.language)}</p>` : nothing}
      ${
        choices.length === 0
          ? html`<div class="notice warning" role="alert">
              <p>
                ${msg('Per questo servizio, da questa postazione non puoi prendere un numero né prenotare.')}
              </p>
              <p>${msg('Torna indietro e scegli un altro servizio, oppure chiedi al personale.')}</p>
            </div>`
          : html`<div class="cards">
              ${choices.map(
                (choice) =>
                  html`<button
                    type="button"
                    class="card"
                    aria-disabled=${choice.unavailable ? 'true' : 'false'}
                    @click=${() => this.choose(choice)}
                  >
                    <span class="icon">${channelIcons[choice.channel]}</span>
                    <span class="title">${choice.title}</span>
                    <span class="text">${choice.text}</span>
                    ${
                      choice.unavailable || choice.note
                        ? html`<span class="text note">${choice.unavailable ?? choice.note}</span>`
                        : nothing
                    }
                  </button>`,
              )}
            </div>`
      }
      ${
        way
          ? html`<section class="notice way-on" aria-labelledby="way-on">
              <h2 id="way-on">${msg('Come andare avanti')}</h2>
              <p>${way.why}</p>
              ${way.card ? html`<p>${way.card}</p>` : nothing}
              <p>${way.other}</p>
              ${
                way.otherService
                  ? html`<button
                      type="button"
                      class="secondary"
                      @click=${() => emit(this, 'kiosk-service', way.otherService?.id)}
                    >
                      ${localized(way.otherService.name, this.language)}
                    </button>`
                  : nothing
              }
            </section>`
          : nothing
      }
      <div class="actions">
        ${
          !this.strongAuth && this.cardInReader && choices.some((c) => c.unavailable)
            ? html`<button type="button" @click=${() => emit(this, 'kiosk-strong-auth')}>
                ${msg('Accedi con il PIN della carta')}
              </button>`
            : nothing
        }
        ${backButton(() => emit(this, 'kiosk-back'))}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-channel-screen': KioskChannelScreen;
  }
}
