import { css } from 'lit';

/** A ticket's QR code with its number under it: the confirmation and the exchange show it alike. */
export const ticketCodeStyles = css`
  .ticket .code {
    display: grid;
    justify-items: center;
    gap: 0.4em;
    padding: var(--_space);
  }
  .qr {
    width: min(100%, 200px);
    height: auto;
    aspect-ratio: 1;
  }
  .ticket-number {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    color: var(--_muted);
    font-size: 0.85em;
  }
`;
