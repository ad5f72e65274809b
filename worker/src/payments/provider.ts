/**
 * The seam where payment providers plug in. Checkout authorizes before it sells and captures
 * after the sale is committed, so a sale that loses its seats at the last moment voids the
 * authorization instead of taking money for nothing.
 */
export interface PaymentRequest {
  amount: number;
  currency: string;
  orderNumber: string;
  /** Method-specific details from the checkout body (e.g. the simulated card number). */
  details: Record<string, unknown>;
}

export type AuthorizationResult =
  | { status: 'authorized'; reference: string }
  | { status: 'declined'; declineCode: string; message: string };

export type RefundResult = { status: 'refunded'; reference: string } | { status: 'failed'; code: string; message: string };

export interface PaymentProvider {
  readonly name: string;
  /** Only offered by shops in test mode (the simulated card). */
  readonly testOnly: boolean;
  authorize(request: PaymentRequest): Promise<AuthorizationResult>;
  capture(reference: string): Promise<void>;
  void(reference: string): Promise<void>;
  /**
   * Pays back part or all of a captured charge. Providers that cannot refund leave it out.
   * The idempotency key (the cancellation's id) makes a retried call refund once, as real
   * providers do with their idempotency keys.
   */
  refund?(reference: string, amount: number, idempotencyKey: string): Promise<RefundResult>;
}
