import { css } from 'lit';

export const welcomeStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: calc(var(--sp-gap) * 1.5);
    /* Fill the window under the header, so the stage is most of the screen. */
    min-block-size: calc(100vh - 160px);
  }
  .stage {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--sp-gap);
    padding: calc(var(--sp-gap) * 2);
    text-align: center;
    background: var(--sp-surface);
    border: 3px solid var(--sp-border);
    border-radius: calc(var(--sp-radius) * 2);
    cursor: pointer;
    touch-action: manipulation;
  }
  h1 {
    font-size: 2.2em;
    margin: 0;
  }
  .what {
    font-size: 1.2em;
    max-inline-size: 32em;
    margin: 0;
  }
  .start {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.3em;
    font-size: 2em;
    font-weight: 700;
    padding: 0.6em 1.6em;
    margin-block-start: var(--sp-gap);
    border-radius: calc(var(--sp-radius) * 2);
  }
  .picture {
    font-size: 2.4em;
  }
  .languages h2 {
    text-align: center;
  }
  .language-grid {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: var(--sp-gap);
  }
  @media (orientation: landscape) {
    .language-grid {
      grid-template-columns: repeat(6, 1fr);
    }
  }
  .language-grid button {
    padding-inline: 0.5em;
  }
  .language-grid button[aria-pressed='true'] {
    background: var(--sp-primary);
    color: var(--sp-on-primary);
  }
`;
