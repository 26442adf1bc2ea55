/**
 * Day and time picker for an appointment: the next free times first (one touch), then a chip per day
 * with free times and that day's times as large buttons. Times are in Rome time, in the citizen's language.
 *
 * @event kiosk-slot - detail: the chosen Slot.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import type { AvailabilityResponse, Slot } from '@sportello/protocol';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime } from '../../i18n/locale.ts';
import { slotTime } from '../kiosk-booking-summary/booking-words.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';

type Day = AvailabilityResponse['days'][number];

/** A calendar day (YYYY-MM-DD) as Rome sees it: noon UTC never crosses midnight there. */
const dayLabel = (date: string, language: string, options: Intl.DateTimeFormatOptions) =>
  formatDateTime(`${date}T12:00:00Z`, language, options);

@customElement('kiosk-slot-picker')
@localizedDecorator()
export class KioskSlotPicker extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.1em;
        margin: var(--sp-gap) 0 0.5em;
      }
      .first {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
        gap: var(--sp-gap);
      }
      .first button {
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        text-align: start;
        padding-block: 0.5em;
      }
      .first .day {
        font-weight: 400;
        font-size: 0.9em;
      }
      .first .time {
        font-size: 1.5em;
        font-weight: 700;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
      }
      .chips button {
        display: flex;
        flex-direction: column;
        align-items: center;
        padding: 0.3em 0.8em;
        min-width: calc(var(--sp-target) * 1.4);
        background: var(--sp-bg);
        color: var(--sp-text);
        border-color: var(--sp-border);
        border-radius: 999px;
        line-height: 1.2;
      }
      .chips button[aria-pressed='true'] {
        background: var(--sp-primary);
        border-color: var(--sp-primary);
        color: var(--sp-on-primary);
      }
      .chips .count {
        font-size: 0.7em;
        font-weight: 400;
      }
      .times {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(calc(var(--sp-target) * 2), 1fr));
        gap: 12px;
      }
      .times button {
        font-size: 1.3em;
        background: var(--sp-bg);
        color: var(--sp-primary-dark);
      }
    `,
  ];

  /** Days with their free slots, as the availability answer gives them. */
  @property({ attribute: false }) days: Day[] = [];
  @property() language = 'it';
  /** How many of the next free times to offer at the top. */
  @property({ type: Number }) firstCount = 3;
  @state() private selectedDay?: string;

  private get openDays(): Day[] {
    return this.days.filter((d) => d.slots.length > 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('days') && !this.openDays.some((d) => d.date === this.selectedDay)) {
      this.selectedDay = this.openDays[0]?.date;
    }
  }

  /** The picker's words and choices, for the speech controller. */
  lines(): string[] {
    const first = this.firstSlots().map((s) => this.slotLabel(s));
    const day = this.openDays.find((d) => d.date === this.selectedDay);
    return [
      msg('Primi orari liberi'),
      ...first,
      msg('Oppure scegli un giorno'),
      ...this.openDays.map((d) =>
        dayLabel(d.date, this.language, { weekday: 'long', day: 'numeric', month: 'long' }),
      ),
      ...(day ? day.slots.map((s) => slotTime(s.start, this.language)) : []),
    ];
  }

  private firstSlots(): Slot[] {
    return this.openDays.flatMap((d) => d.slots).slice(0, this.firstCount);
  }

  private slotLabel(slot: Slot): string {
    return formatDateTime(slot.start, this.language, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
  }

  override render() {
    const day = this.openDays.find((d) => d.date === this.selectedDay);
    return html`
      <h2>${msg('Primi orari liberi')}</h2>
      <div class="first">
        ${this.firstSlots().map(
          (slot) =>
            html`<button type="button" @click=${() => emit(this, 'kiosk-slot', slot)}>
              <span class="day"
                >${formatDateTime(slot.start, this.language, { weekday: 'long', day: 'numeric', month: 'long' })}</span
              >
              <span class="time">${slotTime(slot.start, this.language)}</span>
            </button>`,
        )}
      </div>
      <h2 id="days">${msg('Oppure scegli un giorno')}</h2>
      <div class="chips" role="group" aria-labelledby="days">
        ${this.openDays.map((d) => {
          const count = d.slots.length;
          return html`<button
            type="button"
            aria-pressed=${d.date === this.selectedDay}
            @click=${() => (this.selectedDay = d.date)}
          >
            <span
              >${dayLabel(d.date, this.language, { weekday: 'short', day: 'numeric', month: 'short' })}</span
            >
            <span class="count"
              >${msg(str`Orari: ${new Intl.NumberFormat(this.language).format(count)}`)}</span
            >
          </button>`;
        })}
      </div>
      ${
        day
          ? html`<h2 id="times">
                ${msg(str`Orari liberi di ${dayLabel(day.date, this.language, { weekday: 'long', day: 'numeric', month: 'long' })}`)}
              </h2>
              <div class="times" role="group" aria-labelledby="times">
                ${day.slots.map(
                  (slot) =>
                    html`<button type="button" @click=${() => emit(this, 'kiosk-slot', slot)}>
                      ${slotTime(slot.start, this.language)}
                    </button>`,
                )}
              </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-slot-picker': KioskSlotPicker;
  }
}
