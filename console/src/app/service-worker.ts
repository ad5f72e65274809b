/**
 * Registers the console's service worker (/admin/sw.js, built from console/src/sw.ts), which keeps
 * the shell and chunks so the door scanner opens without network after one visit. Under
 * `require-trusted-types-for 'script'` the script URL must be a TrustedScriptURL: the policy
 * 'tk-console-sw' (named in the CSP) passes that one URL and nothing else.
 */
const SCRIPT = '/admin/sw.js';

type TrustedTypesFactory = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown } };

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || location.pathname.indexOf('/admin/') !== 0) return;
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  const policy = factory?.createPolicy('tk-console-sw', {
    createScriptURL: (url) => {
      if (url !== SCRIPT) throw new TypeError(`Not the console's service worker: ${url}`);
      return url;
    },
  });
  const url = (policy ? policy.createScriptURL(SCRIPT) : SCRIPT) as string;
  // A console without it still works online: nothing to tell staff, the scanner says when it is not ready offline.
  navigator.serviceWorker.register(url, { scope: '/admin/' }).catch(() => undefined);
}
