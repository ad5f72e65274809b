import { css } from 'lit';

/**
 * The first stylesheet of every widget element.
 *
 * 1. Design tokens: private `--_*` variables read the public `--tk-*` custom properties
 *    (which inherit through shadow roots), so one declaration on `<ticket-shop>` themes all parts.
 * 2. A host reset: inherited properties are set with !important. In the cascade, an !important
 *    declaration of a shadow tree's :host beats the page's declarations, even !important ones,
 *    so `* { all: unset }`, giant fonts or forced colours on the host page cannot reach inside.
 *    Layout of the box itself (margin, width) is left to the page: that is the organizer's call.
 */
export const hostStyles = css`
  :host {
    --_accent: var(--tk-accent, #4338ca);
    --_accent-hover: var(--tk-accent-hover, color-mix(in srgb, var(--_accent) 86%, black));
    --_accent-soft: var(--tk-accent-soft, color-mix(in srgb, var(--_accent) 10%, white));
    --_on-accent: var(--tk-on-accent, #ffffff);
    --_bg: var(--tk-background, #ffffff);
    --_surface: var(--tk-surface, #f6f6f9);
    --_text: var(--tk-text, #17171f);
    --_muted: var(--tk-text-muted, #555868);
    --_border: var(--tk-border, #dfe0e8);
    --_danger: var(--tk-danger, #b42318);
    --_danger-soft: var(--tk-danger-soft, #fef1f0);
    --_warning: var(--tk-warning, #8a4b00);
    --_warning-soft: var(--tk-warning-soft, #fff5e0);
    --_success: var(--tk-success, #146c3a);
    --_success-soft: var(--tk-success-soft, #ebf8ef);
    --_radius: var(--tk-radius, 12px);
    --_radius-sm: calc(var(--_radius) * 0.6);
    --_space: var(--tk-spacing, 16px);
    --_font: var(--tk-font-family, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_focus: 0 0 0 3px var(--_bg), 0 0 0 5px var(--_accent);

    display: block !important;
    box-sizing: border-box !important;
    visibility: visible !important;
    opacity: 1 !important;
    color: var(--_text) !important;
    font-family: var(--_font) !important;
    font-size: var(--tk-font-size, 16px) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-feature-settings: normal !important;
    font-variation-settings: normal !important;
    font-kerning: auto !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    text-decoration: none !important;
    white-space: normal !important;
    word-break: normal !important;
    overflow-wrap: break-word !important;
    hyphens: manual !important;
    direction: ltr !important;
    writing-mode: horizontal-tb !important;
    cursor: auto !important;
    pointer-events: auto !important;
    user-select: auto !important;
    list-style: none !important;
    border-collapse: separate !important;
    caret-color: auto !important;
    color-scheme: light !important;
    -webkit-text-fill-color: currentcolor !important;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd,
  figure {
    margin: 0;
    padding: 0;
  }
  ul,
  ol {
    list-style: none;
  }
  h2,
  h3,
  h4 {
    font-weight: 650;
    line-height: 1.25;
    letter-spacing: -0.01em;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .sr-only {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .num {
    font-variant-numeric: tabular-nums;
  }

  button,
  input,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 44px;
    padding: 0 1.15em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_text);
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    transition:
      background-color 120ms ease,
      border-color 120ms ease,
      box-shadow 120ms ease;
  }
  .btn:hover:not(:disabled) {
    border-color: color-mix(in srgb, var(--_text) 30%, var(--_border));
    background: var(--_surface);
  }
  .btn:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .btn-primary {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .btn-primary:hover:not(:disabled) {
    border-color: var(--_accent-hover);
    background: var(--_accent-hover);
  }
  .btn-block {
    width: 100%;
  }
  .btn-link {
    min-height: 0;
    padding: 0.25em 0.1em;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
  }
  .btn-link:hover:not(:disabled) {
    background: none;
    text-decoration: underline;
  }

  .alert {
    display: flex;
    gap: 0.75em;
    align-items: flex-start;
    padding: 0.75em 1em;
    border-radius: var(--_radius-sm);
    border: 1px solid transparent;
    font-size: 0.95em;
  }
  .alert-error {
    background: var(--_danger-soft);
    border-color: color-mix(in srgb, var(--_danger) 30%, transparent);
    color: var(--_danger);
  }
  .alert-warning {
    background: var(--_warning-soft);
    border-color: color-mix(in srgb, var(--_warning) 30%, transparent);
    color: var(--_warning);
  }
  .alert-success {
    background: var(--_success-soft);
    border-color: color-mix(in srgb, var(--_success) 30%, transparent);
    color: var(--_success);
  }

  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.15em 0.6em;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 0.8em;
    font-weight: 600;
    white-space: nowrap;
  }
  .chip-success {
    background: var(--_success-soft);
    color: var(--_success);
  }
  .chip-warning {
    background: var(--_warning-soft);
    color: var(--_warning);
  }
  .chip-muted {
    background: var(--_surface);
    color: var(--_muted);
  }

  .skeleton {
    display: block;
    border-radius: var(--_radius-sm);
    background: linear-gradient(90deg, var(--_surface) 0%, color-mix(in srgb, var(--_surface) 40%, var(--_border)) 50%, var(--_surface) 100%);
    background-size: 200% 100%;
    animation: tk-shimmer 1.4s ease-in-out infinite;
  }
  @keyframes tk-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    .btn {
      transition: none;
    }
  }
`;

/** Labelled text fields and selects with inline errors. */
export const fieldStyles = css`
  .field {
    display: grid;
    align-content: start;
    gap: 0.35em;
  }
  .field label {
    font-weight: 600;
    font-size: 0.92em;
  }
  .field .hint {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .field input,
  .field select {
    width: 100%;
    min-height: 44px;
    padding: 0.55em 0.8em;
    border: 1px solid color-mix(in srgb, var(--_text) 25%, var(--_border));
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    transition:
      border-color 120ms ease,
      box-shadow 120ms ease;
  }
  .field input:focus-visible,
  .field select:focus-visible {
    border-color: var(--_accent);
  }
  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
    background: var(--_danger-soft);
  }
  .field .error {
    display: flex;
    gap: 0.4em;
    align-items: baseline;
    color: var(--_danger);
    font-size: 0.88em;
    font-weight: 600;
  }
  .field .error::before {
    content: '!';
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 1.2em;
    height: 1.2em;
    border-radius: 50%;
    background: var(--_danger);
    color: var(--_bg);
    font-size: 0.8em;
    font-weight: 800;
  }
`;
