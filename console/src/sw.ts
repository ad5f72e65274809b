/**
 * The console's service worker (/admin/sw.js, scope /admin/): after one visit, the console's shell
 * and every chunk of this build are in the cache, so the door scanner (/admin/#/scan) opens at a
 * door without network. It never touches the API (/api/…): answers there are live or fail, and
 * the scanner decides offline from its own IndexedDB copy of the door list.
 *
 * Built by vite as an entry of its own (vite.config.ts, console mode), with the list of this
 * build's files written in place of __CONSOLE_PRECACHE__; it imports nothing so that it stays one
 * classic script.
 */
declare const __CONSOLE_PRECACHE__: string[];

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

const BASE = '/admin/';
const files = __CONSOLE_PRECACHE__.map((file) => BASE + file);
// One cache per build: the list names hashed chunks, so a new build gets a new cache and the old one is dropped.
const CACHE = `tk-console-${hash(files.join('\n'))}`;

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([BASE, ...files]))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('tk-console-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => scope.clients.claim()),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || !url.pathname.startsWith(BASE) || url.pathname === `${BASE}sw.js`) return;
  if (request.mode === 'navigate' || url.pathname === BASE || url.pathname === `${BASE}index.html`) {
    // The page itself: the newest when the network answers (a new build's chunk names), the cached one otherwise.
    event.respondWith(fromNetwork(request, BASE).catch(() => fromCache(BASE)));
    return;
  }
  if (url.pathname.startsWith(`${BASE}assets/`)) {
    // Hashed names never change content: the cache is enough.
    event.respondWith(fromCache(request).catch(() => fromNetwork(request, request)));
    return;
  }
  event.respondWith(fromNetwork(request, request).catch(() => fromCache(request)));
});

async function fromNetwork(request: Request, cacheAs: Request | string): Promise<Response> {
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(cacheAs, copy));
  }
  return response;
}

async function fromCache(request: Request | string): Promise<Response> {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (!cached) throw new Error('not cached');
  return cached;
}
