// The layering the type checker cannot see (run by `npm run typecheck`; `node scripts/check-imports.mjs [root]`):
//   widget/   imports nothing from worker/ but `import type { AppType }` (the typed client), nothing from db/;
//   contract/ imports nothing from hono, drizzle, lit, worker/, db/ or widget/ (both sides load it);
//   db/       imports nothing from worker/ or widget/ (the schema and storage are a leaf);
//   console/  imports nothing from worker/ or db/ (it reaches the API through its typed client and the contract).
// Every import, export … from, import() and import('…') type is read with TypeScript's parser, so
// comments and strings that merely look like imports do not count. Exits 1 naming file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sourceFile = /\.(?:[cm]?[jt]s|tsx)$/;
const skipped = new Set(['node_modules', 'dist', '.scratch']);

/** Every source file under a folder of the root (none when the folder does not exist). */
function sourcesOf(root, folder) {
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (skipped.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (sourceFile.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(join(root, folder));
  return files;
}

/** The module specifiers of a file, with their line and whether the statement is exactly `import type { AppType }`. */
export function importsOf(path, text = readFileSync(path, 'utf8')) {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const add = (node, specifier, onlyAppType = false) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    found.push({ specifier: specifier.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, onlyAppType });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyAppType =
        clause?.isTypeOnly === true && !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length === 1 && named.elements[0].name.text === 'AppType' && (named.elements[0].propertyName?.text ?? 'AppType') === 'AppType';
      add(node, node.moduleSpecifier, onlyAppType);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node, node.arguments[0]);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0]) {
      add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top folder of the root a relative specifier lands in ('worker', 'db', …), or null for a package. */
function folderOf(root, file, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = relative(root, resolve(dirname(file), specifier));
  return target.split(sep)[0];
}

const packageOf = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
/** Packages that tie code to the server (hono, drizzle) or to the browser (lit). */
const serverOrBrowser = (name) => /^(hono|@hono\/.*|drizzle-.*|lit|lit-.*|@lit\/.*|@lit-labs\/.*)$/.test(name);

const rules = [
  {
    folder: 'widget',
    refuse(root, file, { specifier, onlyAppType }) {
      const folder = folderOf(root, file, specifier);
      if (folder === 'worker' && !onlyAppType) return 'the widget may import from worker/ only `import type { AppType }`';
      if (folder === 'db') return 'the widget imports nothing from db/';
      return null;
    },
  },
  {
    folder: 'contract',
    refuse(root, file, { specifier }) {
      const folder = folderOf(root, file, specifier);
      if (folder === 'worker' || folder === 'db' || folder === 'widget') return `contract/ is shared by server and widget: it imports nothing from ${folder}/`;
      if (folder === null && serverOrBrowser(packageOf(specifier))) return `contract/ is shared by server and widget: it imports no ${packageOf(specifier)}`;
      return null;
    },
  },
  {
    folder: 'console',
    refuse(root, file, { specifier }) {
      const folder = folderOf(root, file, specifier);
      if (folder === 'worker' || folder === 'db') return `the console imports nothing from ${folder}/: it talks to the API through console/src/api/client.ts`;
      return null;
    },
  },
  {
    folder: 'db',
    refuse(root, file, { specifier }) {
      const folder = folderOf(root, file, specifier);
      if (folder === 'worker' || folder === 'widget') return `db/ is a leaf: it imports nothing from ${folder}/`;
      return null;
    },
  },
];

/** Every import that breaks the layering, as "file:line: specifier — why". */
export function checkImports(root) {
  const violations = [];
  for (const rule of rules) {
    for (const file of sourcesOf(root, rule.folder)) {
      for (const found of importsOf(file)) {
        const why = rule.refuse(root, file, found);
        if (why) violations.push(`${relative(root, file)}:${found.line}: '${found.specifier}' — ${why}`);
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const violations = checkImports(root);
  if (violations.length > 0) {
    console.error(`Imports across layers (see scripts/check-imports.mjs):\n${violations.map((v) => `  ${v}`).join('\n')}`);
    process.exit(1);
  }
}
