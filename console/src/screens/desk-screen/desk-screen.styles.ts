// The desk on a 1366×768 screen: the citizen's bookings and forms on the left; for counter clerks, the
// walk-in ticket in a narrow column on the right.
import { css } from 'lit';

export const deskScreenStyles = css`
  main {
    box-sizing: border-box;
    padding: 0.8em calc(var(--sp-gap) * 1.2) var(--sp-gap);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--sp-gap);
    align-items: start;
  }
  main.with-walk-in {
    grid-template-columns: minmax(0, 1fr) 19em;
  }
  .citizen {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.8em;
    margin: 0.2em 0 var(--sp-gap);
  }
  .citizen strong {
    letter-spacing: 0.05em;
  }
  .grow {
    flex: 1;
  }
  desk-booking-form {
    margin-bottom: var(--sp-gap);
  }
  .notice {
    font-weight: 600;
    color: var(--sp-success);
  }
  .notice:empty,
  .error:empty {
    display: none;
  }
  .confirm p {
    margin: 0 0 0.4em;
    font-weight: 600;
  }
  .confirm .actions {
    margin-top: 0.4em;
  }
  .empty {
    color: var(--sp-muted);
    font-style: italic;
  }
`;
