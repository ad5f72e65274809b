import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeStorage } from '../../../db/node-storage.js';

/**
 * A fresh libSQL file with every migration of db/migrations applied by the project's own
 * migrator (db/node-storage.ts, as `npm run db:migrate` applies them), closed so that it can be
 * copied: the stand-in starts each test file from a copy (its `template` option).
 */
export async function migratedTemplate(): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'libsql-stand-in-'));
  const path = join(dir, 'template.db');
  const storage = await openNodeStorage(`file:${path}`);
  // Closing the last connection checkpoints the WAL into the file and removes it.
  storage.client.close();
  return { dir, path };
}
