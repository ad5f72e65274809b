// Writes a Brotli (.br) and a gzip (.gz) copy next to every script, style and page file of
// the given build folders, for the Node server's static files (worker/src/node/server.ts serves
// them to browsers that accept the encoding). Compressing once at build time lets the
// slowest settings be used (Brotli quality 11): on a phone's 1.6 Mbps link every kilobyte counts.
// The Worker needs none of it: Cloudflare compresses its static assets itself
// (scripts/build-worker-assets.mjs leaves these copies out).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|webmanifest)$/;
// --skip <subfolder>: leave a subfolder as it is (the widget's npm package is published, not served).
const args = process.argv.slice(2);
const skipAt = args.indexOf('--skip');
const skip = skipAt >= 0 ? args.splice(skipAt, 2)[1] : null;
const folders = args;
if (folders.length === 0) {
  console.error('usage: node scripts/precompress.mjs <build folder>… [--skip <subfolder>]');
  process.exit(1);
}
let files = 0;
let before = 0;
let after = 0;
for (const folder of folders) {
  for (const name of readdirSync(folder, { recursive: true }).map(String)) {
    if (!COMPRESSIBLE.test(name) || (skip && (name === skip || name.startsWith(`${skip}/`)))) continue;
    const path = join(folder, name);
    const bytes = readFileSync(path);
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    const gz = gzipSync(bytes, { level: 9 });
    // A file of a few bytes (the script tag's entry is one import) grows when compressed: sent as it is.
    if (br.length >= bytes.length) continue;
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    files++;
    before += bytes.length;
    after += br.length;
  }
}
console.log(`precompressed ${files} files in ${folders.join(', ')}: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB with Brotli`);
