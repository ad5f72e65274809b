import { css } from 'lit';

export const tillStyles = css`
  dl.till-figures {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 1rem 0;
  }
  dl.till-figures dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  dl.till-figures .expected {
    font-weight: 800;
    font-size: 1.3rem;
  }
  .difference.short {
    color: var(--tk-danger);
    font-weight: 700;
  }
  .difference.over {
    color: #8a4b00;
    font-weight: 700;
  }
  .confirm {
    border: 2px solid var(--tk-danger);
    border-radius: 8px;
    padding: 0.75rem 1rem;
  }
  .confirm dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
  }
  .confirm dd {
    margin: 0;
  }
  .period {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: flex-end;
  }
  .period .field {
    margin: 0;
  }
  #counted {
    font-size: 1.25rem;
    max-width: 12rem;
  }
  textarea {
    width: 100%;
    max-width: 30rem;
  }
`;
