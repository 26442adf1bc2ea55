import { css } from 'lit';

export const appStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 100vh;
    box-sizing: border-box;
  }
  main {
    flex: 1;
    padding: var(--k-gap) calc(var(--k-gap) * 2);
    outline: none;
    max-width: 1400px;
    width: 100%;
    box-sizing: border-box;
    margin: 0 auto;
  }
  .banner {
    background: var(--k-warning-bg);
    color: var(--k-text);
    border-bottom: 3px solid var(--k-danger);
    padding: 0.5em calc(var(--k-gap) * 2);
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
