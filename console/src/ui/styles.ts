import { css } from 'lit';

/**
 * The console's shared look, adopted by every screen's shadow root: readable at a box office
 * desk on a tablet (44 px touch targets, 16 px text), visible focus, and colours that pass
 * WCAG AA contrast. Screens add their own styles after these.
 */
export const consoleStyles = css`
  :host {
    display: block;
    color: #1d2330;
    font-size: 1rem;
    line-height: 1.5;
    --tk-accent: #1f4fd1;
    --tk-accent-text: #ffffff;
    --tk-danger: #b3261e;
    --tk-success: #1d6b35;
    --tk-muted: #55606f;
    --tk-border: #c9ced6;
    --tk-surface: #ffffff;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.6rem;
    margin: 0 0 1rem;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25rem;
    margin: 1.5rem 0 0.75rem;
  }
  h1:focus {
    outline: none;
  }
  a {
    color: var(--tk-accent);
  }
  button,
  .button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border-radius: 6px;
    border: 1px solid var(--tk-border);
    background: var(--tk-surface);
    color: inherit;
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  button.primary,
  .button.primary {
    background: var(--tk-accent);
    border-color: var(--tk-accent);
    color: var(--tk-accent-text);
  }
  button.danger {
    background: var(--tk-danger);
    border-color: var(--tk-danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid #f0b400;
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    min-height: 44px;
    padding: 0.45rem 0.6rem;
    border: 1px solid #8a93a0;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    max-width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: auto;
    width: 1.2rem;
    height: 1.2rem;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--tk-danger);
  }
  .field {
    margin-bottom: 1rem;
  }
  fieldset {
    border: 1px solid var(--tk-border);
    border-radius: 8px;
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  /* Fields side by side while they fit. */
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1rem;
  }
  /* A radio button or checkbox with its label, a whole line to touch. */
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
    font-weight: normal;
    margin: 0;
  }
  .field-error {
    color: var(--tk-danger);
    font-size: 0.9rem;
    margin-top: 0.25rem;
  }
  .hint {
    color: var(--tk-muted);
    font-size: 0.9rem;
  }
  .card {
    background: var(--tk-surface);
    border: 1px solid var(--tk-border);
    border-radius: 8px;
    padding: 1rem 1.25rem;
    margin-bottom: 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .notice {
    border-radius: 6px;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    border: 1px solid;
  }
  .notice.error {
    background: #fdecea;
    border-color: var(--tk-danger);
    color: #7a1a14;
  }
  .notice.success {
    background: #e7f4ea;
    border-color: var(--tk-success);
    color: #134a24;
  }
  .table-wrap {
    /* Contains the visually hidden parts of its table: they would otherwise widen the page. */
    position: relative;
    overflow-x: auto;
    background: var(--tk-surface);
    border: 1px solid var(--tk-border);
    border-radius: 8px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.55rem 0.75rem;
    border-bottom: 1px solid #e3e6ea;
    vertical-align: top;
  }
  th {
    font-weight: 600;
    background: #f7f8fa;
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    font-size: 0.85rem;
    background: #e8ebf0;
    color: #1d2330;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
