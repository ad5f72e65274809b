import { css } from 'lit';

export const quantityPickerStyles = css`
  h3 {
    margin-bottom: calc(var(--_space) * 0.75);
    font-size: 1.1em;
  }
  .tariffs {
    display: grid;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .tariff {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: 0.85em var(--_space);
    background: var(--_bg);
  }
  .tariff + .tariff {
    border-top: 1px solid var(--_border);
  }
  .name {
    display: grid;
    gap: 0.1em;
  }
  .name strong {
    font-weight: 650;
  }
  .price {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .stepper {
    display: inline-flex;
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
  }
  .stepper button {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_accent);
    font-size: 1.3em;
    font-weight: 700;
    line-height: 1;
    cursor: pointer;
  }
  .stepper button:hover:not(:disabled) {
    background: var(--_accent-soft);
  }
  .stepper button:disabled {
    color: var(--_border);
    cursor: not-allowed;
  }
  .stepper input {
    width: 2.6em;
    height: 44px;
    border: 0;
    background: transparent;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    text-align: center;
    -moz-appearance: textfield;
    appearance: textfield;
  }
  .stepper input::-webkit-inner-spin-button,
  .stepper input::-webkit-outer-spin-button {
    -webkit-appearance: none;
    margin: 0;
  }
  .note {
    margin-top: 0.6em;
    color: var(--_muted);
    font-size: 0.88em;
  }
`;
