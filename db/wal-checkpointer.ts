import { createRequire } from 'node:module';
import { type MessagePort, Worker } from 'node:worker_threads';
import type LibsqlDatabase from 'libsql';

/**
 * WAL checkpoints in a thread of their own, beside the writer thread (db/write-worker.ts).
 *
 * Why: a checkpoint copies every page changed since the last one from the WAL back to the
 * database file and fsyncs both. Run by SQLite's auto-checkpoint, it runs on the connection that
 * just committed, i.e. on the writer thread, and every batch waits for it: with the WAL at
 * 10,000 pages a checkpoint took 77–135 ms, a few times in every 13 s of the 200 paced buyers
 * (scenario 10b), and those stalls were its whole p99 (65 ms with them, 11–14 ms with checkpoints
 * switched off). A PASSIVE checkpoint on another connection runs beside the writer: SQLite lets
 * one checkpointer copy frames while a writer appends new ones.
 *
 * What a background checkpoint cannot do is restart the WAL: a writer starts writing it from
 * the beginning again only when, at the start of its transaction, every frame has been copied
 * back. Under steady writes new frames arrive while the checkpoint runs, so the WAL would grow for
 * as long as the sale lasts. So once the WAL passes `restartFrames` the writer copies the frames
 * the last background checkpoint left (those written while it ran: a few percent of them, not
 * the whole WAL) itself, between two group commits, and its next commit starts the WAL over.
 * Under light writes a background checkpoint catches up on its own and the writer has nothing to do.
 */
export interface CheckpointPolicy {
  /** How often the checkpointer looks for committed changes (and checkpoints them). */
  intervalMs: number;
  /** WAL length (pages) from which the writer finishes a checkpoint itself, so that the WAL restarts. */
  restartFrames: number;
}

/** One background checkpoint: about 1 s of changes; the WAL is restarted from ~10,000 pages (40 MB), the bound the auto-checkpoint had. */
export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { intervalMs: 1_000, restartFrames: 10_000 };

/** What `PRAGMA wal_checkpoint` answers: busy (another checkpoint ran), pages in the WAL, pages copied back. */
export interface CheckpointReport {
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}

type Database = LibsqlDatabase.Database;
const Database = createRequire(import.meta.url)('libsql') as typeof LibsqlDatabase;

/** Runs one PASSIVE checkpoint on `db` (it never waits for the writer or readers). */
export function checkpointPassive(db: Database): CheckpointReport {
  const [busy, log, checkpointed] = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').raw(true).get([]) as [number, number, number];
  return { busy: busy !== 0, walFrames: Number(log), checkpointedFrames: Number(checkpointed) };
}

/** Messages from the writer thread to the checkpointer thread. */
type CheckpointerCommand = { stop: true };

/**
 * The checkpointer thread's body: its own connection to the file, a PASSIVE checkpoint whenever
 * another connection has committed since the last look (`PRAGMA data_version`), each result
 * posted to the writer thread. Stops (closing its connection) when the writer says so.
 */
export function runCheckpointer(path: string, policy: CheckpointPolicy, port: MessagePort): void {
  const db = new Database(path, {});
  const dataVersion = db.prepare('PRAGMA data_version').raw(true);
  let seen = -1;
  const timer = setInterval(() => {
    try {
      const version = Number((dataVersion.get([]) as [number])[0]);
      if (version === seen) return;
      seen = version;
      port.postMessage(checkpointPassive(db));
    } catch (err) {
      // The disk failed, or the file went away: the writer takes its checkpoints back (fallBack).
      port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
    }
  }, policy.intervalMs);
  port.on('message', (command: CheckpointerCommand) => {
    if (!command.stop) return;
    clearInterval(timer);
    db.close();
    // Nothing keeps the thread alive any more: it ends, and the writer's stop() resolves.
    port.unref();
  });
}

/**
 * Starts the checkpointer thread from the writer thread: `script` is the writer's own script,
 * which runs `runCheckpointer` when started with `role: 'checkpointer'`. `checkpointRest` runs a
 * PASSIVE checkpoint on the writer's connection. If the checkpointer thread fails, the writer's
 * connection checkpoints by itself again (`fallBack`), so the WAL never grows without bound.
 */
export function startCheckpointer(
  script: URL,
  path: string,
  policy: CheckpointPolicy,
  writer: { checkpointRest: () => void; fallBack: () => void },
): { stop: () => Promise<void> } {
  const worker = new Worker(script, { workerData: { path, role: 'checkpointer', checkpoints: policy } });
  let stopping = false;
  let fellBack = false;
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  const fallBack = () => {
    if (stopping || fellBack) return;
    fellBack = true;
    writer.fallBack();
  };
  worker.on('message', (report: CheckpointReport | { failed: string }) => {
    if ('failed' in report) return fallBack();
    // The report counts the frames there were when the checkpoint began: those appended while it
    // ran are left, and are what the writer copies now (a few, not the whole WAL).
    if (report.walFrames >= policy.restartFrames) writer.checkpointRest();
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    stop: () => {
      stopping = true;
      if (exited) return Promise.resolve();
      return new Promise<void>((done) => {
        worker.once('exit', () => done());
        worker.postMessage({ stop: true } satisfies CheckpointerCommand);
      });
    },
  };
}
