import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

/**
 * The widget's two builds (`npm run build:widget` runs both):
 *
 * - `vite build --mode script-tag`: dist/widget/ticket-shop.js, the file organizers load with a
 *   script tag. Everything is bundled and minified; the seat map and the fr/de/it tables are
 *   separate chunks loaded on demand from next to it (dist/widget/chunks/), and so are the
 *   error texts of every language (i18n/errors/, fetched with the first refusal of the API).
 * - `vite build --mode npm`: dist/widget/npm/index.js, the ES module of the npm package. Its
 *   dependencies (lit, hono, valibot, uqr) stay imports so that the app's bundler dedupes them.
 *
 * Both reach the API's shared code (the valibot Buyer schema, seat-range decoding), whose
 * module graph also declares the drizzle tables: the table builders are pure, and saying so
 * lets the bundler drop them (scripts/check-sizes.mjs fails if drizzle ever reaches a bundle).
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const drizzleTableBuilders = ['sqliteTable', 'text', 'integer', 'real', 'blob', 'numeric', 'index', 'uniqueIndex', 'check', 'primaryKey', 'foreignKey', 'unique', 'sql'];

/**
 * Lit templates are template literals, which minifiers leave alone: their indentation would be
 * a fifth of the bundle. This collapses the whitespace of html``, svg`` and css`` templates of
 * widget sources (found with the TypeScript parser, not regexes), as HTML and CSS would.
 */
function minifyLitTemplates(): Plugin {
  const tags = new Set(['html', 'svg', 'css']);
  return {
    name: 'ticket-shop:minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/(widget|console)\/src\/.*\.ts$/.test(id) || id.endsWith('.test.ts') || !/(html|svg|css)`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const spans: { start: number; end: number; css: boolean }[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && tags.has(node.tag.text)) {
          const css = node.tag.text === 'css';
          const template = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
          for (const part of parts) spans.push({ start: part.getStart(source), end: part.end, css });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (spans.length === 0) return null;
      let out = code;
      for (const { start, end, css } of spans.sort((a, b) => b.start - a.start)) {
        let text = out.slice(start, end).replace(/\s*\n\s*/g, ' ');
        if (css) text = text.replace(/\/\*[^*]*\*+([^/*][^*]*\*+)*\//g, '').replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':').replace(/\s{2,}/g, ' ');
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * The console's service worker (console/src/sw.ts, an entry of its own written to /admin/sw.js so
 * that its scope is /admin/) learns the files of this build: the chunks and styles just written
 * and the public files (manifest, icons), put in place of `__CONSOLE_PRECACHE__`.
 */
function consoleServiceWorker(): Plugin {
  const publicFiles = (dir: string, prefix = ''): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? publicFiles(`${dir}/${entry.name}`, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
  return {
    name: 'ticket-shop:console-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js'];
      if (!worker || worker.type !== 'chunk') return;
      const built = Object.keys(bundle).filter((file) => file !== 'sw.js' && file !== 'index.html' && !file.endsWith('.map'));
      const files = [...built, ...publicFiles(fileURLToPath(new URL('./console/public', import.meta.url)))].sort();
      worker.code = worker.code.replace(/__CONSOLE_PRECACHE__/g, JSON.stringify(files));
    },
  };
}

/**
 * `vite build --mode console`: the organizer console (console/index.html) into dist/console/,
 * served at /admin/ by the Node server and as static assets by the Worker. Its own entry and
 * chunks (one per screen, loaded when opened); no size budget of the widget's kind, but the
 * same rules: no inline script or style, so it runs under a strict CSP with Trusted Types.
 */
const consoleBuild = {
  root: 'console',
  base: '/admin/',
  // The web app manifest and its icons, copied as they are (console/public/).
  publicDir: 'public',
  plugins: [minifyLitTemplates(), consoleServiceWorker()],
  define: { __TICKET_SHOP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Vite would inline small assets as data: URLs and a module preload polyfill as an inline script.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: { index: fileURLToPath(new URL('./console/index.html', import.meta.url)), sw: fileURLToPath(new URL('./console/src/sw.ts', import.meta.url)) },
      output: { entryFileNames: (chunk: { name: string }) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
      treeshake: { manualPureFunctions: drizzleTableBuilders },
    },
  },
};

/**
 * Hono's typed client serializes cookies for callers that pass `cookie` to a request; the widget
 * never sends one (it works with third-party cookies blocked and calls the API without
 * credentials), yet the serializer and its __Host-/__Secure- checks cost about half a kilobyte
 * of the initial bundle. The script-tag build swaps that one module for a serializer that
 * refuses, so a future caller passing cookies fails loudly instead of silently.
 */
function widgetSendsNoCookies(): Plugin {
  const replacement = '\0ticket-shop:no-cookies';
  return {
    name: 'ticket-shop:no-cookies',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '../utils/cookie.js' && importer?.replace(/\\/g, '/').endsWith('hono/dist/client/client.js')) return replacement;
      return null;
    },
    load(id) {
      if (id !== replacement) return null;
      return "export const serialize = () => { throw new Error('The ticket shop widget sends no cookies.'); };";
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'console') return consoleBuild;
  const npm = mode === 'npm';
  return {
    publicDir: false,
    plugins: npm ? [minifyLitTemplates()] : [minifyLitTemplates(), widgetSendsNoCookies()],
    logLevel: 'info',
    define: { __TICKET_SHOP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      outDir: npm ? 'dist/widget/npm' : 'dist/widget',
      emptyOutDir: true,
      target: 'es2022',
      minify: !npm,
      sourcemap: true,
      reportCompressedSize: true,
      lib: {
        entry: npm ? { index: 'widget/src/index.ts' } : { 'ticket-shop': 'widget/src/script-tag.ts' },
        formats: ['es'],
      },
      rolldownOptions: {
        external: npm ? [/^lit($|\/)/, /^@lit\//, /^hono($|\/)/, /^valibot$/, /^uqr$/] : [],
        treeshake: { manualPureFunctions: drizzleTableBuilders },
        output: {
          // Vite keeps whitespace in library ES output; the script-tag bundle is for browsers only, so minify it fully.
          minify: !npm,
          entryFileNames: '[name].js',
          chunkFileNames: npm ? '[name].js' : 'chunks/[name]-[hash].js',
          // Everything the script tag needs before the first paint in one file with the entry's
          // own code, rather than a handful of small shared chunks that each cost a request and a gzip frame.
          ...(npm ? {} : { codeSplitting: { groups: [{ name: 'ticket-shop-core', tags: ['$initial' as const] }] } }),
        },
      },
    },
  };
});
