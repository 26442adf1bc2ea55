// Simple line pictures drawn inline (no image files, nothing from the network), in the text colour so
// they follow the theme and high contrast. Always decorative: the words beside them carry the meaning.
import { css, html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** Size and colour of every pictogram; the element's font-size and colour decide both. */
export const pictogramStyles = css`
  .pictogram {
    display: block;
    inline-size: 1em;
    block-size: 1em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 3;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .pictogram .solid {
    fill: currentColor;
  }
  .pictogram .thick {
    stroke-width: 5;
  }
  .pictogram .thin {
    stroke-width: 2;
  }
`;

function frame(body: SVGTemplateResult): TemplateResult {
  return html`<svg class="pictogram" viewBox="0 0 64 64" aria-hidden="true" focusable="false">${body}</svg>`;
}

const microphone = svg`
  <rect x="24" y="6" width="16" height="30" rx="8" />
  <path d="M14 30a18 18 0 0 0 36 0M32 48v10M22 58h20" />
`;

export const pictograms = {
  /** A loudspeaker with sound waves: read the screen aloud. */
  speaker: () =>
    frame(svg`
      <path d="M8 24h10l14-12v40L18 40H8z" />
      <path d="M42 22c4 6 4 14 0 20M50 14c8 10 8 26 0 36" />
    `),
  /** A small and a big letter A: larger text. */
  textSize: () =>
    frame(svg`
      <path d="M4 50 14 24l10 26M8 41h12" />
      <path class="thick" d="M28 54 42 10l14 44M33 40h18" />
    `),
  /** A half-filled circle: high contrast. */
  contrast: () =>
    frame(svg`
      <circle cx="32" cy="32" r="24" />
      <path class="solid" d="M32 8a24 24 0 0 1 0 48z" />
    `),
  /** A globe: the language. */
  globe: () =>
    frame(svg`
      <circle cx="32" cy="32" r="24" />
      <path d="M8 32h48M32 8c-8 8-8 40 0 48M32 8c8 8 8 40 0 48" />
    `),
  /** A cross: finish. */
  close: () =>
    frame(svg`
      <path class="thick" d="M16 16l32 32M48 16 16 48" />
    `),
  /** A card going into the slot of a reader. */
  cardReader: () =>
    frame(svg`
      <path d="M21 42V9a3 3 0 0 1 3-3h16a3 3 0 0 1 3 3v33" />
      <rect x="26" y="12" width="9" height="8" rx="1.5" />
      <path d="M6 42h52v13a3 3 0 0 1-3 3H9a3 3 0 0 1-3-3z" />
      <path class="thick" d="M17 42h30" />
      <path d="M52 8v18m-5-5 5 5 5-5" />
    `),
  /** The back of a Tessera Sanitaria with its bar code, and the light of the scanner. */
  barcode: () =>
    frame(svg`
      <rect x="3" y="14" width="42" height="36" rx="4" />
      <path class="thin" d="M9 24v16M12 24v16M16 24v16M18 24v16M22 24v16M27 24v16M29 24v16M33 24v16M37 24v16M39 24v16" />
      <path d="M52 18c4 8 4 20 0 28" />
      <path d="M58 12c6 12 6 28 0 40" />
    `),
  keyboard: () =>
    frame(svg`
      <rect x="4" y="14" width="56" height="38" rx="4" />
      <path class="thick" d="M13 24h1M23 24h1M33 24h1M43 24h1M52 24h0M13 33h1M23 33h1M33 33h1M43 33h1M52 33h0" />
      <path class="thick" d="M20 43h24" />
    `),
  /** A finger touching, with the ripple of the touch. */
  touch: () =>
    frame(svg`
      <path d="M26 60 16 46a4 4 0 0 1 6-5l4 4V20a4 4 0 0 1 8 0v16a4 4 0 0 1 8 0v2a4 4 0 0 1 8 0v4a4 4 0 0 1 8 0v6c0 7-4 12-10 12H26" />
      <path d="M20 20a10 10 0 0 1 20 0" />
      <path d="M14 20a16 16 0 0 1 32 0" />
    `),
  calendar: () =>
    frame(svg`
      <rect x="6" y="10" width="52" height="46" rx="4" />
      <path d="M6 22h52M20 4v12M44 4v12" />
      <path class="thick" d="M18 32h1M32 32h1M46 32h1M18 44h1M32 44h1" />
    `),
  person: () =>
    frame(svg`
      <circle cx="32" cy="18" r="10" />
      <path d="M12 58v-6a14 14 0 0 1 14-14h12a14 14 0 0 1 14 14v6" />
    `),
  helper: () =>
    frame(svg`
      <circle cx="22" cy="16" r="8" />
      <path d="M6 58V44a12 12 0 0 1 12-12h8a12 12 0 0 1 12 12v14" />
      <circle cx="46" cy="26" r="6" />
      <path d="M38 58V48a8 8 0 0 1 8-8h2a8 8 0 0 1 8 8v10" />
    `),
  // ---- topics ----
  pensione: () =>
    frame(svg`
      <circle cx="26" cy="10" r="6" />
      <path d="M26 17c-4 7-6 14-6 23" />
      <path d="M20 40l-4 18M21 40l8 18" />
      <path d="M25 24l11 9" />
      <path d="M38 33v25M38 33c0-5 7-5 7 0" />
    `),
  disoccupazione: () =>
    frame(svg`
      <rect x="6" y="20" width="52" height="34" rx="4" />
      <path d="M24 20v-6a4 4 0 0 1 4-4h8a4 4 0 0 1 4 4v6" />
      <path d="M6 34h52" />
      <path class="thick" d="M32 34v5" />
    `),
  'cassa-integrazione': () =>
    frame(svg`
      <path d="M6 58V30l14 9v-9l14 9v-9l14 9V8h9v50z" />
      <path d="M14 50h6M28 50h6M42 50h6" />
    `),
  famiglia: () =>
    frame(svg`
      <circle cx="16" cy="14" r="7" />
      <path d="M5 58V35a11 11 0 0 1 22 0v4" />
      <circle cx="48" cy="14" r="7" />
      <path d="M59 58V35a11 11 0 0 0-22 0v4" />
      <circle cx="32" cy="34" r="5" />
      <path d="M24 58v-7a8 8 0 0 1 16 0v7" />
    `),
  invalidita: () =>
    frame(svg`
      <circle cx="30" cy="8" r="5" />
      <path d="M30 16v18h14l6 16h6" />
      <path d="M30 25h12" />
      <path d="M22 27a15 15 0 1 0 22 20" />
    `),
  'lavoro-domestico': () =>
    frame(svg`
      <path d="M5 30 32 8l27 22" />
      <path d="M12 25v33h40V25" />
      <path d="M32 51c-8-5-11-9-11-13a5.5 5.5 0 0 1 11-2 5.5 5.5 0 0 1 11 2c0 4-3 8-11 13z" />
    `),
  autonomi: () =>
    frame(svg`
      <path d="M6 22 12 8h40l6 14" />
      <path d="M6 22a6.5 6.5 0 0 0 13 0 6.5 6.5 0 0 0 13 0 6.5 6.5 0 0 0 13 0 6.5 6.5 0 0 0 13 0" />
      <path d="M10 30v26h44V30" />
      <path d="M26 56V42h12v14" />
    `),
  stranieri: () =>
    frame(svg`
      <circle cx="32" cy="32" r="25" />
      <path d="M7 32h50M11 19h42M11 45h42" />
      <path d="M32 7c-9 9-9 41 0 50M32 7c9 9 9 41 0 50" />
    `),
  contributi: () =>
    frame(svg`
      <path d="M12 6h28l12 12v40H12z" />
      <path d="M40 6v12h12" />
      <path class="thick" d="M22 50V42M32 50V34M42 50V28" />
    `),
  sostegno: () =>
    frame(svg`
      <path d="M32 30c-9-6-12-10-12-14a6 6 0 0 1 12-3 6 6 0 0 1 12 3c0 4-3 8-12 14z" />
      <path d="M4 42h10l8 4h12a4 4 0 0 1 0 8H24" />
      <path d="M36 52l14-8a4 4 0 0 1 5 6L38 60H16L4 56" />
    `),
  info: () =>
    frame(svg`
      <circle cx="32" cy="32" r="25" />
      <path d="M32 28v16" />
      <path class="thick" d="M32 19v1" />
    `),
  // ---- problems ----
  warning: () =>
    frame(svg`
      <path d="M32 6 60 56H4z" />
      <path d="M32 24v14" />
      <path class="thick" d="M32 46v1" />
    `),
  stationOff: () =>
    frame(svg`
      <rect x="6" y="8" width="52" height="36" rx="3" />
      <path d="M22 58h20M32 44v14" />
      <path d="M24 18l16 16M40 18 24 34" />
    `),
  connectionOff: () =>
    frame(svg`
      <path d="M18 50h30a10 10 0 0 0 1-20 15 15 0 0 0-29-4 12 12 0 0 0-2 24z" />
      <path d="M8 6l48 52" />
    `),
  cardProblem: () =>
    frame(svg`
      <rect x="4" y="8" width="42" height="30" rx="4" />
      <rect x="10" y="15" width="10" height="8" rx="1.5" />
      <circle cx="46" cy="46" r="13" />
      <path d="M41 41l10 10M51 41l-10 10" />
    `),
  printer: () =>
    frame(svg`
      <path d="M16 24V6h32v18" />
      <rect x="6" y="24" width="52" height="22" rx="3" />
      <path d="M16 38h32v20H16z" />
      <path d="M22 46h20M22 52h14" />
    `),
  noSlots: () =>
    frame(svg`
      <rect x="6" y="10" width="52" height="46" rx="4" />
      <path d="M6 22h52M20 4v12M44 4v12" />
      <path d="M24 31l16 16M40 31 24 47" />
    `),
  ticket: () =>
    frame(svg`
      <path d="M14 4h36v56l-6-4-6 4-6-4-6 4-6-4-6 4z" />
      <path d="M22 16h20M22 26h20M22 36h12" />
    `),
  card: () =>
    frame(svg`
      <rect x="4" y="14" width="56" height="36" rx="4" />
      <rect x="12" y="23" width="12" height="10" rx="1.5" />
      <path d="M32 26h20M32 34h14" />
    `),
  // ---- video call ----
  /** A video camera. */
  videoCamera: () =>
    frame(svg`
      <rect x="4" y="18" width="40" height="28" rx="4" />
      <path d="M44 28l16-9v26l-16-9z" />
    `),
  microphone: () => frame(microphone),
  /** The microphone struck through: muted. */
  microphoneOff: () =>
    frame(svg`
      ${microphone}
      <path class="thick" d="M8 8l48 48" />
    `),
  /** A handset put down: end the call. */
  hangUp: () =>
    frame(svg`
      <path d="M6 34c14-12 38-12 52 0l-5 9-11-4v-8c-6-2-14-2-20 0v8l-11 4z" />
    `),
  /** A hand holding an identity card up to a camera: how to show the document. */
  showDocument: () =>
    frame(svg`
      <rect x="22" y="2" width="20" height="12" rx="3" />
      <circle cx="32" cy="8" r="2.5" />
      <path class="thin" d="M28 17l-4 5M36 17l4 5" />
      <rect x="12" y="24" width="40" height="26" rx="3" />
      <circle cx="22" cy="34" r="4" />
      <path d="M16 44c2-3 4-4 6-4s4 1 6 4M34 32h12M34 38h12M34 44h8" />
      <path d="M12 46c-4 2-6 6-6 10v6M52 46c4 2 6 6 6 10v6" />
    `),
  /** A face for the satisfaction rating, from 1 (sad) to 5 (smiling). */
  face: (mood: 1 | 2 | 3 | 4 | 5) => {
    const bend = [-12, -6, 0, 6, 12][mood - 1] ?? 0;
    const y = 44 - bend / 2;
    return frame(svg`
      <circle cx="32" cy="32" r="27" />
      <path class="thick" d="M22 24v2M42 24v2" />
      <path d=${`M19 ${y} Q32 ${y + bend * 1.5} 45 ${y}`} />
    `);
  },
} satisfies Record<string, (...args: never[]) => TemplateResult>;
