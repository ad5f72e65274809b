import { css } from 'lit';

export const ticketShopStyles = css`
  /* An atomic inline box: text decorations of the page's ancestors (a hostile "underline
     everything") propagate into inline content but not into inline-level boxes like this one. */
  .shell {
    container: tk-shell / inline-size;
    display: inline-grid;
    width: 100%;
    vertical-align: top;
    gap: calc(var(--_space) * 1.25);
    padding: calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 1.35);
    background: var(--_bg);
    box-shadow:
      0 1px 2px rgb(16 24 40 / 0.04),
      0 8px 24px -6px rgb(16 24 40 / 0.08);
  }
  @container tk-shell (min-width: 640px) {
    .shell {
      padding: calc(var(--_space) * 2);
    }
  }

  .head {
    display: grid;
    gap: 0.35em;
  }
  .eyebrow {
    color: var(--_accent);
    font-size: 0.78em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
  }
  .head h2 {
    font-size: clamp(1.35em, 4cqi, 1.9em);
    letter-spacing: -0.02em;
  }
  .subtitle {
    color: var(--_muted);
  }
  .chosen {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35em 0.75em;
    margin-top: 0.4em;
    font-weight: 600;
  }
  .chosen .when {
    display: inline-flex;
    align-items: center;
    gap: 0.45em;
  }
  .chosen svg {
    width: 1.05em;
    height: 1.05em;
    color: var(--_accent);
  }

  .steps {
    display: flex;
    gap: 0.35em;
    counter-reset: step;
  }
  .steps li {
    flex: 1;
    display: grid;
    gap: 0.4em;
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
  }
  .steps li::before {
    content: '';
    height: 4px;
    border-radius: 2px;
    background: var(--_border);
  }
  .steps li.done::before,
  .steps li[aria-current='step']::before {
    background: var(--_accent);
  }
  .steps li[aria-current='step'] {
    color: var(--_text);
  }
  @container tk-shell (max-width: 420px) {
    /* Only the current step is named: on one line, reaching left from the last bar. */
    .steps li[aria-current='step'] span {
      white-space: nowrap;
    }
    .steps li[aria-current='step']:last-child span {
      justify-self: end;
    }
    .steps li:not([aria-current='step']) span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  }

  .notice {
    justify-content: space-between;
  }
  .notice button {
    flex: none;
    min-height: 0;
    padding: 0 0.3em;
    border: 0;
    background: none;
    color: inherit;
    font-size: 1.2em;
    line-height: 1;
    cursor: pointer;
  }

  .columns {
    display: grid;
    gap: calc(var(--_space) * 1.25);
    align-items: start;
  }
  @container tk-shell (min-width: 760px) {
    .columns {
      grid-template-columns: minmax(0, 1fr) minmax(17em, 21em);
    }
    .side {
      position: sticky;
      top: var(--_space);
    }
    /* At checkout the summary comes first in the page's order, and on the right. */
    .checkout .side {
      grid-area: 1 / 2;
    }
  }
  .side {
    display: grid;
    gap: var(--_space);
  }

  .map-frame {
    display: grid;
    min-width: 0;
  }
  /* The seat map draws its own frame; these tokens hand it the widget's theme. */
  .map-frame tk-seat-map {
    display: block;
    width: 100%;
    --tk-color-text: var(--_text);
    --tk-color-muted: var(--_muted);
    --tk-color-surface: var(--_surface);
    --tk-color-border: var(--_border);
    --tk-accent-contrast: var(--_on-accent);
  }
  /* Same box as the map before it knows the plan's ratio, so that loading does not shift the page. */
  .map-status {
    display: grid;
    place-items: center;
    align-content: center;
    gap: 0.75em;
    width: 100%;
    aspect-ratio: 4 / 3;
    min-height: 260px;
    max-height: 70vh;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    text-align: center;
  }
  .map-status:not(.skeleton) {
    background: var(--_surface);
  }

  .events {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(15em, 1fr));
    gap: var(--_space);
  }
  .event-card {
    display: grid;
    align-content: start;
    gap: 0.35em;
    width: 100%;
    height: 100%;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    text-align: start;
    cursor: pointer;
    transition:
      border-color 120ms ease,
      box-shadow 120ms ease;
  }
  .event-card:hover {
    border-color: var(--_accent);
    box-shadow: 0 6px 18px -8px color-mix(in srgb, var(--_accent) 45%, transparent);
  }
  .event-card strong {
    font-size: 1.1em;
  }
  .event-card .meta {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .event-card .next {
    margin-top: 0.4em;
    color: var(--_accent);
    font-size: 0.9em;
    font-weight: 600;
  }

  .skeleton-head {
    display: grid;
    gap: 0.6em;
  }
  .skeleton-rows {
    display: grid;
    gap: 0.6em;
  }
  .sk-eyebrow {
    width: 9em;
    height: 0.8em;
  }
  .sk-title {
    width: min(22em, 80%);
    height: 1.9em;
  }
  .sk-line {
    width: min(16em, 60%);
    height: 1em;
  }
  .sk-row {
    height: 72px;
    border-radius: var(--_radius);
  }
  .failure {
    display: grid;
    justify-items: start;
    gap: var(--_space);
  }
  .back-row {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
  }
`;
