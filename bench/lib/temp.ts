import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary folders of one benchmark run. Every folder made here is removed when the run
 * ends, however it ends (normal exit, an error, Ctrl-C).
 */
const folders = new Set<string>();

export function tempDir(prefix = 'ticket-shop-bench-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

export function removeAllTempDirs(): void {
  for (const dir of [...folders]) removeTempDir(dir);
}

process.once('exit', removeAllTempDirs);
