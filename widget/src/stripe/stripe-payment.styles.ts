import { css } from 'lit';

export const stripePaymentStyles = css`
  .payment {
    display: grid;
    gap: var(--_space);
  }
  h3 {
    margin: 0;
    font-size: 1.1em;
  }
  /* The checkout's columns size to their content on a phone: whatever Stripe puts in the slot takes the width it is given, never widens the page. */
  .element {
    contain: inline-size;
    min-height: 3em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .element[hidden] {
    display: none;
  }
  .status {
    display: flex;
    align-items: center;
    gap: 0.6em;
    margin: 0;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75em;
  }
  .actions .btn-primary {
    flex: 1 1 14em;
  }
  .alert {
    margin: 0;
  }
`;
