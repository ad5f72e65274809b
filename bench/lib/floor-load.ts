import { idempotencyKey, JsonClient, runUsers, StatusCounts } from './http-client.js';

export interface FloorLoadParams {
  baseUrl: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  sockets: number;
  durationMs: number;
}

export interface FloorLoadResult {
  requests: number;
  elapsedMs: number;
  statuses: Record<string, number>;
}

/**
 * Scenario 12's clients (run in the load generator): `sockets` keep-alive connections, each
 * sending the same request again as soon as its answer is in, for `durationMs`. POSTs carry an
 * Idempotency-Key, as the widget's do.
 */
export async function runFloorLoad(p: FloorLoadParams): Promise<FloorLoadResult> {
  const client = new JsonClient(p.baseUrl, p.sockets);
  await client.warmUp();
  const statuses = new StatusCounts();
  let requests = 0;
  const started = performance.now();
  const deadline = started + p.durationMs;
  await runUsers(p.sockets, async () => {
    while (performance.now() < deadline) {
      const headers = p.method === 'POST' ? { 'Idempotency-Key': idempotencyKey(), ...p.headers } : (p.headers ?? {});
      const answer = await client.send(p.method, p.path, p.body, headers);
      statuses.add(answer);
      requests++;
    }
  });
  const elapsedMs = performance.now() - started;
  client.close();
  return { requests, elapsedMs, statuses: statuses.counts };
}
