import { ApiError } from '../errors.js';
import { isPrivateHostname } from './private-address.js';

/**
 * Where an endpoint may point: https in a live shop (a test-mode shop may use http, e.g. a
 * tunnel to a laptop), and never a private host written as such (localhost, a private IP
 * literal). Names that resolve to private addresses are refused at delivery time
 * (jobs/deliver-webhooks.ts). `allowPrivate` is the tests' dependency option, never a shop setting.
 */
export function assertEndpointUrl(url: string, testMode: boolean, allowPrivate: boolean): void {
  const parsed = new URL(url);
  if (!testMode && parsed.protocol !== 'https:') {
    throw new ApiError(422, 'webhook_url_not_https', 'A live shop sends webhooks over https only: give an https:// URL.');
  }
  if (!allowPrivate && isPrivateHostname(parsed.hostname)) {
    throw new ApiError(422, 'webhook_url_private', 'This URL points to a private, loopback or link-local address; webhooks go to public addresses only.', {
      host: parsed.hostname,
    });
  }
}
