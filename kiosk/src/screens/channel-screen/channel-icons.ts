// Pictograms for the ways to be served: simple line drawings in the text colour, so they follow high contrast.
import { svg, type SVGTemplateResult } from 'lit';
import type { Channel } from './channel-screen.ts';

const frame = (body: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 64 64" width="96" height="96" fill="none" stroke="currentColor" stroke-width="3.5"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

const handset = svg`<path d="M18 8h8l4 12-6 4a30 30 0 0 0 16 16l4-6 12 4v8a4 4 0 0 1-4 4C30 50 14 34 14 12a4 4 0 0 1 4-4z"/>`;

export const channelIcons: Record<Channel, SVGTemplateResult> = {
  ticket: frame(svg`
    <path d="M10 16h44v10a6 6 0 0 0 0 12v10H10V38a6 6 0 0 0 0-12z"/>
    <path d="M24 26h16M24 32h16M24 38h10"/>`),
  inPerson: frame(svg`
    <circle cx="32" cy="16" r="7"/>
    <path d="M18 40c0-8 6-13 14-13s14 5 14 13"/>
    <path d="M6 44h52M12 44v14M52 44v14"/>`),
  callback: frame(handset),
  webMeeting: frame(svg`
    <rect x="6" y="16" width="36" height="30" rx="4"/>
    <path d="M42 26l16-8v28l-16-8z"/>
    <circle cx="24" cy="27" r="5"/>
    <path d="M15 41c2-4 5-6 9-6s7 2 9 6"/>`),
  videoNow: frame(svg`
    <rect x="4" y="12" width="40" height="32" rx="4"/>
    <path d="M44 22l16-8v28l-16-8z"/>
    <circle cx="24" cy="24" r="6"/>
    <path d="M13 40c2-5 6-8 11-8s9 3 11 8"/>
    <path d="M20 54h8M24 44v10"/>`),
  callbackSoon: frame(svg`
    <g transform="translate(-4 6) scale(0.8)">${handset}</g>
    <circle cx="46" cy="18" r="13"/>
    <path d="M46 11v7l5 4"/>`),
};
