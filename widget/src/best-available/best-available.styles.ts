import { css } from 'lit';

export const bestAvailableStyles = css`
  .panel {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  h3 {
    font-size: 1em;
  }
  form {
    display: grid;
    gap: 0.6em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.88em;
  }
  /* The button keeps its words on one line: beside the count when they fit, else below it. */
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.6em;
  }
  .row .field {
    width: 5.5em;
  }
  .row .zone {
    width: 100%;
  }
  .row .btn {
    flex: 1 0 auto;
    padding: 0 0.9em;
    white-space: nowrap;
  }
`;
