import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** Custom properties only: a template hands values (a zone's colour) to its stylesheet, which decides what they do. */
export type CssProperties = Record<`--${string}`, string>;

class CssPropertiesDirective extends Directive {
  private names: string[] = [];

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProperties() belongs on an element, not in an attribute: <span ${cssProperties({…})}>');
  }

  render(_properties: CssProperties): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [CssProperties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.names) if (!(name in properties)) style.removeProperty(name);
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.names = Object.keys(properties);
    return noChange;
  }
}

/**
 * Sets CSS custom properties on an element through the CSSOM (`style.setProperty`). Under a
 * Content Security Policy without `'unsafe-inline'` the browser refuses every `style`
 * attribute, including the one Lit's `styleMap` writes on its first render; CSSOM changes are
 * not inline styles and always apply. Use it as an element binding: `<span ${cssProperties({ '--_swatch': zone.color })}>`.
 */
export const cssProperties = directive(CssPropertiesDirective);
