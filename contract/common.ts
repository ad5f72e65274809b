import * as v from 'valibot';
import { currencies, locales } from './vocabulary.js';

/** Record ids are short ASCII tokens; anything else is refused before it reaches SQL. */
export const RecordId = v.pipe(v.string(), v.regex(/^[a-z]{2,4}_[a-z0-9]{4,40}$/, 'must be an id such as evt_4k9q2m7xh3pa'));
export const HoldId = v.pipe(v.string(), v.regex(/^hld_[a-z0-9]{20,40}$/, 'must be a hold id'));
export const SeatId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31));
export const Locale = v.picklist(locales);
export const Currency = v.picklist(currencies);
/** Epoch milliseconds in UTC. */
export const Timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8_640_000_000_000));
export const Money = v.pipe(v.number(), v.integer('must be in minor units (centimes)'), v.minValue(0), v.maxValue(100_000_000));
export const Text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
export const Name = (max = 200) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max));
export const Email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('must be an e-mail address'));
export const Color = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1f6feb'));
export const OrderNumber = v.pipe(v.string(), v.regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/, 'must be an order number such as K3F9-7QXM'));
export const OrderSecret = v.pipe(v.string(), v.regex(/^[a-z0-9]{20,40}$/, 'must be the secret from the confirmation link'));

export const ShopParams = v.object({ shopId: RecordId });
