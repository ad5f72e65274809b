import { css } from 'lit';

/** The spinner of a busy button (codes, payment); its own module so it loads with them, not with the first screen. */
export const spinnerStyles = css`
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid currentcolor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: tk-spin 0.8s linear infinite;
  }
  @keyframes tk-spin {
    to {
      transform: rotate(360deg);
    }
  }
  /* Slower for people who asked for less motion. */
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
`;
