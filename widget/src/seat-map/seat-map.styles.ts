import { css } from 'lit';

export const seatMapStyles = css`
  /* The host's width is its container's, never its content's: the plan's ratio and minimum
     height would otherwise ask for a width of their own (a phone's page scrolling sideways). */
  :host {
    container-type: inline-size;
    /* Seat-map colours, resolved here so that the canvas reads plain values with getComputedStyle. */
    --_selected: var(--tk-seat-map-selected-color, var(--_accent));
    --_taken: var(--tk-seat-map-unavailable-color, #b3bac5);
    --_held: var(--tk-seat-map-held-color, #8d97a7);
    --_nfs: var(--tk-seat-map-not-for-sale-color, #d3d8df);
    --_floor: var(--tk-seat-map-section-color, #e4e8ef);
    --_lost: var(--tk-seat-map-lost-color, var(--_danger));
    --_seat-focus: var(--tk-seat-map-focus-color, #0f172a);
    --_label: var(--tk-seat-map-label-color, #334155);
    --_halo: var(--tk-seat-map-label-halo-color, rgba(255, 255, 255, 0.92));
    --_landmark: var(--tk-seat-map-landmark-color, #d5dbe5);
    --_shadow: 0 1px 2px rgba(15, 23, 42, 0.08), 0 6px 20px rgba(15, 23, 42, 0.1);
  }

  [part='base'] {
    display: flex;
    flex-direction: column;
    height: 100%;
  }

  [hidden] {
    display: none !important;
  }

  /* The plan's aspect ratio sizes the map before and after it loads; a host that gives the
     element a height instead gets a map that fills it (flex). */
  .stage {
    position: relative;
    flex: 1 1 auto;
    width: 100%;
    aspect-ratio: var(--tk-seat-map-aspect-ratio, var(--_ratio, 4 / 3));
    max-height: var(--tk-seat-map-max-height, 70vh);
    min-height: var(--tk-seat-map-min-height, 260px);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--tk-seat-map-background, var(--_surface));
    contain: strict;
  }

  canvas {
    position: absolute;
    top: var(--_bar, 0);
    left: 0;
    width: 100%;
    height: calc(100% - var(--_bar, 0px));
    touch-action: none;
    cursor: grab;
    outline: none;
  }

  /* Under the list it keeps its size, so the view stays fitted. */
  canvas[hidden] {
    display: block !important;
    visibility: hidden;
  }

  canvas:active {
    cursor: grabbing;
  }

  canvas:focus-visible {
    box-shadow: inset 0 0 0 2px var(--_accent);
    border-radius: inherit;
  }

  .toolbar {
    position: absolute;
    top: 12px;
    right: 12px;
    display: flex;
    gap: 2px;
    padding: 4px;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    box-shadow: var(--_shadow);
  }

  .toolbar button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-width: 34px;
    height: 34px;
    padding: 0 8px;
    border: 0;
    border-radius: calc(var(--_radius) - 5px);
    background: transparent;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
  }

  .toolbar button:hover {
    background: rgba(15, 23, 42, 0.06);
  }

  .toolbar button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .toolbar .divider {
    width: 1px;
    margin: 6px 2px;
    background: var(--_border);
  }

  svg {
    width: 18px;
    height: 18px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .tip {
    position: absolute;
    z-index: 1;
    top: var(--_bar, 0);
    left: 0;
    min-width: 190px;
    max-width: 270px;
    padding: 10px 12px;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    box-shadow: var(--_shadow);
    font-size: 13px;
    line-height: 1.4;
    pointer-events: none;
    visibility: hidden;
    opacity: 0;
    transition: opacity 120ms ease, visibility 120ms;
  }

  .tip.show {
    visibility: visible;
    opacity: 1;
  }

  .tip-title {
    display: block;
    font-weight: 650;
    font-size: 14px;
  }

  .tip-place {
    display: flex;
    gap: 14px;
    margin: 2px 0 8px;
    color: var(--_muted);
  }

  .tip-place b {
    color: var(--_text);
    font-weight: 650;
  }

  .tip-zone {
    display: flex;
    align-items: center;
    gap: 8px;
    padding-top: 8px;
    border-top: 1px solid var(--_border);
  }

  .tip-price {
    margin-left: auto;
    font-weight: 650;
    white-space: nowrap;
  }

  .tip-state,
  .tip-hint {
    margin-top: 6px;
    color: var(--_muted);
  }

  .tip-state[data-state='free'] {
    color: var(--_success);
  }

  .tip-state[data-state='selected'] {
    color: var(--_accent);
    font-weight: 600;
  }

  .tip-flags {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-top: 8px;
  }

  .tip-flags li {
    padding: 1px 8px;
    border-radius: 999px;
    background: rgba(15, 23, 42, 0.06);
    font-size: 12px;
  }

  .swatch {
    flex: none;
    display: inline-block;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    background: var(--_swatch);
  }

  .swatch.selected {
    background: var(--_selected);
    box-shadow: 0 0 0 2px var(--tk-seat-map-background, var(--_surface)), 0 0 0 3.5px var(--_selected);
  }

  .swatch.taken {
    background: var(--_taken);
  }

  .swatch.held {
    background: radial-gradient(circle, transparent 2.5px, var(--_held) 3px);
  }

  .swatch.nfs {
    background: var(--_nfs);
  }

  .swatch.wheelchair {
    width: 14px;
    height: 14px;
    border-radius: 4px;
    background: var(--_muted);
    color: #fff;
  }

  .swatch.wheelchair svg {
    display: block;
    width: 14px;
    height: 14px;
    stroke-width: 1.6;
  }

  .legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 18px;
    margin: 12px 2px 0;
    font-size: 14px;
  }

  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 7px;
  }

  .legend .price {
    color: var(--_muted);
  }

  .legend .state {
    color: var(--_muted);
  }

  /* On a narrow map the toolbar gets a strip of its own above the plan, which it would cover. */
  @container (max-width: 560px) {
    .stage {
      --_bar: 46px;
    }
    .toolbar {
      top: 4px;
      right: 4px;
      box-shadow: none;
    }
  }

  .toast {
    position: absolute;
    left: 50%;
    bottom: 14px;
    max-width: calc(100% - 32px);
    padding: 8px 14px;
    border-radius: 999px;
    background: #111827;
    color: #fff;
    font-size: 13px;
    box-shadow: var(--_shadow);
    transform: translateX(-50%);
    pointer-events: none;
  }

  .list {
    position: absolute;
    inset: 0;
    overflow: auto;
    padding: 62px 16px 16px;
    background: var(--_bg);
  }

  .list-section {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 10px;
    margin-bottom: 14px;
    font-weight: 600;
  }

  select {
    min-width: 0;
    max-width: 100%;
    padding: 7px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    font-weight: 400;
  }

  .list-row {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 6px 0;
    border-top: 1px solid var(--_border);
  }

  .list-row-label {
    flex: none;
    width: 2.5em;
    padding-top: 6px;
    color: var(--_muted);
    font-weight: 600;
    text-align: right;
  }

  .list-seats {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }

  .list-seat {
    min-width: 34px;
    height: 32px;
    padding: 0 6px;
    border: 2px solid var(--_zone);
    border-radius: 8px;
    background: var(--_bg);
    font-size: 13px;
    font-weight: 500;
    cursor: pointer;
  }

  .list-seat[aria-pressed='true'] {
    border-color: var(--_selected);
    background: var(--_selected);
    color: var(--_on-accent);
  }

  .list-seat[aria-disabled='true'] {
    border-color: var(--_taken);
    background: var(--_surface);
    color: var(--_muted);
    text-decoration: line-through;
    cursor: not-allowed;
  }

  @media (prefers-reduced-motion: reduce) {
    .tip {
      transition: none;
    }
  }
`;
