import type { Appearance } from '@stripe/stripe-js';

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * A CSS colour as Stripe's Appearance API takes it (hex or rgba()): the theme may say
 * `rebeccapurple` or `hsl(…)`, which Stripe does not read. A canvas normalizes any colour the
 * browser knows; an unknown one is left out, so Stripe keeps its own.
 */
function stripeColor(value: string): string | undefined {
  if (!value) return undefined;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return value;
  probe.fillStyle = '#010203';
  probe.fillStyle = value;
  const normalized = String(probe.fillStyle);
  return normalized === '#010203' && value.toLowerCase() !== '#010203' ? undefined : normalized;
}

/**
 * The Payment Element in the widget's theme. Stripe draws it in its own iframe, where our
 * stylesheets do not reach, so the theme goes in as Appearance variables: read from an element
 * of the widget, whose `--_*` tokens resolve the page's `--tk-*` custom properties with the
 * widget's defaults (styles/shared.styles.ts), so both follow one set of values.
 */
export function stripeAppearance(element: Element): Appearance {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  const variables: NonNullable<Appearance['variables']> = {
    colorPrimary: stripeColor(read('--_accent')),
    colorBackground: stripeColor(read('--_bg')),
    colorText: stripeColor(read('--_text')),
    colorTextSecondary: stripeColor(read('--_muted')),
    colorDanger: stripeColor(read('--_danger')),
    fontFamily: read('--_font') || undefined,
    fontSizeBase: read('--tk-font-size') || undefined,
    borderRadius: read('--_radius') || undefined,
  };
  for (const key of Object.keys(variables) as (keyof typeof variables)[]) if (variables[key] === undefined) delete variables[key];
  const border = stripeColor(read('--_border'));
  return { theme: 'stripe', variables, ...(border ? { rules: { '.Input': { borderColor: border }, '.Tab': { borderColor: border } } } : {}) };
}
