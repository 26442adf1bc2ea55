// The board's layout: landscape puts the big call beside the earlier calls, with the waits and the QR
// below; portrait stacks them. Everything in viewport units, so one page fits every TV.
import { css } from 'lit';

export const boardAppStyles = css`
  :host {
    display: block;
    height: 100vh;
    overflow: hidden;
  }
  .board {
    box-sizing: border-box;
    height: 100vh;
    background: var(--sp-bg);
    padding: 0 var(--sp-gap) var(--sp-gap);
    display: grid;
    gap: var(--sp-gap);
    grid-template-columns: 62fr 38fr;
    grid-template-rows: auto minmax(0, 1fr) 31vh;
    grid-template-areas:
      'head head'
      'hero recent'
      'waits info';
  }
  .dimmed {
    filter: grayscale(1) brightness(0.45);
  }
  header {
    grid-area: head;
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--sp-gap);
    margin: 0 calc(-1 * var(--sp-gap));
    padding: 1.4vmin var(--sp-gap);
    background: var(--sp-primary);
  }
  h1 {
    margin: 0;
    font-size: 4vmin;
    font-weight: 700;
    line-height: 1.1;
  }
  .time {
    margin: 0;
    display: flex;
    align-items: baseline;
    gap: 2vmin;
    font-size: 3.2vmin;
    white-space: nowrap;
  }
  .clock {
    font-size: 4.6vmin;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .hero {
    grid-area: hero;
  }
  .recent {
    grid-area: recent;
  }
  .waits {
    grid-area: waits;
  }
  .info {
    grid-area: info;
    display: flex;
    align-items: center;
    min-height: 0;
    overflow: hidden;
    box-sizing: border-box;
    padding: var(--sp-gap);
    border-radius: var(--sp-radius);
    background: var(--sp-surface);
  }
  .info h2 {
    margin: 0;
    font-size: 3.4vmin;
    font-weight: 600;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--sp-muted);
  }
  .hours {
    margin: 0.4vmin 0 0;
    font-size: 4.4vmin;
    font-weight: 700;
  }
  @media (orientation: portrait) {
    .board {
      grid-template-columns: 1fr;
      grid-template-rows: auto 36vh minmax(0, 1fr) auto auto;
      grid-template-areas: 'head' 'hero' 'recent' 'waits' 'info';
    }
    /* The sede's name and the clock fill a portrait header; the day is left out there. */
    .day {
      display: none;
    }
  }

  /* Before the first view, and the pages that replace the board. */
  .notice {
    box-sizing: border-box;
    height: 100vh;
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: center;
    gap: 2vmin;
    padding: 8vmin;
    text-align: center;
  }
  .notice h1 {
    font-size: 6vmin;
    max-width: 30em;
  }
  .notice p {
    margin: 0;
    font-size: 4vmin;
    color: var(--sp-muted);
  }

  .offline {
    position: fixed;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(0 0 0 / 0.5);
  }
  .offline div {
    max-width: 80vw;
    padding: 4vmin 6vmin;
    border-radius: var(--sp-radius);
    background: #ffffff;
    color: #1a1a1a;
    text-align: center;
    box-shadow: 0 1vmin 4vmin rgb(0 0 0 / 0.5);
  }
  .offline p {
    margin: 0;
  }
  .offline .what {
    font-size: 5.4vmin;
    font-weight: 700;
    line-height: 1.2;
  }
  .offline .then {
    margin-top: 1.6vmin;
    font-size: 3.2vmin;
    color: #3d4a5a;
  }

  .audio-hint {
    position: fixed;
    left: 1.2vmin;
    bottom: 1.2vmin;
    margin: 0;
    padding: 0.6vmin 1.4vmin;
    border-radius: 0.8vmin;
    border: 0.2vmin solid var(--sp-border);
    background: var(--sp-bg);
    font-size: 2.2vmin;
  }
`;
