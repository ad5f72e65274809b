import { css } from 'lit';

export const codeEntryStyles = css`
  :host {
    display: grid;
    gap: 0.6em;
  }
  .row {
    display: flex;
    gap: 0.5em;
  }
  .row input {
    flex: 1 1 auto;
    min-width: 0;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .row .btn {
    flex: none;
    min-height: 44px;
  }
  .codes {
    display: grid;
    gap: 0.4em;
  }
  .code {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 0.1em 0.5em;
    padding: 0.4em 0.4em 0.4em 0.7em;
    border-radius: var(--_radius-sm);
    background: var(--_success-soft);
    color: var(--_success);
    font-size: 0.9em;
  }
  .code.idle {
    background: var(--_warning-soft);
    color: var(--_warning);
  }
  .code .kind {
    font-weight: 400;
  }
  .code .what {
    grid-column: 1 / -1;
    color: var(--_text);
  }
  .remove {
    min-height: 32px;
    padding: 0 0.5em;
    border: 0;
    border-radius: var(--_radius-sm);
    background: none;
    color: inherit;
    font-size: 0.92em;
    font-weight: 600;
    cursor: pointer;
  }
  .remove:hover:not(:disabled) {
    background: var(--_danger-soft);
    color: var(--_danger);
  }
  .spinner {
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.4em;
  }
`;
