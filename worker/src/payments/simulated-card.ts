import { newSecret } from '../domain/ids.js';
import type { AuthorizationResult, PaymentProvider, PaymentRequest, RefundResult } from './provider.js';

/**
 * A card that never leaves the server, for shops in test mode. Any 16-digit number is
 * accepted, except these, which decline with the reason a real issuer would give:
 *   4000 0000 0000 0002  card_declined
 *   4000 0000 0000 9995  insufficient_funds
 *   4000 0000 0000 0069  expired_card
 */
export const declineCards: Record<string, { declineCode: string; message: string }> = {
  '4000000000000002': { declineCode: 'card_declined', message: 'The card was declined.' },
  '4000000000009995': { declineCode: 'insufficient_funds', message: 'The card has insufficient funds.' },
  '4000000000000069': { declineCode: 'expired_card', message: 'The card has expired.' },
};

export const simulatedCard: PaymentProvider = {
  name: 'simulated_card',
  testOnly: true,
  async authorize(request: PaymentRequest): Promise<AuthorizationResult> {
    const number = String(request.details.cardNumber ?? '').replace(/\s+/g, '');
    if (!/^\d{16}$/.test(number)) {
      return { status: 'declined', declineCode: 'invalid_number', message: 'The card number must have 16 digits.' };
    }
    const decline = declineCards[number];
    if (decline) return { status: 'declined', ...decline };
    return { status: 'authorized', reference: `sim_${newSecret()}` };
  },
  async capture() {},
  async void() {},
  /** Refunds any of its own charges; the reference is derived from the key, so a retry answers the same. */
  async refund(reference: string, amount: number, idempotencyKey: string): Promise<RefundResult> {
    if (!reference.startsWith('sim_')) return { status: 'failed', code: 'unknown_charge', message: 'This charge was not made with the simulated card.' };
    if (!Number.isInteger(amount) || amount <= 0) return { status: 'failed', code: 'invalid_amount', message: 'The refund amount must be a positive number of minor units.' };
    return { status: 'refunded', reference: `simr_${idempotencyKey.replace(/[^a-z0-9]/gi, '').toLowerCase()}` };
  },
};
