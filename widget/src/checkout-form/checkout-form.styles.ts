import { css } from 'lit';

export const checkoutFormStyles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 1.25);
  }
  fieldset {
    display: grid;
    gap: var(--_space);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: calc(var(--_space) * 0.25);
    padding: 0;
    font-size: 1.1em;
    font-weight: 650;
  }
  .two {
    display: grid;
    gap: var(--_space);
  }
  @container (min-width: 520px) {
    .two {
      grid-template-columns: 1fr 1fr;
    }
  }
  .payment {
    display: grid;
    gap: 0.75em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .test-mode {
    display: flex;
    align-items: center;
    gap: 0.5em;
    width: fit-content;
    padding: 0.3em 0.75em;
    border: 1px dashed var(--_warning);
    border-radius: 999px;
    background: var(--_warning-soft);
    color: var(--_warning);
    font-size: 0.85em;
    font-weight: 700;
  }
  .free {
    color: var(--_success);
    font-weight: 600;
  }
  .methods {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .method {
    display: flex;
    flex: 1 1 12em;
    align-items: center;
    gap: 0.6em;
    padding: 0.7em 0.9em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    font-weight: 600;
  }
  .method:has(:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  .method:has(:focus-visible) {
    box-shadow: var(--_focus);
  }
  .method input:focus-visible {
    outline: none;
  }
  .method input {
    width: 1.15em;
    height: 1.15em;
    margin: 0;
    accent-color: var(--_accent);
  }
  .payment .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .insurance {
    gap: 0.4em;
  }
  .insurance .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .insurance a {
    color: var(--_accent);
  }
  .card-input {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.06em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .actions .btn-primary {
    flex: 1 1 14em;
    min-height: 52px;
    font-size: 1.05em;
  }
  :host {
    container-type: inline-size;
  }
`;
