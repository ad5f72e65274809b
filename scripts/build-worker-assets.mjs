import { cpSync, existsSync, rmSync } from 'node:fs';

/**
 * The Worker's static assets (wrangler.toml [assets], directory dist/worker-assets): the built
 * script-tag widget under /widget/, the organizer console under /admin/, and the _headers that
 * give the widget CORS and cache headers and the console its Content-Security-Policy.
 * A directory of its own, so that nothing else in dist/ (the Node server) is ever uploaded.
 */
const out = 'dist/worker-assets';
if (!existsSync('dist/widget/ticket-shop.js')) {
  console.error('dist/widget/ticket-shop.js is missing: build the widget first (vite build --mode script-tag).');
  process.exit(1);
}
if (!existsSync('dist/console/index.html')) {
  console.error('dist/console/index.html is missing: build the console first (vite build --mode console).');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
// The Node server's precompressed copies (.br, .gz) stay behind: Cloudflare compresses by itself.
const notPrecompressed = (source) => !/\.(?:br|gz)$/.test(source);
cpSync('dist/widget', `${out}/widget`, { recursive: true, filter: notPrecompressed });
cpSync('dist/console', `${out}/admin`, { recursive: true, filter: notPrecompressed });
cpSync('worker/assets/_headers', `${out}/_headers`);
console.log(`Worker assets in ${out}/`);
