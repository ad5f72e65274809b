import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../env.js';
import { ApplyCodeBody, CheckoutBody, ChangeHoldBody, CreateHoldBody, HoldCodeParams, HoldParams } from '../../../../contract/storefront.js';
import { ShopParams } from '../../../../contract/common.js';
import { changeHold, createHold, extendHold, getHoldView, releaseHold } from '../../services/holds.js';
import { checkout } from '../../services/checkout.js';
import { applyCode, removeCode } from '../../services/hold-codes.js';
import { validate } from '../../validation.js';
import { recordedJson } from '../../middleware/idempotency.js';
import { limitCodeGuesses } from '../../rate-limit/middleware.js';
import { resellerOfRequest } from '../../services/resellers/reseller-access.js';

/**
 * The buyer's next availability read sees their own hold: this process reads the version again
 * rather than share one read before the hold (services/availability-feed.ts).
 */
function availabilityMoved(deps: Deps, shopId: string, performanceId: string): void {
  deps.availability?.feed.changed(shopId, performanceId);
}

/** Holds (the buyer's cart) and checkout. The hold id is the buyer's capability: keep it secret. */
export const holdRoutes = new Hono<AppEnv>()
  .post('/:shopId/holds', validate('param', ShopParams), validate('json', CreateHoldBody), async (c) => {
    const { storage, now } = c.get('deps');
    const recorder = c.get('idempotency');
    // A reseller's token makes the hold the reseller's: its seats and places come from its quota.
    const seller = await resellerOfRequest(storage.db, c.get('shop').id, c.req.header('Authorization'));
    const view = await createHold(storage.db, c.get('shop'), c.req.valid('json'), now(), recorder && ((answer) => recorder.record(201, answer)), 'online', seller);
    availabilityMoved(c.get('deps'), c.get('shop').id, view.performanceId);
    return recordedJson(c, view, 201);
  })
  .get('/:shopId/holds/:holdId', validate('param', HoldParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await getHoldView(storage.db, c.get('shop'), c.req.valid('param').holdId, now()), 200);
  })
  .patch('/:shopId/holds/:holdId', validate('param', HoldParams), validate('json', ChangeHoldBody), async (c) => {
    const { storage, now } = c.get('deps');
    const view = await changeHold(storage.db, c.get('shop'), c.req.valid('param').holdId, c.req.valid('json'), now());
    availabilityMoved(c.get('deps'), c.get('shop').id, view.performanceId);
    return c.json(view, 200);
  })
  .post('/:shopId/holds/:holdId/extend', validate('param', HoldParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await extendHold(storage.db, c.get('shop'), c.req.valid('param').holdId, now()), 200);
  })
  .delete('/:shopId/holds/:holdId', validate('param', HoldParams), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await releaseHold(storage.db, c.get('shop'), c.req.valid('param').holdId, now()), 200);
  })
  // Codes typed into the cart: promo codes, access passes and gift vouchers, one field for all.
  .post('/:shopId/holds/:holdId/codes', validate('param', HoldParams), limitCodeGuesses(), validate('json', ApplyCodeBody), async (c) => {
    const { storage, now } = c.get('deps');
    return c.json(await applyCode(storage.db, c.get('shop'), c.req.valid('param').holdId, c.req.valid('json').code, now()), 200);
  })
  .delete('/:shopId/holds/:holdId/codes/:code', validate('param', HoldCodeParams), async (c) => {
    const { storage, now } = c.get('deps');
    const { holdId, code } = c.req.valid('param');
    return c.json(await removeCode(storage.db, c.get('shop'), holdId, code, now()), 200);
  })
  .post('/:shopId/holds/:holdId/checkout', validate('param', HoldParams), validate('json', CheckoutBody), async (c) => {
    const deps = c.get('deps');
    const seller = await resellerOfRequest(deps.storage.db, c.get('shop').id, c.req.header('Authorization'));
    return c.json(await checkout(deps, c.get('shop'), c.req.valid('param').holdId, c.req.valid('json'), seller), 201);
  });
