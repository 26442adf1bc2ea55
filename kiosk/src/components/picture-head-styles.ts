// A screen's title with a large pictogram beside it (what went wrong, why the call did not happen).
// The screen sets the pictogram's size and colour on its `.picture`.
import { css } from 'lit';

export const pictureHeadStyles = css`
  .head {
    display: flex;
    align-items: center;
    gap: 0.6em;
    margin-block-end: var(--sp-gap);
  }
  .head h1 {
    margin: 0;
  }
`;
