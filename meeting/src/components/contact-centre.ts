// The institute's contact centre, for every dead end: the same numbers on every screen that needs them,
// written left to right also on an Arabic page (digit groups would otherwise come out in reverse order).
import { msg } from '@lit/localize';
import { html } from 'lit';

export const contactCentre = () =>
  html`<p>
    ${msg('Contact Center INPS:')}
    <a href="tel:803164" dir="ltr">803 164</a> ${msg('(gratuito da rete fissa)')} ${msg('oppure')}
    <a href="tel:+3906164164" dir="ltr">06 164 164</a> ${msg('(da cellulare)')}.
  </p>`;
