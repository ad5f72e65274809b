import { css } from 'lit';

export const giftShopStyles = css`
  form,
  .bought,
  .paying {
    display: grid;
    gap: var(--_space);
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  fieldset {
    display: grid;
    gap: var(--_space);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .group {
    display: grid;
    gap: 0.5em;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.88em;
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
    padding: 0.7em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .option:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .option input {
    margin-top: 0.2em;
    accent-color: var(--_accent);
  }
  .two {
    display: grid;
    gap: var(--_space);
  }
  .error {
    color: var(--_danger);
    font-size: 0.88em;
    font-weight: 600;
  }
  .test-mode {
    width: fit-content;
    padding: 0.3em 0.75em;
    border: 1px dashed var(--_warning);
    border-radius: 999px;
    background: var(--_warning-soft);
    color: var(--_warning);
    font-size: 0.85em;
    font-weight: 700;
  }
  .btn-primary {
    min-height: 52px;
  }
  .code {
    padding: 0.6em 1em;
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.4em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-align: center;
  }
`;
