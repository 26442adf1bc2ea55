/**
 * The newest call, large: the ticket's number (at least 15 % of the screen's height, read from 8 m away)
 * and the counter to go to. While `flashing` (a call just made, or a recall) it blinks for a few seconds;
 * a new call starts the blinking over.
 */
import type { BoardCall } from '@sportello/protocol';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { callKey } from '../../data/recent-calls.ts';

@customElement('board-call-hero')
export class CallHero extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 0;
    }
    .panel {
      box-sizing: border-box;
      height: 100%;
      display: flex;
      flex-direction: column;
      justify-content: center;
      align-items: center;
      gap: 1vmin;
      padding: var(--sp-gap);
      border-radius: var(--sp-radius);
      background: var(--sp-surface);
      border: 0.6vmin solid var(--sp-border);
      text-align: center;
    }
    p {
      margin: 0;
    }
    .label {
      font-size: 3.4vmin;
      font-weight: 600;
      letter-spacing: 0.08em;
      text-transform: uppercase;
      color: var(--sp-muted);
    }
    .number {
      font-size: min(28vh, 34vw);
      white-space: nowrap;
      line-height: 1;
      font-weight: 700;
      letter-spacing: 0.02em;
      font-variant-numeric: tabular-nums;
      color: var(--b-accent);
    }
    .counter {
      font-size: min(10vh, 9vw);
      line-height: 1.1;
      font-weight: 700;
    }
    .recall {
      font-size: 3.4vmin;
      font-weight: 600;
      color: var(--b-accent);
    }
    .idle .title {
      font-size: 6vmin;
      font-weight: 700;
    }
    .idle .hint {
      font-size: 3.6vmin;
      color: var(--sp-muted);
    }
    /* Hard steps, never a blend: every frame keeps the contrast of one of the two looks. */
    .flash {
      animation: panel-flash 0.8s step-end 6;
    }
    .flash .number,
    .flash .recall {
      animation: number-flash 0.8s step-end 6;
    }
    .flash .label,
    .flash .counter {
      animation: text-flash 0.8s step-end 6;
    }
    @keyframes panel-flash {
      0% {
        background: var(--b-accent);
        border-color: var(--b-accent);
      }
      50% {
        background: var(--sp-surface);
        border-color: var(--sp-border);
      }
    }
    @keyframes number-flash {
      0% {
        color: var(--b-on-accent);
      }
      50% {
        color: var(--b-accent);
      }
    }
    @keyframes text-flash {
      0% {
        color: var(--b-on-accent);
      }
      50% {
        color: var(--sp-text);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .flash,
      .flash .number,
      .flash .recall,
      .flash .label,
      .flash .counter {
        animation: none;
      }
      .flash {
        border-color: var(--b-accent);
      }
    }
  `;

  /** The call to show; none yet today shows a waiting message. */
  @property({ attribute: false }) call?: BoardCall;
  /** Blinks while true. */
  @property({ type: Boolean }) flashing = false;

  override render() {
    const call = this.call;
    if (!call) {
      return html`<div class="panel idle">
        <p class="title">Nessuna chiamata per ora</p>
        <p class="hint">Attendere che il proprio numero compaia qui</p>
      </div>`;
    }
    // A new element for each call, so a new call starts the blinking over.
    return keyed(
      callKey(call),
      html`<div class="panel ${this.flashing ? 'flash' : ''}" data-call=${call.ticketId}>
        <p class="label">Numero chiamato</p>
        <p class="number">${call.number}</p>
        <p class="counter"><span aria-hidden="true">→ </span>${call.counterName}</p>
        ${call.recall > 0 ? html`<p class="recall">Nuova chiamata</p>` : nothing}
      </div>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'board-call-hero': CallHero;
  }
}
