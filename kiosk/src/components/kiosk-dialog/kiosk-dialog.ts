/**
 * What every kiosk dialog shares: a modal box over a dimmed screen with large buttons, the focus kept inside
 * while it is open and given back where it was when it closes, and its words read aloud when reading is on.
 *
 * @event kiosk-speak - detail: the dialog's lines, once, when it opens.
 */
import { css, html, LitElement, type CSSResultGroup, type TemplateResult } from 'lit';
import { screenStyles } from '../../theme/tokens.ts';
import { buttonStyles } from '../button-styles.ts';
import { emit } from '../emit.ts';

/** The element that has the focus, looking inside shadow roots. */
function focusedElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export abstract class KioskDialog extends LitElement {
  static override styles: CSSResultGroup = [
    screenStyles,
    buttonStyles,
    css`
      .backdrop {
        position: fixed;
        inset: 0;
        background: rgb(0 0 0 / 60%);
        display: grid;
        place-items: center;
        z-index: 10;
      }
      .dialog {
        background: var(--sp-bg);
        color: var(--sp-text);
        border: 4px solid var(--sp-primary);
        border-radius: var(--sp-radius);
        padding: calc(var(--sp-gap) * 1.5);
        max-width: 80vw;
        text-align: center;
      }
      .actions {
        justify-content: center;
      }
    `,
  ];

  private returnFocus: HTMLElement | null = null;

  /** The dialog's words and choices, in reading order. */
  abstract speechText(): string[];

  override connectedCallback(): void {
    super.connectedCallback();
    this.returnFocus = focusedElement();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Back to where the citizen was, unless that place has gone with the screen it was on.
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
    emit(this, 'kiosk-speak', this.speechText());
  }

  /** Tab and Shift+Tab go round the dialog's buttons and never behind it. */
  private trapFocus(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    const next = (at + (event.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
    event.preventDefault();
    buttons[next]?.focus();
  }

  /** The dialog's frame; `body` carries the element with id "body" that describes it. */
  protected frame(title: string, body: TemplateResult, actions: TemplateResult): TemplateResult {
    return html`<div class="backdrop" @keydown=${(e: KeyboardEvent) => this.trapFocus(e)}>
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="title"
        aria-describedby="body"
      >
        <h1 id="title">${title}</h1>
        ${body}
        <div class="actions">${actions}</div>
      </div>
    </div>`;
  }
}
