// The two buttons that close a served screen: "Ho finito", and "try printing again" after a failed print.
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { emit } from './emit.ts';

/** `reprint` is given only while a new attempt can help (the print failed and the printer may be back). */
export function finishActions(host: EventTarget, reprint?: () => void): TemplateResult {
  return html`<div class="actions">
    <button type="button" @click=${() => emit(host, 'kiosk-done')}>${msg('Ho finito')}</button>
    ${
      reprint
        ? html`<button type="button" class="secondary" @click=${reprint}>
            ${msg('Prova di nuovo a stampare')}
          </button>`
        : nothing
    }
  </div>`;
}
