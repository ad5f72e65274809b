/**
 * The parts a buyer needs only once they have tickets in the cart: the checkout form (with the
 * valibot Buyer schema) and the confirmation (with the QR encoder). `<ticket-shop>` loads this
 * module (one chunk) as soon as a hold exists, so it is there before the buyer clicks "continue".
 */
import '../checkout-form/checkout-form.js';
import '../order-confirmation/order-confirmation.js';
