import { ApiError } from '../errors.js';
import { isPrivateHostname } from './private-address.js';

export type EndpointUrlProblem = 'not_https' | 'private_host';

/**
 * Where an endpoint may point: https in a live shop (a test-mode shop may use http, e.g. a
 * tunnel to a laptop), and never a private host written as such (localhost, a private IP
 * literal). The one rule for both moments: when the organizer saves the URL, and before each
 * attempt (a shop may have gone live since). Names that resolve to private addresses are
 * refused by the sender, on the address it connects to. `allowPrivate` is the tests'
 * dependency option, never a shop setting.
 */
export function endpointUrlProblem(url: URL, testMode: boolean, allowPrivate: boolean): EndpointUrlProblem | null {
  if (!testMode && url.protocol !== 'https:') return 'not_https';
  if (!allowPrivate && isPrivateHostname(url.hostname)) return 'private_host';
  return null;
}

/** endpointUrlProblem as the organizer API answers it. */
export function assertEndpointUrl(url: string, testMode: boolean, allowPrivate: boolean): void {
  const parsed = new URL(url);
  const problem = endpointUrlProblem(parsed, testMode, allowPrivate);
  if (problem === 'not_https') throw new ApiError(422, 'webhook_url_not_https', 'A live shop sends webhooks over https only: give an https:// URL.');
  if (problem === 'private_host') {
    throw new ApiError(422, 'webhook_url_private', 'This URL points to a private, loopback or link-local address; webhooks go to public addresses only.', {
      host: parsed.hostname,
    });
  }
}
