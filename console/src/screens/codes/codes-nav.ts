import { html } from 'lit';
import type { ConsoleSession } from '../../session.js';
import { codeTexts } from './texts.js';

/** The codes area's three lists, as links (the current one marked), shown to a role that may read them. */
export function codesNav(session: ConsoleSession, current: 'promo' | 'passes' | 'vouchers') {
  const t = codeTexts(session.locale);
  const links = [
    { key: 'promo', href: '#/codes', label: t.promoCodes, op: 'listPromoCodes' },
    { key: 'passes', href: '#/codes/passes', label: t.passes, op: 'listPassProducts' },
    { key: 'vouchers', href: '#/codes/vouchers', label: t.vouchers, op: 'listVouchers' },
  ] as const;
  return html`<nav class="codes-nav" aria-label=${t.areaNav}>
    ${links.filter((l) => session.may(l.op)).map((l) => html`<a class="button" href=${l.href} aria-current=${l.key === current ? 'page' : 'false'}>${l.label}</a>`)}
  </nav>`;
}
