import { css } from 'lit';

export const servicesStyles = css`
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 5px solid var(--sp-focus);
    outline-offset: 3px;
  }
  .lead {
    font-size: 1.1em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sp-gap);
  }
  .topics {
    grid-template-columns: repeat(2, 1fr);
  }
  @media (orientation: landscape) {
    .topics {
      grid-template-columns: repeat(5, 1fr);
    }
  }
  .tile {
    box-sizing: border-box;
    inline-size: 100%;
    block-size: 100%;
    min-block-size: calc(var(--sp-target) * 2.4);
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    padding: 0.8em 0.6em;
    background: var(--sp-surface);
    color: var(--sp-text);
    border-color: var(--sp-border);
    font-size: 1.05em;
    line-height: 1.25;
    text-align: center;
  }
  .picture {
    font-size: 3.6em;
    color: var(--sp-primary-dark);
  }
  .back {
    margin-block-end: var(--sp-gap);
  }
  .topic-head {
    display: flex;
    align-items: center;
    gap: 0.6em;
    margin-block-end: 0.5em;
  }
  .topic-head h1 {
    margin: 0;
  }
  .topic-head .picture {
    font-size: 2.6em;
  }
  .levels {
    background: var(--sp-surface);
    border-inline-start: 8px solid var(--sp-primary-dark);
    border-radius: var(--sp-radius);
    padding: 0.6em 1em;
  }
  .services {
    grid-template-columns: 1fr;
  }
  @media (orientation: landscape) {
    .services {
      grid-template-columns: repeat(2, 1fr);
    }
  }
  .service {
    box-sizing: border-box;
    inline-size: 100%;
    block-size: 100%;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5em;
    padding: 1em 1.2em;
    background: var(--sp-bg);
    color: var(--sp-text);
    border-color: var(--sp-primary);
    text-align: start;
    font-weight: 400;
    line-height: 1.4;
  }
  .name {
    font-size: 1.2em;
    font-weight: 700;
    color: var(--sp-primary-dark);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    margin-block-start: auto;
    padding: 0.2em 0.7em;
    border: 2px solid var(--sp-border);
    border-radius: 999px;
    font-size: 0.9em;
    font-weight: 600;
  }
  .dot {
    inline-size: 0.8em;
    block-size: 0.8em;
    border-radius: 50%;
    background: var(--sp-success);
  }
  .secondo .dot {
    background: var(--sp-primary-dark);
  }
  .loading {
    display: flex;
    align-items: center;
    gap: 0.8em;
    font-size: 1.1em;
  }
  .spinner {
    inline-size: 1.6em;
    block-size: 1.6em;
    border: 5px solid var(--sp-border);
    border-block-start-color: var(--sp-primary);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
