// How a station's health reads in the fleet list and on its page: its state (online, offline since when)
// and the devices that need a technician, with the kiosk page's health. Render inside healthStyles.
import { msg, str } from '@lit/localize';
import type { StationHealth } from '@sportello/protocol';
import { css, html, nothing } from 'lit';
import { deviceName, deviceStateText, momentText } from '../i18n/fleet-labels.ts';

export const healthStyles = css`
  .id {
    display: block;
    color: var(--sp-muted);
    font-size: 0.9em;
  }
  .state {
    font-weight: 600;
  }
  .online {
    color: var(--sp-success);
  }
  .bad {
    color: var(--sp-danger);
    font-weight: 600;
  }
  .muted {
    color: var(--sp-muted);
  }
  ul.problems {
    margin: 0;
    padding-left: 1.1em;
  }
`;

/** Online, or offline since when; not registered yet; its last heartbeat. */
export function stateCell(h: StationHealth) {
  const state = !h.enrolled
    ? html`<span class="state bad">${msg('Non registrata')}</span>`
    : h.online
      ? html`<span class="state online">${msg('Online')}</span>`
      : h.offlineSince
        ? html`<span class="state bad">${msg(str`Offline dalle ${momentText(h.offlineSince)}`)}</span>`
        : html`<span class="state bad">${msg('Mai collegata')}</span>`;
  const last = h.lastHeartbeatAt
    ? html`<span class="id">${msg(str`ultimo segnale ${momentText(h.lastHeartbeatAt)}`)}</span>`
    : nothing;
  return html`${state}${last}`;
}

/** The devices that need a technician (or that all is well), and the kiosk page's health. */
export function devicesCell(h: StationHealth) {
  if (!h.devices) return html`<span class="muted">${msg('nessuna notizia')}</span>`;
  const devices =
    h.problems.length === 0
      ? html`<span class="online">${msg('tutto funziona')}</span>`
      : html`<ul class="problems">
          ${h.problems.map(
            (p) => html`<li class="bad">${deviceName(p.device)}: ${deviceStateText(p.state)}</li>`,
          )}
        </ul>`;
  const page = !h.page
    ? nothing
    : !h.page.loaded
      ? html`<span class="id bad">${msg('pagina del chiosco non caricata')}</span>`
      : h.page.errors > 0
        ? html`<span class="id bad">${msg(str`pagina: ${h.page.errors} errori`)}</span>`
        : html`<span class="id">${msg('pagina caricata')}</span>`;
  return html`${devices}${page}`;
}
