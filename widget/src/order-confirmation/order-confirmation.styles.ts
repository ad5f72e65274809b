import { css } from 'lit';

export const orderConfirmationStyles = css`
  .confirmation {
    display: grid;
    gap: calc(var(--_space) * 1.25);
  }
  .hero {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_success-soft);
    color: var(--_success);
  }
  .check {
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    border-radius: 50%;
    background: var(--_success);
    color: #fff;
  }
  .check svg {
    width: 26px;
    height: 26px;
  }
  .hero h3 {
    font-size: 1.2em;
  }
  .hero p {
    color: var(--_text);
  }
  .insured {
    display: grid;
    gap: 0.3em;
    padding: 0.75em var(--_space);
    border-radius: var(--_radius-sm);
    background: var(--_surface);
    font-size: 0.95em;
  }
  .insured a {
    color: var(--_accent);
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10em, 1fr));
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .summary dt {
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .summary dd {
    font-weight: 650;
  }
  .number {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.15em;
    letter-spacing: 0.05em;
  }
  .tickets {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
    gap: var(--_space);
  }
  /* Each ticket spans two rows of the list's grid (subgrid), so stubs and codes line up across cards. */
  .ticket {
    display: grid;
    grid-row: span 2;
    grid-template-rows: subgrid;
    gap: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    overflow: hidden;
  }
  .ticket .stub {
    display: grid;
    gap: 0.2em;
    padding: 0.85em var(--_space);
    border-bottom: 2px dashed var(--_border);
    background: var(--_surface);
  }
  .ticket .stub strong {
    font-size: 1.02em;
  }
  .ticket .stub span {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .account,
  .reference {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }
  [part='invoice-link'] {
    justify-self: start;
  }
  .again {
    justify-self: start;
  }
  .policy {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .invoice-status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .documents {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
  }
  .resend-status {
    flex-basis: 100%;
  }
  .resend-status:empty {
    display: none;
  }
  .resend-status.failed {
    color: var(--_danger);
  }
  /* A phone (390 px): the actions stack, each as wide as the page, easy to tap. */
  @media (max-width: 480px) {
    .documents .btn {
      flex: 1 1 100%;
      text-align: center;
    }
  }
`;
