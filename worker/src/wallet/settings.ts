/**
 * The platform's wallet credentials, the same variables on Node (environment) and Workers
 * (secrets). Apple passes are signed with the pass type's certificate; Google save links are
 * JWTs signed with a service account's key. Neither set: the shops offer that wallet not at all.
 */
export interface WalletEnv {
  /** pass.com.example.tickets: the Pass Type ID the certificate was issued for. */
  APPLE_PASS_TYPE_ID?: string | undefined;
  /** The Apple Developer team identifier (10 characters). */
  APPLE_TEAM_ID?: string | undefined;
  /** The pass certificate, PEM. */
  APPLE_PASS_CERTIFICATE?: string | undefined;
  /** Its private key, PEM (encrypted with APPLE_PASS_KEY_PASSPHRASE, or not). */
  APPLE_PASS_KEY?: string | undefined;
  APPLE_PASS_KEY_PASSPHRASE?: string | undefined;
  /** Apple's WWDR intermediate certificate (G4), PEM. */
  APPLE_WWDR_CERTIFICATE?: string | undefined;
  /** The Google Wallet issuer id (digits, from the Pay & Wallet console). */
  GOOGLE_WALLET_ISSUER_ID?: string | undefined;
  /** The service account that may issue for it: its e-mail and private key (PEM, PKCS#8). */
  GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL?: string | undefined;
  GOOGLE_WALLET_PRIVATE_KEY?: string | undefined;
  /** Where pass update pushes go (default https://api.push.apple.com; Apple's sandbox is https://api.sandbox.push.apple.com). */
  APPLE_APNS_URL?: string | undefined;
  /** Google's Wallet API (default https://walletobjects.googleapis.com) and OAuth token endpoint (default https://oauth2.googleapis.com/token). */
  GOOGLE_WALLET_API_URL?: string | undefined;
  GOOGLE_OAUTH_TOKEN_URL?: string | undefined;
}

export interface AppleWalletSettings {
  passTypeIdentifier: string;
  teamIdentifier: string;
  signerCert: string;
  signerKey: string;
  signerKeyPassphrase?: string | undefined;
  wwdr: string;
  /** APNs, without a trailing slash: pushes tell devices that a pass changed. */
  apnsUrl: string;
}

export interface GoogleWalletSettings {
  issuerId: string;
  serviceAccountEmail: string;
  privateKeyPem: string;
  /** The Wallet REST API's base and the OAuth token endpoint: a changed ticket's object is patched there. */
  apiUrl: string;
  tokenUrl: string;
}

export interface WalletSettings {
  apple?: AppleWalletSettings | undefined;
  google?: GoogleWalletSettings | undefined;
}

/** PEM text from a secret store or .env file, where line breaks are often written as `\n`. */
function pem(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

/** Names the variable (never its value: it is a secret) whose PEM block is not the expected kind. */
function pemBlock(value: string, name: string, header: RegExp): void {
  if (!header.test(pem(value))) throw new Error(`${name} is not a PEM block of the expected kind (${header.source.replace(/-/g, '')}).`);
}

function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Names the variables of a group that are missing once one of them is set: a half configuration stops the server at start, not at a buyer's tap. */
function complete<K extends keyof WalletEnv>(env: WalletEnv, names: readonly K[], wallet: string): Record<K, string> | undefined {
  const values = names.map((name) => [name, given(env[name])] as const);
  if (values.every(([, value]) => value === undefined)) return undefined;
  const missing = values.filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length > 0) throw new Error(`${wallet} is half configured: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  return Object.fromEntries(values) as Record<K, string>;
}

const appleNames = ['APPLE_PASS_TYPE_ID', 'APPLE_TEAM_ID', 'APPLE_PASS_CERTIFICATE', 'APPLE_PASS_KEY', 'APPLE_WWDR_CERTIFICATE'] as const;
const googleNames = ['GOOGLE_WALLET_ISSUER_ID', 'GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL', 'GOOGLE_WALLET_PRIVATE_KEY'] as const;

/** An http(s) URL from configuration (a typo stops the server at start), without its trailing slash. */
function baseUrl(value: string | undefined, fallback: string, name: string): string {
  const url = given(value) ?? fallback;
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`${name} must be an http(s) URL.`);
  return url.replace(/\/+$/, '');
}

/** Reads both wallets' settings (none set: an empty object, no wallet offered). */
export function walletSettingsFrom(env: WalletEnv): WalletSettings {
  const apple = complete(env, appleNames, 'Apple Wallet');
  const google = complete(env, googleNames, 'Google Wallet');
  if (google && !/^\d+$/.test(google.GOOGLE_WALLET_ISSUER_ID)) throw new Error('GOOGLE_WALLET_ISSUER_ID must be the issuer id, digits only.');
  // A value pasted into the wrong variable is told at start, not as a failed pass at a buyer's tap.
  if (apple) {
    pemBlock(apple.APPLE_PASS_CERTIFICATE, 'APPLE_PASS_CERTIFICATE', /-----BEGIN CERTIFICATE-----/);
    pemBlock(apple.APPLE_WWDR_CERTIFICATE, 'APPLE_WWDR_CERTIFICATE', /-----BEGIN CERTIFICATE-----/);
    pemBlock(apple.APPLE_PASS_KEY, 'APPLE_PASS_KEY', /-----BEGIN (RSA |ENCRYPTED |EC )?PRIVATE KEY-----/);
  }
  if (google) pemBlock(google.GOOGLE_WALLET_PRIVATE_KEY, 'GOOGLE_WALLET_PRIVATE_KEY', /-----BEGIN PRIVATE KEY-----/);
  return {
    apple: apple && {
      passTypeIdentifier: apple.APPLE_PASS_TYPE_ID,
      teamIdentifier: apple.APPLE_TEAM_ID,
      signerCert: pem(apple.APPLE_PASS_CERTIFICATE),
      signerKey: pem(apple.APPLE_PASS_KEY),
      signerKeyPassphrase: given(env.APPLE_PASS_KEY_PASSPHRASE),
      wwdr: pem(apple.APPLE_WWDR_CERTIFICATE),
      apnsUrl: baseUrl(env.APPLE_APNS_URL, 'https://api.push.apple.com', 'APPLE_APNS_URL'),
    },
    google: google && {
      issuerId: google.GOOGLE_WALLET_ISSUER_ID,
      serviceAccountEmail: google.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL,
      privateKeyPem: pem(google.GOOGLE_WALLET_PRIVATE_KEY),
      apiUrl: baseUrl(env.GOOGLE_WALLET_API_URL, 'https://walletobjects.googleapis.com', 'GOOGLE_WALLET_API_URL'),
      tokenUrl: baseUrl(env.GOOGLE_OAUTH_TOKEN_URL, 'https://oauth2.googleapis.com/token', 'GOOGLE_OAUTH_TOKEN_URL'),
    },
  };
}

/** What the widget may offer: the shop info's `wallets`. */
export function walletsOffered(settings: WalletSettings | undefined): { apple: boolean; google: boolean } {
  return { apple: settings?.apple !== undefined, google: settings?.google !== undefined };
}
