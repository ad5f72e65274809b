import { css } from 'lit';

export const waitingListJoinStyles = css`
  section {
    display: grid;
    gap: 0.75em;
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
  }
  .intro,
  .alert p {
    margin: 0;
  }
  .alert {
    display: grid;
    gap: 0.4em;
  }
  form {
    display: grid;
    gap: 0.9em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  /* On a phone the buttons take the whole width, easy to reach with a thumb. */
  @media (max-width: 480px) {
    .actions .btn {
      flex: 1 1 100%;
    }
  }
`;
