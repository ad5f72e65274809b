import { css } from 'lit';

export const cartStyles = css`
  .cart {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5em;
  }
  h3 {
    font-size: 1.05em;
  }
  .count {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .empty {
    color: var(--_muted);
    font-size: 0.92em;
  }
  .lines {
    display: grid;
    gap: 0.6em;
  }
  .line {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 0.75em;
    padding-bottom: 0.6em;
    border-bottom: 1px solid var(--_border);
  }
  .line .label {
    font-weight: 600;
    font-size: 0.95em;
  }
  .line .amount {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    text-align: end;
  }
  .line .controls {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
  }
  /* As wide as its longest tariff and price, so none is cut; "remove" wraps below if need be. */
  .line select {
    min-height: 36px;
    max-width: 100%;
    padding: 0.2em 0.5em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    font-size: 0.9em;
  }
  .line .tariff-name {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .remove {
    margin-left: auto;
    min-height: 36px;
    padding: 0 0.5em;
    border: 0;
    border-radius: var(--_radius-sm);
    background: none;
    color: var(--_muted);
    font-size: 0.88em;
    font-weight: 600;
    cursor: pointer;
  }
  .remove:hover:not(:disabled) {
    background: var(--_danger-soft);
    color: var(--_danger);
  }
  dl {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.2em 1em;
    font-variant-numeric: tabular-nums;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    text-align: end;
  }
  dt.total,
  dd.total {
    padding-top: 0.3em;
    color: var(--_text);
    font-size: 1.15em;
    font-weight: 700;
  }
  .code-line {
    color: var(--_success);
  }
  dt.due,
  dd.due {
    color: var(--_text);
    font-weight: 700;
  }
  .timer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    padding: 0.5em 0.5em 0.5em 0.85em;
    border-radius: var(--_radius-sm);
    background: var(--_surface);
  }
  /* "Held for" above the time, so that the button beside it keeps its words on one line. */
  .timer .clock {
    display: flex;
    flex-direction: column;
    font-size: 0.92em;
  }
  .timer strong {
    font-size: 1.15em;
    font-variant-numeric: tabular-nums;
  }
  .timer.warning {
    background: var(--_warning-soft);
    color: var(--_warning);
  }
  .timer .btn {
    margin-left: auto;
    white-space: nowrap;
    min-height: 36px;
    padding: 0 0.7em;
    font-size: 0.9em;
  }
`;
