import { css } from 'lit';

export const appStyles = css`
  :host {
    box-sizing: border-box;
  }
  main {
    padding: var(--sp-gap) calc(var(--sp-gap) * 2);
    outline: none;
    max-width: 1400px;
  }
  .banner {
    background: var(--sp-warning-bg);
    color: var(--sp-text);
    border-bottom: 3px solid var(--sp-danger);
    padding: 0.5em calc(var(--sp-gap) * 2);
    font-weight: 600;
  }
  /* Stays in sight however the welcome screen below is scrolled. */
  .banner.card-left {
    position: sticky;
    inset-block-start: 0;
    z-index: 5;
    display: flex;
    align-items: center;
    gap: 0.8em;
    font-size: 1.6em;
    font-weight: 700;
    padding-block: 0.8em;
  }
  .banner.card-left .pictogram {
    font-size: 1.6em;
  }
`;
