/**
 * The script-tag build (dist/widget/ticket-shop.js): one `<script type="module">` on any page
 * defines `<ticket-shop>`. Elements without an `api` attribute talk to the server this script
 * came from, so an organizer pastes two lines and nothing else.
 *
 * It adds one global, `window.TicketShop`, frozen: `{ version }` (the widget's version, for
 * support requests). Nothing else leaks into the page.
 */
import { setDefaultApiOrigin } from './api/origin.js';
import './ticket-shop/ticket-shop.js';
import { version } from './version.js';

setDefaultApiOrigin(new URL(import.meta.url).origin);

declare global {
  interface Window {
    TicketShop?: Readonly<{ version: string }>;
  }
}

if (!window.TicketShop) Object.defineProperty(window, 'TicketShop', { value: Object.freeze({ version }), configurable: true });
