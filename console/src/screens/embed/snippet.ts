import type { embedTexts } from './texts.js';

type TextKey = keyof ReturnType<typeof embedTexts>;

/**
 * The widget's documented theming properties (`@cssproperty` of widget/src/ticket-shop and
 * widget/src/seat-map, README "Theming"), with the widget's defaults as placeholders. `kind`
 * says which CSS property a value must be valid for.
 */
export const themeProperties = [
  { name: '--tk-accent', text: 'prop_accent', kind: 'color', fallback: '#4338ca' },
  { name: '--tk-on-accent', text: 'prop_onAccent', kind: 'color', fallback: '#ffffff' },
  { name: '--tk-background', text: 'prop_background', kind: 'color', fallback: '#ffffff' },
  { name: '--tk-surface', text: 'prop_surface', kind: 'color', fallback: '#f6f6f9' },
  { name: '--tk-text', text: 'prop_text', kind: 'color', fallback: '#17171f' },
  { name: '--tk-text-muted', text: 'prop_textMuted', kind: 'color', fallback: '#555868' },
  { name: '--tk-border', text: 'prop_border', kind: 'color', fallback: '#dfe0e8' },
  { name: '--tk-danger', text: 'prop_danger', kind: 'color', fallback: '#b42318' },
  { name: '--tk-radius', text: 'prop_radius', kind: 'border-radius', fallback: '12px' },
  { name: '--tk-spacing', text: 'prop_spacing', kind: 'padding', fallback: '16px' },
  { name: '--tk-font-family', text: 'prop_fontFamily', kind: 'font-family', fallback: 'system-ui, sans-serif' },
  { name: '--tk-font-size', text: 'prop_fontSize', kind: 'font-size', fallback: '16px' },
  { name: '--tk-seat-map-selected-color', text: 'prop_seatSelected', kind: 'color', fallback: 'var(--tk-accent)' },
  { name: '--tk-seat-map-max-height', text: 'prop_seatMaxHeight', kind: 'max-height', fallback: '70vh' },
] as const satisfies readonly { name: `--tk-${string}`; text: TextKey; kind: string; fallback: string }[];

export type ThemeProperty = (typeof themeProperties)[number];
export type Theme = Partial<Record<ThemeProperty['name'], string>>;

/**
 * Whether a value may stand for a property: valid CSS for what it themes, and nothing that
 * could end the declaration or the style block it is pasted into.
 */
export function validThemeValue(property: ThemeProperty, value: string, supports: (property: string, value: string) => boolean): boolean {
  if (/[;{}<>\\]|\/\*/.test(value)) return false;
  return supports(property.kind, value);
}

export type Scope = { kind: 'shop' } | { kind: 'event'; eventId: string } | { kind: 'performance'; eventId: string; performanceId: string } | { kind: 'gifts' };

export interface EmbedChoice {
  /** This server's origin: the script's origin is where the widget finds the API. */
  origin: string;
  shopId: string;
  scope: Scope;
  /** A language, or null: the page's. */
  lang: string | null;
  theme: Theme;
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The attributes of `<ticket-shop>`, in the order they are written. */
export function widgetAttributes(choice: EmbedChoice): [string, string][] {
  const attributes: [string, string][] = [['shop', choice.shopId]];
  const { scope } = choice;
  if (scope.kind === 'event' || scope.kind === 'performance') attributes.push(['event', scope.eventId]);
  if (scope.kind === 'performance') attributes.push(['performance', scope.performanceId]);
  if (scope.kind === 'gifts') attributes.push(['gifts', '']);
  if (choice.lang) attributes.push(['lang', choice.lang]);
  return attributes;
}

/** The lines an organizer pastes: the script (once per page), the theme if any, the element. */
export function embedSnippet(choice: EmbedChoice): string {
  const lines = [`<script type="module" src="${attribute(choice.origin)}/widget/ticket-shop.js"></script>`];
  const theme = Object.entries(choice.theme).filter(([, value]) => value);
  if (theme.length) lines.push('<style>', '  ticket-shop {', ...theme.map(([name, value]) => `    ${name}: ${value};`), '  }', '</style>');
  const attributes = widgetAttributes(choice)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${attribute(value)}"`))
    .join('');
  lines.push(`<ticket-shop${attributes}></ticket-shop>`);
  return lines.join('\n');
}

/** The origin of an address typed by the organizer, or null when it is not an http(s) address. */
export function originOf(address: string): string | null {
  try {
    const url = new URL(address.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
