import { css } from 'lit';

/** The sell screen: big, plain answers for a desk (the change above all), one column on a phone. */
export const sellStyles = css`
  ul.performances {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul.performances button {
    width: 100%;
    justify-content: space-between;
    flex-wrap: wrap;
    text-align: start;
  }
  ul.performances .title {
    font-weight: 600;
    flex: 1 1 12rem;
  }
  input[type='search'] {
    width: 100%;
    max-width: 30rem;
  }
  .chosen {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
  }
  .performance-name {
    font-weight: 700;
    font-size: 1.15rem;
    margin: 0;
  }
  h2:focus {
    outline: none;
  }
  tk-seat-map {
    display: block;
    margin-bottom: 0.75rem;
    --tk-seat-map-max-height: 55vh;
    --tk-seat-map-min-height: 260px;
  }
  fieldset {
    border: 1px solid var(--tk-border);
    border-radius: 8px;
    margin: 0 0 1rem;
    padding: 0.5rem 1rem;
    min-width: 0;
  }
  .quantity {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
    min-height: 44px;
  }
  .quantity label {
    flex: 1 1 12rem;
  }
  .quantity input {
    width: 6rem;
  }
  ul.seats,
  ul.codes {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    display: grid;
    gap: 0.5rem;
  }
  ul.seats li,
  ul.codes li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  ul.seats label {
    flex: 1 1 12rem;
  }
  ul.seats select {
    flex: 1 1 14rem;
    min-width: 0;
    max-width: 100%;
  }
  .price {
    font-variant-numeric: tabular-nums;
    min-width: 6rem;
    text-align: end;
  }
  form.code {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: flex-end;
    margin-bottom: 0.75rem;
  }
  form.code .field {
    flex: 1 1 14rem;
    margin: 0;
  }
  form.code input {
    width: 100%;
  }
  .timer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    font-variant-numeric: tabular-nums;
  }
  .timer.low {
    color: var(--tk-danger);
    font-weight: 700;
  }
  dl.totals {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 1rem;
    max-width: 28rem;
    margin: 0 0 1rem;
  }
  dl.totals dd {
    margin: 0;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  dl.totals .due {
    font-weight: 800;
    font-size: 1.3rem;
  }
  .methods label,
  label.check {
    display: inline-flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 44px;
    margin-inline-end: 1.25rem;
    font-weight: normal;
  }
  .payment .field input,
  .payment .field select {
    width: 100%;
    max-width: 24rem;
  }
  #given {
    font-size: 1.5rem;
    max-width: 12rem;
  }
  .exact {
    margin-top: 0.5rem;
  }
  .change-live,
  .change {
    font-size: 1.5rem;
    margin: 0.5rem 0 1rem;
  }
  .change-live strong,
  .change strong {
    display: block;
    font-size: 2.75rem;
    line-height: 1.1;
    color: var(--tk-success);
  }
  .change-live.missing {
    color: var(--tk-danger);
    font-weight: 700;
  }
  button.sell {
    font-size: 1.25rem;
    min-height: 3.5rem;
    width: 100%;
    max-width: 24rem;
    justify-content: center;
  }
  .result {
    border: 3px solid var(--tk-success);
    border-radius: 12px;
    padding: 1rem 1.25rem;
    margin-top: 1rem;
  }
  .result h2 {
    margin-top: 0;
  }
`;
