import { defineOperation } from '../operation.js';
import {
  AppleDevicePassesParams,
  AppleDeviceRegistrationBody,
  AppleDeviceRegistrationParams,
  ApplePassParams,
  AppleUpdatedPasses,
  AppleUpdatedPassesQuery,
  AppleWalletLogBody,
} from '../wallet.js';

const tag = 'Apple Wallet web service';
const base = '/api/wallet/apple/v1';
const auth = 'Wallet sends `Authorization: ApplePass <authenticationToken>`, the token of the pass\'s pass.json; another answers 401 `wallet_pass_unauthorized`.';

/**
 * Apple's PassKit web service (v1), which Wallet on a phone calls for the passes this API
 * issued (their pass.json's webServiceURL is `<PUBLIC_URL>/api/wallet/apple`). Not for the widget.
 */
export const walletOperations = [
  defineOperation({
    id: 'registerWalletDevice',
    method: 'post',
    path: `${base}/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber`,
    tag,
    summary: 'A device asks for pushes when this pass changes.',
    description: `${auth} 201 for a new registration, 200 when the device was registered already (its push token is replaced).`,
    auth: 'public',
    params: AppleDeviceRegistrationParams,
    body: AppleDeviceRegistrationBody,
    responses: { 200: null, 201: null },
  }),
  defineOperation({
    id: 'unregisterWalletDevice',
    method: 'delete',
    path: `${base}/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier/:serialNumber`,
    tag,
    summary: 'The pass was removed from the device: no more pushes for it there.',
    description: auth,
    auth: 'public',
    params: AppleDeviceRegistrationParams,
    responses: { 200: null },
  }),
  defineOperation({
    id: 'listUpdatedWalletPasses',
    method: 'get',
    path: `${base}/devices/:deviceLibraryIdentifier/registrations/:passTypeIdentifier`,
    tag,
    summary: 'The serial numbers of the device\'s passes that changed since a tag.',
    description: 'No authentication (Apple\'s protocol): it tells only which of the passes this device registered changed. 204 when none did, or when the device has no registration.',
    auth: 'public',
    params: AppleDevicePassesParams,
    query: AppleUpdatedPassesQuery,
    responses: { 200: AppleUpdatedPasses, 204: null },
  }),
  defineOperation({
    id: 'getLatestWalletPass',
    method: 'get',
    path: `${base}/passes/:passTypeIdentifier/:serialNumber`,
    tag,
    summary: 'The pass as it is now: the ticket that replaced it after an exchange, voided once cancelled.',
    description: `${auth} Answers Last-Modified; with If-Modified-Since not older than it, 304 and no body.`,
    auth: 'public',
    params: ApplePassParams,
    responses: { 200: { mediaType: 'application/vnd.apple.pkpass', description: 'The signed pass, the same serial number.' }, 304: null },
  }),
  defineOperation({
    id: 'logWalletErrors',
    method: 'post',
    path: `${base}/log`,
    tag,
    summary: 'Wallet reports problems it met with this web service.',
    description: 'Logged for the operators (each line cut at 500 characters); no authentication.',
    auth: 'public',
    body: AppleWalletLogBody,
    responses: { 200: null },
  }),
];
