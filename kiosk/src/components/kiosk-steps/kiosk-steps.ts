/**
 * Where the citizen is in a flow of a few steps: "Passo 2 di 4" and the steps' names, the current one marked.
 */
import { localized as localizedDecorator, msg, str } from '@lit/localize';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';

@customElement('kiosk-steps')
@localizedDecorator()
export class KioskSteps extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-block-end: var(--sp-gap);
    }
    .count {
      font-weight: 600;
      color: var(--sp-muted);
      margin: 0 0 0.4em;
    }
    ol {
      display: flex;
      gap: 8px;
      list-style: none;
      margin: 0;
      padding: 0;
      counter-reset: step;
    }
    li {
      flex: 1;
      counter-increment: step;
      border-block-end: 8px solid var(--sp-border);
      padding-block-end: 0.3em;
      font-size: 0.8em;
      color: var(--sp-muted);
    }
    li::before {
      content: counter(step) '. ';
    }
    li.done {
      border-block-end-color: var(--sp-primary);
    }
    li[aria-current='step'] {
      border-block-end-color: var(--sp-primary);
      color: var(--sp-text);
      font-weight: 700;
    }
  `;

  /** Names of the steps, in order. */
  @property({ attribute: false }) steps: string[] = [];
  /** Index of the current step, from 0. */
  @property({ type: Number }) current = 0;

  override render() {
    const total = this.steps.length;
    const n = this.current + 1;
    return html`<nav aria-label=${msg('Passaggi')}>
      <p class="count">${msg(str`Passo ${n} di ${total}`)}</p>
      <ol>
        ${this.steps.map(
          (step, i) =>
            html`<li
              class=${i < this.current ? 'done' : ''}
              aria-current=${i === this.current ? 'step' : 'false'}
            >
              ${step}
            </li>`,
        )}
      </ol>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-steps': KioskSteps;
  }
}
