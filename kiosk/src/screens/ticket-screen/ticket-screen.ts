/**
 * A queue ticket at this sede: first "Hai diritto alla precedenza?", then the number — shown very large in
 * every case and printed when the printer can. The answer's tap shows the ticket at once, waiting for its number
 * ("Sto preparando il tuo numero…"); a failure brings the question back with what went wrong. "Persona anziana" is offered only when the citizen's codice
 * fiscale shows the age, or when the kiosk does not know it.
 *
 * @event kiosk-done - the citizen has the number.
 * @event kiosk-issued - detail: 'ticket', once the server has issued it (for the session's statistics).
 * @event kiosk-printed - detail: 'ticket', once the printer has printed it.
 * @event kiosk-back - no ticket now (e.g. the sede is closed to walk-ins): choose another way.
 * @event kiosk-problem - detail: ProblemKind, when the server cannot be reached.
 */
import { localized as localizedDecorator, msg } from '@lit/localize';
import type {
  Language,
  PrinterState,
  Priority,
  PublicSede,
  Service,
  TicketResponse,
} from '@sportello/protocol';
import { ageOn, birthDateOf } from '@sportello/protocol/plain';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { buttonStyles } from '../../components/button-styles.ts';
import { emit } from '../../components/emit.ts';
import { noticeStyles } from '../../components/notice-styles.ts';
import { ApiProblem } from '../../data/api-client.ts';
import { issueTicket } from '../../data/server.ts';
import { localized, romeToday } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import type { ProblemKind } from '../problem-screen/problem-screen.ts';
import { printerReady, printQueueTicket, ticketPrintBody, type PrintStatus } from './ticket-print.ts';
import { ticketScreenStyles } from './ticket-screen.styles.ts';
import '../../components/kiosk-ticket/kiosk-ticket.ts';
import '../../components/kiosk-ticket-sms/kiosk-ticket-sms.ts';
import '../../components/kiosk-ticket-notify/kiosk-ticket-notify.ts';
import { finishActions } from '../../components/finish-actions.ts';

type WalkInPriority = Exclude<Priority, 'appointment'>;

/** What went wrong, and whether trying again can help, another answer above, or another way is needed. */
interface Failure {
  message: string;
  action: 'retry' | 'other-answer' | 'other-way';
}

@customElement('kiosk-ticket-screen')
@localizedDecorator()
export class KioskTicketScreen extends LitElement {
  static override styles = [screenStyles, buttonStyles, noticeStyles, ticketScreenStyles];

  @property({ attribute: false }) service?: Service;
  /** The sede whose queue this station serves. */
  @property({ attribute: false }) sede?: PublicSede;
  @property() language: Language = 'it';
  @property() printerState?: PrinterState;
  /** The identified citizen's, sent with the ticket: the server checks the elderly priority against it. */
  @property() codiceFiscale?: string;
  /** From this age the elderly priority is offered (from the catalog). */
  @property({ type: Number }) elderlyPriorityAge?: number;
  /** The "tocca a te tra poco" SMS goes when this many are ahead (from the catalog); not offered without it. */
  @property({ type: Number }) almostTurnAhead?: number;

  @state() private priority?: WalkInPriority;
  @state() private busy = false;
  @state() private response?: TicketResponse;
  @state() private print?: PrintStatus;
  @state() private failure?: Failure;

  private priorities(): { value: WalkInPriority; label: string }[] {
    return [
      { value: 'none', label: msg('No, non ho diritto alla precedenza') },
      { value: 'disability', label: msg('Sì: persona con disabilità') },
      { value: 'pregnancy', label: msg('Sì: sono in gravidanza') },
      ...(this.elderlyOffered ? [{ value: 'elderly' as const, label: msg('Sì: persona anziana') }] : []),
    ];
  }

  /** Age is written in the codice fiscale, so it is not asked of a citizen it says is younger. */
  private get elderlyOffered(): boolean {
    if (!this.codiceFiscale || this.elderlyPriorityAge === undefined) return true;
    const today = romeToday();
    const born = birthDateOf(this.codiceFiscale, today);
    return !!born && ageOn(born.birthDate, today) >= this.elderlyPriorityAge;
  }

  private get serviceName(): string {
    return this.service ? localized(this.service.name, this.language) : '';
  }

  private async take(priority: WalkInPriority): Promise<void> {
    this.priority = priority;
    const { service, sede } = this;
    if (!service || !sede) {
      this.failure = {
        message: msg('Questa postazione non riesce a dare numeri in questo momento.'),
        action: 'other-way',
      };
      return;
    }
    this.busy = true;
    this.failure = undefined;
    try {
      this.response = await issueTicket({
        sede: sede.id,
        service: service.id,
        priority,
        language: this.language,
        ...(this.codiceFiscale ? { codiceFiscale: this.codiceFiscale } : {}),
      });
    } catch (error) {
      if (error instanceof ApiProblem && error.unreachable) {
        emit<ProblemKind>(this, 'kiosk-problem', 'server-unreachable');
        return;
      }
      this.failure = this.explain(error);
      return;
    } finally {
      this.busy = false;
    }
    emit(this, 'kiosk-issued', 'ticket');
    await this.printIt();
  }

  private explain(error: unknown): Failure {
    const code = error instanceof ApiProblem ? error.code : '';
    const field = error instanceof ApiProblem ? error.fields?.[0]?.path : undefined;
    if (field === 'priority') {
      return {
        message: msg(
          'Secondo il tuo codice fiscale non hai ancora l’età per la precedenza delle persone anziane. Scegli un’altra risposta.',
        ),
        action: 'other-answer',
      };
    }
    switch (code) {
      case 'sede_closed':
        return {
          message: msg(
            'In questo momento la sede non dà numeri: si prendono solo negli orari di apertura al pubblico. Puoi prenotare un appuntamento o farti richiamare.',
          ),
          action: 'other-way',
        };
      case 'wrong_station':
        return {
          message: msg(
            'Da questa postazione non si possono prendere numeri per questa sede. Puoi prenotare un appuntamento.',
          ),
          action: 'other-way',
        };
      case 'validation_failed':
        return {
          message: msg('Per questo servizio non si prende il numero: puoi prenotare un appuntamento.'),
          action: 'other-way',
        };
      default:
        return { message: msg('Non sono riuscito a darti il numero. Riprova tra poco.'), action: 'retry' };
    }
  }

  private async printIt(): Promise<void> {
    const { response, sede } = this;
    if (!response || !sede) return;
    this.print = 'printing';
    this.print = await printQueueTicket(
      ticketPrintBody({
        response,
        heading: sede.name,
        serviceName: this.serviceName,
        language: this.language,
      }),
      this.printerState,
    );
    if (this.print === 'printed') emit(this, 'kiosk-printed', 'ticket');
  }

  speechText(): string[] {
    if (this.response) {
      const ticket = this.renderRoot.querySelector('kiosk-ticket');
      return [
        msg('Ecco il tuo numero'),
        ...(ticket?.lines() ?? [this.response.ticket.number]),
        msg('Ho finito'),
      ];
    }
    if (this.failure) return [this.failure.message];
    if (this.busy) return [msg('Sto preparando il tuo numero…'), this.serviceName];
    return [
      msg('Hai diritto alla precedenza?'),
      msg('Chi ha diritto alla precedenza passa prima degli altri in coda.'),
      ...this.priorities().map((p) => p.label),
    ];
  }

  override render() {
    if (this.response) return this.renderTicket(this.response);
    if (this.busy) return this.renderPending();
    return html`
      <h1>${msg('Hai diritto alla precedenza?')}</h1>
      <p class="muted">${this.serviceName}</p>
      <p>${msg('Chi ha diritto alla precedenza passa prima degli altri in coda.')}</p>
      <div class="priorities" role="group" aria-label=${msg('Hai diritto alla precedenza?')}>
        ${this.priorities().map(
          (p) =>
            html`<button
              type="button"
              class=${p.value === 'none' ? '' : 'secondary'}
              @click=${() => void this.take(p.value)}
            >
              ${p.label}
            </button>`,
        )}
      </div>
      ${this.failure ? this.renderFailure(this.failure) : nothing}
    `;
  }

  private renderFailure(failure: Failure) {
    return html`<div class="notice error" role="alert">
        <p>${failure.message}</p>
      </div>
      <div class="actions">
        ${
          failure.action === 'other-answer'
            ? nothing
            : failure.action === 'retry' && this.priority
              ? html`<button type="button" @click=${() => void this.take(this.priority!)}>
                  ${msg('Riprova')}
                </button>`
              : html`<button type="button" @click=${() => emit(this, 'kiosk-back')}>
                  ${msg('Scegli un altro modo')}
                </button>`
        }
        <button type="button" class="secondary" @click=${() => emit(this, 'kiosk-done')}>
          ${msg('Ho finito')}
        </button>
      </div>`;
  }

  private renderPending() {
    return html`
      <h1>${msg('Sto preparando il tuo numero…')}</h1>
      <kiosk-ticket pending .serviceName=${this.serviceName} .language=${this.language}></kiosk-ticket>
    `;
  }

  private renderTicket(response: TicketResponse) {
    const canReprint =
      this.print !== 'printing' && this.print !== 'printed' && printerReady(this.printerState);
    return html`
      <h1>${msg('Ecco il tuo numero')}</h1>
      <kiosk-ticket
        .response=${response}
        .serviceName=${this.serviceName}
        .language=${this.language}
        .print=${this.print}
      ></kiosk-ticket>
      ${
        this.print === 'failed' || this.print === 'not-ready'
          ? html`<kiosk-ticket-sms
              .ticketId=${response.ticket.id}
              .sede=${response.ticket.sede}
              .language=${this.language}
            ></kiosk-ticket-sms>`
          : nothing
      }
      ${
        // Offered once the ticket is in the citizen's hand, and only when more than that many are ahead.
        this.print === 'printed' &&
        this.almostTurnAhead !== undefined &&
        response.ahead > this.almostTurnAhead
          ? html`<kiosk-ticket-notify
              .ticketId=${response.ticket.id}
              .sede=${response.ticket.sede}
              .ahead=${this.almostTurnAhead}
            ></kiosk-ticket-notify>`
          : nothing
      }
      ${finishActions(this, canReprint ? () => void this.printIt() : undefined)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-ticket-screen': KioskTicketScreen;
  }
}
