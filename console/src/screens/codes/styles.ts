import { css } from 'lit';

/** What the codes screens add to the console's look: the area's tabs and the forms' grid. */
export const codeStyles = css`
  .codes-nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-bottom: 1rem;
  }
  .codes-nav a[aria-current='page'] {
    background: var(--tk-accent);
    border-color: var(--tk-accent);
    color: var(--tk-accent-text);
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: 0 1rem;
  }
  .form-grid input:not([type='checkbox']),
  .form-grid select,
  .form-grid textarea {
    width: 100%;
  }
  select[multiple] {
    min-height: 6rem;
  }
  .muted {
    color: var(--tk-muted);
  }
  form.find {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin-bottom: 1rem;
  }
  form.find .field {
    margin: 0;
    flex: 1 1 16rem;
  }
  form.find input {
    width: 100%;
  }
  dl.facts {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr);
    gap: 0.35rem 1rem;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
`;
