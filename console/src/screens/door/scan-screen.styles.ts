import { css } from 'lit';

/** The scanner is a phone page: one column, big touch targets, and an answer that fills the screen. */
export const scanStyles = css`
  .status-bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-bottom: 1rem;
  }
  .badge.online {
    background: #e3f5e8;
    color: #0f3d1e;
  }
  .badge.offline {
    background: #5c120d;
    color: #fff;
    font-weight: 700;
    font-size: 1rem;
  }
  .current {
    font-weight: 700;
    font-size: 1.1rem;
  }
  .setup select,
  .setup input,
  .typed input {
    width: 100%;
  }
  .hint {
    color: var(--tk-muted);
    font-size: 0.9rem;
  }
  .camera {
    position: relative;
    background: #111;
    border-radius: 12px;
    overflow: hidden;
    aspect-ratio: 3 / 4;
    max-height: 60vh;
    margin: 0 auto 0.75rem;
    max-width: 28rem;
  }
  .camera video {
    width: 100%;
    height: 100%;
    object-fit: cover;
    display: block;
  }
  /* The scan frame: where the QR code goes. */
  .camera .frame {
    position: absolute;
    inset: 20% 15%;
    border: 4px solid #f0b400;
    border-radius: 12px;
    box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.35);
    pointer-events: none;
  }
  .typed form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: flex-end;
  }
  .typed .field {
    flex: 1 1 14rem;
    margin: 0;
  }
  .typed input {
    font-size: 1.25rem;
    font-family: ui-monospace, monospace;
    min-height: 3rem;
  }
  .typed button {
    min-height: 3rem;
  }
  /* The answer covers the whole screen until the next scan or a tap. */
  .answer.idle {
    display: none;
  }
  .answer {
    position: fixed;
    inset: 0;
    z-index: 10;
    display: flex;
    flex-direction: column;
    justify-content: center;
    align-items: center;
    text-align: center;
    padding: 1.5rem;
    border: 0;
    width: 100%;
    font-size: 1.25rem;
    cursor: pointer;
    overflow-y: auto;
  }
  .answer .verdict {
    font-size: clamp(2.25rem, 11vw, 4.5rem);
    font-weight: 800;
    line-height: 1.05;
    margin: 0 0 0.75rem;
    text-transform: uppercase;
    overflow-wrap: anywhere;
  }
  .answer p {
    margin: 0.3rem 0;
  }
  .answer .tariff {
    font-size: clamp(2rem, 10vw, 3.5rem);
    font-weight: 800;
  }
  .answer .seat {
    font-size: 1.75rem;
    font-weight: 700;
  }
  .answer.admitted {
    background: #1d6b35;
    color: #fff;
  }
  .answer.already {
    background: #ffb01f;
    color: #2b1700;
  }
  .answer.refused {
    background: #b3261e;
    color: #fff;
  }
  .answer .dismiss {
    margin-top: 1.5rem;
    background: rgba(255, 255, 255, 0.9);
    color: #1d2330;
    border-color: transparent;
    font-weight: 600;
  }
  .reports li {
    margin-bottom: 0.4rem;
  }
  .reports {
    padding-inline-start: 1.25rem;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }
  .links a {
    min-height: 44px;
    display: inline-flex;
    align-items: center;
  }
`;
