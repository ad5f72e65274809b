import type { Appearance, StripeElementLocale } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Locale } from '../api/types.js';

/** The Payment Element, as the widget uses it. */
export interface StripePaymentElement {
  mount(target: HTMLElement): void;
  destroy(): void;
}

/** An Elements group, as the widget uses it. */
export interface StripeElementsGroup {
  create(type: 'payment', options?: { layout?: 'tabs' | 'accordion' }): StripePaymentElement;
}

/** What `stripe.confirmPayment` answers: an error, or the PaymentIntent when no redirect was needed. */
export interface StripeConfirmResult {
  error?: { type: string; message?: string };
  paymentIntent?: { id: string; status: string };
}

/**
 * The part of Stripe.js (the object `Stripe(publishableKey)` returns) the widget uses. A stand-in
 * for tests or an end-to-end page implements these two methods.
 */
export interface StripeApi {
  elements(options: { clientSecret: string; appearance: Appearance; locale: StripeElementLocale }): StripeElementsGroup;
  confirmPayment(options: {
    elements: StripeElementsGroup;
    redirect: 'if_required';
    confirmParams: { return_url: string };
  }): Promise<StripeConfirmResult>;
}

/**
 * Gives the Stripe object for a payment: the platform's publishable key, the shop's connected
 * account (charges are made on it), and the buyer's language for Stripe's own texts.
 */
export type StripeLoader = (publishableKey: string, options: { stripeAccount?: string; locale: Locale }) => Promise<StripeApi | null>;

/**
 * Stripe.js itself. `@stripe/stripe-js/pure` adds its script tag (https://js.stripe.com) only
 * when called, not on import, so nothing of Stripe reaches a page before a buyer pays with it.
 * Its typed Stripe object has overloads the narrow StripeApi does not spell out: it is one.
 */
export const loadStripeJs: StripeLoader = (publishableKey, { stripeAccount, locale }) =>
  loadStripe(publishableKey, { ...(stripeAccount ? { stripeAccount } : {}), locale }) as unknown as Promise<StripeApi | null>;
