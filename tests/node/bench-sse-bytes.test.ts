import { describe, expect, it } from 'vitest';
import { eventData, eventVersionKey, SseBytesReader } from '../../bench/lib/sse-bytes.js';

/** A chunked SSE answer as the Node server sends it: the head, then each write as one HTTP chunk. */
function chunkedAnswer(writes: string[]): Buffer {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n';
  const chunks = writes.map((w) => {
    const bytes = Buffer.from(w);
    return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
  });
  return Buffer.concat([Buffer.from(head), ...chunks]);
}

function read(answer: Buffer, cuts: number[]) {
  const events: string[] = [];
  const statuses: number[] = [];
  const reader = new SseBytesReader({ head: (status) => statuses.push(status), event: (bytes) => events.push(bytes.toString('utf8')) });
  let from = 0;
  for (const cut of [...cuts, answer.length]) {
    reader.push(answer.subarray(from, cut));
    from = cut;
  }
  return { events, statuses, bodyBytes: reader.bodyBytes };
}

describe("the on-sale mix watchers' byte reader of an SSE answer", () => {
  const writes = ['retry: 2000\n\n', `id: 12.3\nevent: snapshot\ndata: {"held":"1-4","label":"Théâtre ${'x'.repeat(40)}"}\n\n`, ': keep-alive\n\n', 'id: 13.0\nevent: change\ndata: {"held":"5"}\n\nid: 14.0\nevent: change\ndata: {"held":"6"}\n\n'];
  const answer = chunkedAnswer(writes);
  const expected = ['retry: 2000', `id: 12.3\nevent: snapshot\ndata: {"held":"1-4","label":"Théâtre ${'x'.repeat(40)}"}`, ': keep-alive', 'id: 13.0\nevent: change\ndata: {"held":"5"}', 'id: 14.0\nevent: change\ndata: {"held":"6"}'];

  it('gives every event whole, however the network cuts the bytes (head, size lines, data, CRLFs)', () => {
    const whole = read(answer, []);
    expect(whole.statuses).toEqual([200]);
    expect(whole.events).toEqual(expected);
    expect(whole.bodyBytes).toBe(writes.reduce((n, w) => n + Buffer.byteLength(w), 0));
    for (let cut = 1; cut < answer.length; cut++) expect(read(answer, [cut]).events).toEqual(expected);
    // Byte by byte.
    expect(read(answer, Array.from({ length: answer.length - 1 }, (_, i) => i + 1)).events).toEqual(expected);
  });

  it('reads the version from the id line as digits and the data line as text', () => {
    const [, snapshot, comment, change] = read(answer, []).events.map((e) => Buffer.from(e));
    expect(eventVersionKey(snapshot!)).toBe(12 * 1e6 + 3);
    expect(eventVersionKey(change!)).toBe(13 * 1e6);
    expect(eventVersionKey(comment!)).toBeNull();
    expect(JSON.parse(eventData(snapshot!)).label).toBe(`Théâtre ${'x'.repeat(40)}`);
  });

  it('reports the status of an answer that is not a stream', () => {
    const refused = Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}');
    expect(read(refused, [10]).statuses).toEqual([404]);
  });
});
