import { css } from 'lit';

export const ticketExchangeStyles = css`
  .exchange {
    display: grid;
    gap: var(--_space);
  }
  h3 {
    font-size: 1.2em;
  }
  h4 {
    font-size: 1em;
  }
  .current,
  .chosen {
    padding: 0.75em var(--_space);
    border-radius: var(--_radius-sm);
    background: var(--_surface);
  }
  .chosen .btn {
    white-space: nowrap;
  }
  .chosen {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .targets {
    display: grid;
    gap: 0.5em;
  }
  .target {
    width: 100%;
    justify-content: flex-start;
  }
  /* The map takes the height its plan needs, legend included: a fixed height let the legend
     spill over the quote below. */
  .map {
    display: grid;
  }
  /* The label is the field (text, then the control): its text reads as a label, the control does not. */
  .field {
    font-size: 0.92em;
    font-weight: 600;
  }
  .field select,
  .field input {
    font-size: 1.087em;
    font-weight: 400;
  }
  .quote {
    display: grid;
    gap: 0.75em;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .quote dl {
    display: grid;
    gap: 0.3em;
  }
  .quote dl div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .quote dt {
    color: var(--_muted);
  }
  .quote .total {
    font-weight: 700;
    border-top: 1px solid var(--_border);
    padding-top: 0.3em;
  }
  .quote .total dt {
    color: var(--_text);
  }
  .done {
    display: grid;
    gap: var(--_space);
  }
  .ticket {
    display: grid;
    grid-template-columns: 1fr auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .ticket .stub {
    display: grid;
    align-content: start;
    gap: 0.2em;
    padding: 0.85em var(--_space);
    background: var(--_surface);
  }
  .back {
    justify-self: start;
  }
`;
