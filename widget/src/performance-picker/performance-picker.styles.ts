import { css } from 'lit';

export const performancePickerStyles = css`
  .toolbar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-bottom: calc(var(--_space) * 0.75);
  }
  h3 {
    font-size: 1.1em;
  }
  .views {
    display: inline-flex;
    padding: 3px;
    border-radius: calc(var(--_radius-sm) + 3px);
    background: var(--_surface);
  }
  .views button {
    min-height: 36px;
    padding: 0 0.9em;
    border: 0;
    border-radius: var(--_radius-sm);
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
    cursor: pointer;
  }
  .views button[aria-pressed='true'] {
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
  }

  .list {
    display: grid;
    gap: 0.6em;
  }
  .performance {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: var(--_space);
    width: 100%;
    padding: 0.75em var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    text-align: start;
    cursor: pointer;
    transition:
      border-color 120ms ease,
      background-color 120ms ease,
      transform 120ms ease;
  }
  .performance:hover:not(:disabled) {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  .performance[aria-current='true'] {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .performance:disabled {
    cursor: not-allowed;
    background: var(--_surface);
  }
  .performance:disabled .date,
  .performance:disabled .when {
    opacity: 0.6;
  }
  .date {
    display: grid;
    justify-items: center;
    width: 3.6em;
    padding: 0.35em 0;
    border-radius: var(--_radius-sm);
    background: var(--_surface);
    line-height: 1.1;
  }
  .date .weekday,
  .date .month {
    color: var(--_muted);
    font-size: 0.72em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .date .day {
    font-size: 1.45em;
    font-weight: 700;
  }
  .when {
    display: grid;
    gap: 0.1em;
  }
  .when .time {
    font-weight: 650;
  }
  .when .meta {
    color: var(--_muted);
    font-size: 0.88em;
  }

  .calendar {
    display: grid;
    gap: 0.75em;
  }
  .month-bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .month-bar h4 {
    font-size: 1em;
    text-transform: capitalize;
  }
  .month-bar button {
    width: 40px;
    min-height: 40px;
    padding: 0;
  }
  table {
    width: 100%;
    border-collapse: separate;
    border-spacing: 4px;
    table-layout: fixed;
  }
  th {
    color: var(--_muted);
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
    text-align: center;
  }
  td {
    height: 3em;
    padding: 0;
    text-align: center;
    vertical-align: middle;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  td button {
    display: grid;
    place-items: center;
    width: 100%;
    height: 3em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius-sm);
    background: var(--_accent-soft);
    color: var(--_accent);
    font-weight: 700;
    cursor: pointer;
  }
  td button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  td button.closed {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_muted);
    text-decoration: line-through;
  }
  td button .dot {
    width: 5px;
    height: 5px;
    margin-top: -0.6em;
    border-radius: 50%;
    background: currentcolor;
  }
  .day-list {
    display: grid;
    gap: 0.6em;
  }
  .day-list h4 {
    font-size: 0.95em;
  }
  .empty {
    padding: calc(var(--_space) * 1.5);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    text-align: center;
  }
`;
