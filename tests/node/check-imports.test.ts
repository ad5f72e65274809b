import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * scripts/check-imports.mjs guards the layering in `npm run typecheck`. Here it is run, as
 * typecheck runs it, on small trees in a temp dir: a checker that passes everything fails here.
 */
const script = fileURLToPath(new URL('../../scripts/check-imports.mjs', import.meta.url));
const run = promisify(execFile);
const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'check-imports-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

async function check(root: string): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [script, root]);
    return { code: 0, stderr };
  } catch (err) {
    const failed = err as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('scripts/check-imports.mjs', () => {
  it('passes a tree that keeps the layering', async () => {
    const root = tree({
      'widget/src/api/client.ts': "import { hc } from 'hono/client';\nimport type { AppType } from '../../../worker/src/app.js';\nimport type { ErrorCode } from '../../../contract/errors.js';\n",
      // Text that only looks like an import does not count.
      'widget/src/notes.ts': "// import { createHold } from '../../worker/src/services/holds.js';\nexport const hint = \"import '../../worker/src/app.js'\";\n",
      'contract/errors.ts': "import * as v from 'valibot';\nimport { locales } from './vocabulary.js';\n",
      'db/schema/orders.ts': "import { sqliteTable } from 'drizzle-orm/sqlite-core';\nimport { orderStatuses } from '../../contract/vocabulary.js';\n",
      'worker/src/app.ts': "import { Hono } from 'hono';\nimport { orders } from '../../db/schema/orders.js';\n",
    });
    expect(await check(root)).toEqual({ code: 0, stderr: '' });
  });

  it('refuses each crossing, naming file and line', async () => {
    const root = tree({
      'widget/src/cart/cart.ts': "import type { AppType } from '../../../worker/src/app.js';\nimport { createHold } from '../../../worker/src/services/holds.js';\n",
      'widget/src/lazy.ts': "\n\nexport const load = () => import('../../worker/src/domain/pricing.js');\n",
      'widget/src/reexport.ts': "export type { AppType } from '../../worker/src/app.js';\n",
      'widget/src/value.ts': "import { AppType } from '../../worker/src/app.js';\n",
      'contract/storefront.ts': "import * as v from 'valibot';\nimport { Hono } from 'hono';\nimport { html } from 'lit';\nimport type { Db } from '../db/storage.js';\nimport { eq } from 'drizzle-orm';\nimport { ApiError } from '../worker/src/errors.js';\n",
      'db/seed.ts': "import { createShop } from '../worker/src/services/shops.js';\n",
      'db/types.ts': "export type Storage = import('../worker/src/db.js').Storage;\n",
    });
    const { code, stderr } = await check(root);
    expect(code).toBe(1);
    for (const line of [
      'widget/src/cart/cart.ts:2:',
      'widget/src/lazy.ts:3:',
      'widget/src/reexport.ts:1:',
      'widget/src/value.ts:1:',
      'contract/storefront.ts:2:',
      'contract/storefront.ts:3:',
      'contract/storefront.ts:4:',
      'contract/storefront.ts:5:',
      'contract/storefront.ts:6:',
      'db/seed.ts:1:',
      'db/types.ts:1:',
    ]) {
      expect(stderr).toContain(line);
    }
    expect(stderr).not.toContain('widget/src/cart/cart.ts:1:');
    expect(stderr).not.toContain('contract/storefront.ts:1:');
    expect(stderr.match(/^ {2}\S/gm)).toHaveLength(11);
  });

  it('passes this repository', async () => {
    expect(await check(fileURLToPath(new URL('../..', import.meta.url)))).toEqual({ code: 0, stderr: '' });
  });
});
