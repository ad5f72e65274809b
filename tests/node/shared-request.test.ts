import { describe, expect, it } from 'vitest';
import { parseJsonOrText, requestJson } from '../shared/request.js';

/** A `send` that answers with what it was sent, so the built request can be inspected. */
const echo = async (request: Request) =>
  new Response(JSON.stringify({ url: request.url, method: request.method, contentType: request.headers.get('content-type'), auth: request.headers.get('authorization'), body: await request.text() }), {
    status: 207,
    headers: { 'X-Echo': 'yes' },
  });

describe('tests/shared/request.ts', () => {
  it('sends an object as JSON with its Content-Type, under the given origin, and returns status, parsed body and headers', async () => {
    const res = await requestJson(echo, 'POST', '/api/x?y=1', { a: 1 }, { Authorization: 'Bearer t' }, { origin: 'https://tickets.example' });
    expect(res.status).toBe(207);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(res.body).toEqual({ url: 'https://tickets.example/api/x?y=1', method: 'POST', contentType: 'application/json', auth: 'Bearer t', body: '{"a":1}' });
  });

  it('sends a string body as it is, lets the caller override the Content-Type, and sends no body or Content-Type without one', async () => {
    const raw = await requestJson(echo, 'PUT', '/raw', '{not json', { 'Content-Type': 'text/plain' });
    expect(raw.body).toMatchObject({ url: 'http://localhost/raw', contentType: 'text/plain', body: '{not json' });
    const bare = await requestJson(echo, 'GET', '/bare');
    expect(bare.body).toMatchObject({ method: 'GET', contentType: null, body: '' });
  });

  it('reads JSON as JSON, an empty body as null and anything else as its text', async () => {
    expect(parseJsonOrText('{"ok":true}')).toEqual({ ok: true });
    expect(parseJsonOrText('')).toBe(null);
    expect(parseJsonOrText('<html>')).toBe('<html>');
    const text = await requestJson(() => new Response('plain words', { status: 500 }), 'GET', '/');
    expect(text).toMatchObject({ status: 500, body: 'plain words' });
    const empty = await requestJson(() => new Response(null, { status: 204 }), 'DELETE', '/');
    expect(empty).toMatchObject({ status: 204, body: null });
  });
});
