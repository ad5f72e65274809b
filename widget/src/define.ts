/**
 * Registers a custom element unless the tag is taken already, so that loading the widget
 * twice (a script tag and an npm bundle on one page, or a page that re-runs its scripts)
 * is harmless: the first definition wins.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
