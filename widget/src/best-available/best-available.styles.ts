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
  .row {
    display: grid;
    grid-template-columns: 5.5em 1fr;
    gap: 0.6em;
  }
  .row .zone {
    grid-column: 1 / -1;
  }
  .row .btn {
    align-self: end;
  }
`;
