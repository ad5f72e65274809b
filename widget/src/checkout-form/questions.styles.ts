import { css } from 'lit';

/** The organizer's questions at checkout: groups of options, a date in three parts, a text area, a consent. */
export const questionStyles = css`
  .questions > .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .ticket-questions {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .ticket-questions > legend {
    float: left;
    width: 100%;
    margin: 0;
    font-size: 1em;
  }
  .ticket-questions > legend + * {
    clear: both;
  }
  .field.group {
    gap: 0.35em;
  }
  .field.group > legend {
    margin: 0 0 0.35em;
    font-size: 0.92em;
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-height: 44px;
    padding: 0.45em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    cursor: pointer;
  }
  .options .option {
    flex: 1 1 8em;
  }
  .option:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .option:has(:focus-visible) {
    box-shadow: var(--_focus);
  }
  .option input {
    flex: none;
    width: 1.15em;
    height: 1.15em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .option input:focus-visible {
    outline: none;
  }
  .option:has([aria-invalid='true']) {
    border-color: var(--_danger);
  }
  .consent-link {
    width: fit-content;
    color: var(--_accent);
    font-size: 0.92em;
  }
  .date {
    display: flex;
    gap: 0.6em;
  }
  .date-part {
    display: grid;
    gap: 0.2em;
  }
  .date-part label {
    font-size: 0.85em;
    font-weight: 500;
  }
  .field .date-part input {
    width: 3.6em;
    text-align: center;
  }
  .field .date-part.year input {
    width: 5.2em;
  }
  .field textarea {
    width: 100%;
    min-height: 5.5em;
    padding: 0.55em 0.8em;
    border: 1px solid color-mix(in srgb, var(--_text) 25%, var(--_border));
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    font: inherit;
    color: inherit;
    resize: vertical;
  }
  .field textarea:focus-visible {
    border-color: var(--_accent);
  }
  .field textarea[aria-invalid='true'],
  .field select[aria-invalid='true'] {
    border-color: var(--_danger);
    background: var(--_danger-soft);
  }
`;
