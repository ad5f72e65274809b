// Declarations for the widget's npm entry: tsc emits them (with those of the API modules the
// widget reaches), then only the widget's own are kept, and none may point into the API's
// sources, so the package's types stand alone. Also writes the package manifest of dist/widget/npm.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const emitted = join(root, 'dist/widget/.types');
const target = join(root, 'dist/widget/npm/types');

rmSync(emitted, { recursive: true, force: true });
// tsc also checks the API modules the widget's types reach (AppType); their errors are the
// typecheck's business (npm run typecheck). This step fails on the widget's own errors only.
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'widget/tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
const errors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
const own = errors.filter((line) => line.startsWith('widget/'));
if (own.length > 0 || !existsSync(join(emitted, 'widget/src/index.d.ts'))) {
  console.error(own.length > 0 ? own.join('\n') : `${tsc.stdout}${tsc.stderr}`);
  process.exit(1);
}
if (errors.length > 0) console.warn(`(${errors.length} type errors outside widget/ ignored here; see npm run typecheck)`);
rmSync(target, { recursive: true, force: true });
cpSync(join(emitted, 'widget/src'), target, { recursive: true, filter: (path) => !/\.test\.d\.ts$|\/testing(\/|$)/.test(path) });
const walk = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
// The widget's API types are the contract's (contract/ is a leaf folder of schemas, valibot its
// only dependency): its declarations ship in types/contract, and the widget's point there.
if (existsSync(join(emitted, 'contract'))) {
  const widgetFiles = walk(target);
  cpSync(join(emitted, 'contract'), join(target, 'contract'), { recursive: true });
  for (const file of widgetFiles) {
    const text = readFileSync(file, 'utf8');
    const toContract = relative(dirname(file), join(target, 'contract')).replaceAll('\\', '/');
    const rewritten = text.replace(/(['"])(?:\.\.\/)+contract\//g, `$1${toContract.startsWith('.') ? toContract : `./${toContract}`}/`);
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}
rmSync(emitted, { recursive: true, force: true });

const leaks = walk(target).filter((file) => /from ['"](\.\.\/)+(worker|db)\/|import\(['"](\.\.\/)+(worker|db)\//.test(readFileSync(file, 'utf8')));
if (leaks.length > 0) {
  console.error(`These declarations reach into the API's sources:\n${leaks.map((f) => `  ${relative(root, f)}`).join('\n')}`);
  process.exit(1);
}

const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependency = (name) => app.dependencies[name];
writeFileSync(
  join(root, 'dist/widget/npm/package.json'),
  `${JSON.stringify(
    {
      name: '@ticket-shop/widget',
      version: app.version,
      description: 'The <ticket-shop> web component: dates, seat map, cart and checkout of an embeddable ticket shop',
      type: 'module',
      main: './index.js',
      module: './index.js',
      types: './types/index.d.ts',
      exports: { '.': { types: './types/index.d.ts', default: './index.js' }, './custom-elements.json': './custom-elements.json' },
      customElements: 'custom-elements.json',
      sideEffects: ['./index.js'],
      dependencies: Object.fromEntries(['lit', 'hono', 'valibot', 'uqr'].map((name) => [name, dependency(name)])),
    },
    null,
    2,
  )}\n`,
);
if (!existsSync(join(target, 'index.d.ts'))) process.exit(1);
console.log(`Declarations written to ${relative(root, target)}`);
