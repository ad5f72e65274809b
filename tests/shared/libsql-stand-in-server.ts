// A libSQL stand-in: it stands in for Turso's servers (sqld), because no libSQL server can be
// installed or reached on our test machines. It serves the part of the protocol that
// `@libsql/client/web` (and the Node client with an http: URL) uses: Hrana over HTTP, JSON
// pipelines at POST /v2/pipeline and /v3/pipeline, with the stream requests execute, batch
// (conditions ok / error / not / and / or / is_autocommit), sequence, store_sql, close_sql,
// get_autocommit and close, batons and a bearer token. Not served: protobuf encoding
// (/v3-protobuf answers 404, so a client probing for it falls back to JSON), cursors
// (/v3/cursor), `describe`, WebSockets. Behind it is a real libSQL file opened with the `libsql`
// package, in WAL mode, one SQLite connection per stream. Every answer hands out a new baton
// (the old one is spent) and no base_url (the client keeps using its own URL). For tests only:
// POST /_stand-in/reset goes back to a copy of a migrated template file (option `template`).
//
// Requests are answered synchronously, one whole pipeline at a time (Node runs one at once), so
// a batch runs alone on the database just as it would on a server that serializes writers.
// Where a real server would wait for a write lock held by another stream's open transaction,
// the stand-in cannot (waiting would block the only thread): that write fails at once with
// SQLITE_BUSY. The API never holds a transaction across requests (every change is one batch).

import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Connection } from './libsql-stand-in/connection.js';
import { Stream, type StreamRequest, type StreamResult } from './libsql-stand-in/stream.js';

export interface LibsqlStandInOptions {
  /** The libSQL database file served. */
  path: string;
  /** When set, every request must carry `Authorization: Bearer <authToken>` (TURSO_AUTH_TOKEN). */
  authToken?: string;
  /**
   * A migrated database file to start from: `path` is replaced by a copy of it now and at every
   * `POST /_stand-in/reset` (tests that need a fresh database per file; off unless given).
   */
  template?: string;
  /** Don't keep the process alive for the server (a test run closes nothing explicitly). */
  unref?: boolean;
}

export interface RunningLibsqlStandIn {
  /** `http://127.0.0.1:<port>`, the TURSO_URL / DATABASE_URL of a client. */
  url: string;
  /** Streams open now (each holds a connection). */
  openStreams(): number;
  /** A fresh copy of the template (see LibsqlStandInOptions.template). */
  reset(): void;
  close(): Promise<void>;
}

// Per connection: foreign keys enforced, as libSQL's server builds do by default (and D1, and
// the Node server); never wait for a lock (see above).
const PRAGMAS = ['foreign_keys = ON', 'busy_timeout = 0'];
// A stream nobody continues is closed after this (its open transaction rolled back), as servers
// expire idle streams.
const STREAM_IDLE_MS = 10_000;
// Connections of closed streams kept for the next streams (their prepared statements with them).
const IDLE_CONNECTIONS = 8;

interface OpenStream {
  stream: Stream;
  baton: string;
  expiry: NodeJS.Timeout;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export async function startLibsqlStandIn(options: LibsqlStandInOptions): Promise<RunningLibsqlStandIn> {
  const streams = new Map<string, OpenStream>();
  let idle: Connection[] = [];

  const freshFile = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.path}${suffix}`, { force: true });
    copyFileSync(options.template!, options.path);
    // A template left with its WAL (commits not yet checkpointed) is whole only with it.
    if (existsSync(`${options.template}-wal`)) copyFileSync(`${options.template}-wal`, `${options.path}-wal`);
  };
  if (options.template) freshFile();
  // WAL is a property of the file: set once, every later connection finds it.
  new Connection(options.path, ['journal_mode = WAL']).close();

  const connect = () => idle.pop() ?? new Connection(options.path, PRAGMAS);
  const release = (connection: Connection) => {
    // An abandoned transaction does not follow its connection into the next stream.
    if (!connection.autocommit) connection.db.exec('ROLLBACK');
    if (idle.length < IDLE_CONNECTIONS) {
      connection.db.exec('PRAGMA foreign_keys = ON');
      idle.push(connection);
    } else connection.close();
  };
  const closeStream = (baton: string) => {
    const open = streams.get(baton);
    if (!open) return;
    streams.delete(baton);
    clearTimeout(open.expiry);
    release(open.stream.connection);
  };
  const closeAll = () => {
    for (const baton of [...streams.keys()]) closeStream(baton);
    for (const connection of idle) connection.close();
    idle = [];
  };

  /** One pipeline: the stream named by the baton (or a new one), its requests in order, a new baton. */
  function pipeline(body: { baton?: string | null; requests?: StreamRequest[] }): { baton: string | null; base_url: null; results: StreamResult[] } {
    if (!Array.isArray(body.requests)) throw new HttpError(400, 'A pipeline needs "requests"', 'PROTOCOL_ERROR');
    let stream: Stream;
    if (body.baton) {
      const open = streams.get(body.baton);
      if (!open) throw new HttpError(400, 'The baton is not valid: the stream was closed or has expired', 'STREAM_EXPIRED');
      // The stream is taken off its baton; it gets a new one below unless this pipeline closes it.
      clearTimeout(open.expiry);
      streams.delete(body.baton);
      stream = open.stream;
    } else stream = new Stream(connect());

    const results = body.requests.map((request) => stream.handle(request));
    if (body.requests.some((request) => request.type === 'close')) {
      release(stream.connection);
      return { baton: null, base_url: null, results };
    }
    // Each answer hands out a new baton; the one just used is spent, so a request cannot be replayed on the stream.
    const baton = randomBytes(16).toString('base64url');
    const expiry = setTimeout(() => closeStream(baton), STREAM_IDLE_MS);
    expiry.unref();
    streams.set(baton, { stream, baton, expiry });
    return { baton, base_url: null, results };
  }

  async function route(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (options.authToken !== undefined && req.headers.authorization !== `Bearer ${options.authToken}`) {
      throw new HttpError(401, 'Authentication required: a bearer token that this server accepts', 'UNAUTHORIZED');
    }
    if (req.method === 'GET' && (path === '/v2' || path === '/v3')) return { status: 200 };
    if (req.method === 'POST' && (path === '/v2/pipeline' || path === '/v3/pipeline')) return { status: 200, body: pipeline(parseJson(await text(req))) };
    if (req.method === 'POST' && path === '/_stand-in/reset' && options.template) {
      closeAll();
      freshFile();
      return { status: 204 };
    }
    throw new HttpError(404, `${req.method} ${path} is not served by the libSQL stand-in`, 'NOT_FOUND');
  }

  const server = createServer((req, res) => {
    route(req).then(
      ({ status, body }) => send(res, status, body),
      (err: unknown) =>
        err instanceof HttpError
          ? send(res, err.status, { message: err.message, code: err.code })
          : send(res, 500, { message: err instanceof Error ? err.message : String(err), code: 'INTERNAL_ERROR' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  if (options.unref) server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openStreams: () => streams.size,
    reset: () => {
      closeAll();
      if (options.template) freshFile();
    },
    close: async () => {
      closeAll();
      // Everything into the database file, so that a copy of it alone is whole (a template). The
      // libsql package does not always close a connection at once (its statements keep it open),
      // so the last close cannot be relied on to checkpoint.
      const last = new Connection(options.path, []);
      last.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      last.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function parseJson(body: string) {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, 'The request body is not JSON', 'PROTOCOL_ERROR');
  }
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    res.writeHead(status, { 'content-length': '0' }).end();
    return;
  }
  const json = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(json.length) }).end(json);
}
