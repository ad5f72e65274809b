/**
 * The npm entry of the ticket-shop widget. Importing it defines `<ticket-shop>`; its parts
 * (dates, cart, checkout, seat map) are separate chunks that it loads when a buyer needs them.
 *
 * ```js
 * import '@ticket-shop/widget';
 * // <ticket-shop shop="shp_…" event="evt_…" api="https://tickets.example.ch"></ticket-shop>
 * ```
 *
 * Without an `api` attribute an npm-bundled element talks to the page's own origin (or to the
 * origin given once with `setDefaultApiOrigin`).
 */
export { TicketShop } from './ticket-shop/ticket-shop.js';
export type { TkPerformancePicker } from './performance-picker/performance-picker.js';
export type { TkQuantityPicker } from './quantity-picker/quantity-picker.js';
export type { TkBestAvailable } from './best-available/best-available.js';
export type { TkCart } from './cart/cart.js';
export type { TkCodeEntry } from './code-entry/code-entry.js';
export type { TkGiftShop } from './gift-shop/gift-shop.js';
export type { TkCheckoutForm } from './checkout-form/checkout-form.js';
export type { StripePayable, StripeSale, TkStripePayment } from './stripe/stripe-payment.js';
export type { StripeApi, StripeLoader } from './stripe/stripe-loader.js';
export type { TkOrderConfirmation } from './order-confirmation/order-confirmation.js';
export type { TkSeatMap } from './seat-map/seat-map.js';
export type { TkWaitingListJoin } from './waiting-list/waiting-list-join.js';
export { createShopClient, ShopApiError, type ShopClient } from './api/client.js';
export { setDefaultApiOrigin } from './api/origin.js';
export { errorMessage, formatDate, formatMoney, loadErrorTexts, loadTranslation, supportedLocales } from './i18n/localize.js';
export type { Translation } from './i18n/en.js';
export type * from './api/types.js';
export type * from './events.js';
export { version } from './version.js';
