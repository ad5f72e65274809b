import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Stand-ins for the credentials Apple and Google issue, made fresh at test time with the
 * openssl CLI: a self-signed CA stands in for Apple's WWDR intermediate, and a pass
 * certificate it signs stands in for the organizer's Pass Type ID certificate; a fresh RSA
 * key stands in for a Google service account's key. No real Apple or Google server is involved.
 */
export interface TestWalletCredentials {
  dir: string;
  wwdrPem: string;
  passCertPem: string;
  passKeyPem: string;
  googleKeyPem: string;
  googlePublicKeyPem: string;
  cleanup: () => void;
}

export function makeTestWalletCredentials(): TestWalletCredentials {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-creds-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=Test WWDR stand-in/O=Tests');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('pass.key'), '-out', at('pass.csr'), '-subj', '/CN=Pass Type ID: pass.ch.example.tickets/UID=pass.ch.example.tickets/OU=TESTTEAM01');
  writeFileSync(at('ext.cnf'), 'keyUsage=digitalSignature\nextendedKeyUsage=codeSigning,emailProtection,clientAuth\n');
  openssl('x509', '-req', '-in', at('pass.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('pass.pem'), '-days', '2', '-extfile', at('ext.cnf'));
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', at('google.key'));
  openssl('pkey', '-in', at('google.key'), '-pubout', '-out', at('google.pub'));
  return {
    dir,
    wwdrPem: readFileSync(at('ca.pem'), 'utf8'),
    passCertPem: readFileSync(at('pass.pem'), 'utf8'),
    passKeyPem: readFileSync(at('pass.key'), 'utf8'),
    googleKeyPem: readFileSync(at('google.key'), 'utf8'),
    googlePublicKeyPem: readFileSync(at('google.pub'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment variables a server reads for both wallets. */
export function walletEnv(creds: TestWalletCredentials, issuerId = '3388000000012345678'): Record<string, string> {
  return {
    APPLE_PASS_TYPE_ID: 'pass.ch.example.tickets',
    APPLE_TEAM_ID: 'TESTTEAM01',
    APPLE_PASS_CERTIFICATE: creds.passCertPem,
    APPLE_PASS_KEY: creds.passKeyPem,
    APPLE_WWDR_CERTIFICATE: creds.wwdrPem,
    GOOGLE_WALLET_ISSUER_ID: issuerId,
    GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: 'tickets@test-project.iam.gserviceaccount.com',
    GOOGLE_WALLET_PRIVATE_KEY: creds.googleKeyPem,
  };
}
