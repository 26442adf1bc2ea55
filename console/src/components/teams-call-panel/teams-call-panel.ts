/**
 * The record of a web meeting held in Teams, kept in our console: the same identification checklist,
 * outcome and follow-up booking as the built-in call screen, without media (the call itself is in Teams).
 *
 * @event console-teams-call-closed - the official closed the panel (the day is read again).
 */
import { localized, msg, str } from '@lit/localize';
import type { CallRecord, CatalogResponse, QueueEntry } from '@sportello/protocol';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { romeDate } from '../../i18n/locale.ts';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';
import '../follow-up-form/follow-up-form.ts';
import '../identification-form/identification-form.ts';
import '../outcome-form/outcome-form.ts';

/** The forms read the call's queue entry; a Teams meeting has none, so its record stands in for it. */
function entryOf(call: CallRecord): QueueEntry {
  return {
    id: call.entryId,
    group: call.group,
    origin: 'web',
    ...(call.sede ? { sede: call.sede } : {}),
    sector: call.sector,
    service: call.service,
    since: call.startedAt,
    authLevel: 'strong',
    status: 'in-call',
    official: call.official,
    callId: call.callId,
    ...(call.bookingCode ? { bookingCode: call.bookingCode } : {}),
    ...(call.citizen ? { citizen: call.citizen } : {}),
  };
}

@customElement('teams-call-panel')
@localized()
export class TeamsCallPanel extends LitElement {
  static override styles = [
    screenStyles,
    buttonStyles,
    css`
      section {
        border: 2px solid var(--sp-text);
        border-radius: var(--sp-radius);
        padding: var(--sp-gap);
        margin-top: var(--sp-gap);
        display: grid;
        gap: var(--sp-gap);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--sp-gap);
      }
      h2 {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) call!: CallRecord;
  @property({ attribute: false }) catalog?: CatalogResponse;

  override render() {
    const entry = entryOf(this.call);
    const name = `${this.call.citizen?.firstName ?? ''} ${this.call.citizen?.lastName ?? ''}`.trim();
    return html`<section aria-labelledby="teams-call-title">
      <div class="head">
        <h2 id="teams-call-title">
          ${msg(str`Identificazione ed esito della riunione in Teams: ${name} (${this.call.bookingCode ?? ''})`)}
        </h2>
        <button class="secondary" @click=${() => emit(this, 'console-teams-call-closed', {})}>
          ${msg('Chiudi la scheda')}
        </button>
      </div>
      <identification-form
        .callId=${this.call.callId}
        .entry=${entry}
        .recorded=${this.call.identification}
      ></identification-form>
      <outcome-form .callId=${this.call.callId}></outcome-form>
      <follow-up-form
        .callId=${this.call.callId}
        .entry=${entry}
        .catalog=${this.catalog}
        .sede=${this.call.sede ?? ''}
        .fromDate=${romeDate(this.call.startedAt)}
      ></follow-up-form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'teams-call-panel': TeamsCallPanel;
  }
}
