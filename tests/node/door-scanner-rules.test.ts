import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../console/src/api/client.js';
import { decideOffline, type LocalList, type LocalTicket } from '../../console/src/screens/door/door-decision.js';
import { mergeTickets } from '../../console/src/screens/door/door-list.js';
import { serverVerdict } from '../../console/src/screens/door/door-scanner.js';
import { RepeatFilter } from '../../console/src/screens/door/qr-camera.js';
import { readCode, signatureValid } from '../../console/src/screens/door/ticket-code.js';
import { generateSigningKeys, signTicket } from '../../worker/src/domain/ticket-signature.js';

/** The scanner's rules that decide without the server: the console's own modules, run in Node with its WebCrypto. */
const ticket = (number: string, patch: Partial<LocalTicket> = {}): LocalTicket => ({
  number,
  status: 'valid',
  tariffName: 'Enfant',
  seatLabel: null,
  admittedAt: null,
  replacedBy: null,
  externalCode: null,
  ...patch,
});

describe('the door scanner on the device', () => {
  it('verifies our signature with the shop’s public key and refuses an altered code', async () => {
    const keys = await generateSigningKeys();
    const code = await signTicket(keys.privateKey, { shopId: 'shop_a', ticketNumber: 'T7QX-M2K9-4HDA', performanceId: 'perf_1' });
    const read = readCode(code);
    expect(read.kind).toBe('signed');
    if (read.kind !== 'signed') return;
    expect(await signatureValid(read, keys.publicKey)).toBe(true);
    // Another ticket number under the same signature, and the signature of another key.
    const altered = readCode(code.replace('T7QX-M2K9-4HDA', 'T7QX-M2K9-4HDB'));
    expect(altered.kind === 'signed' && (await signatureValid(altered, keys.publicKey))).toBe(false);
    const other = await generateSigningKeys();
    expect(await signatureValid(read, other.publicKey)).toBe(false);
    expect(readCode('TS1.shop_a.T7QX.perf_1.short').kind).toBe('damaged');
    expect(readCode('EXT-123456').kind).toBe('other');
  });

  it('decides from the local list: admitted, already (here), cancelled, exchanged, wrong performance, forged, unknown, other shop', async () => {
    const keys = await generateSigningKeys();
    const list: LocalList = {
      shopId: 'shop_a',
      performanceId: 'perf_1',
      tickets: [
        ticket('AAAA-BBBB-CCCC'),
        ticket('DDDD-EEEE-FFFF', { admittedAt: '2026-12-06T19:01:00.000Z', admittedAtDoor: 'North' }),
        ticket('GGGG-HHHH-JJJJ', { status: 'cancelled' }),
        ticket('KKKK-LLLL-MMMM', { status: 'exchanged', replacedBy: 'NNNN-PPPP-QQQQ' }),
        ticket('RRRR-SSSS-TTTT', { externalCode: 'EXT-42' }),
      ],
    };
    const performances = new Map([['perf_2', { eventTitle: 'Jazz', startsAt: '2026-12-07T20:00:00.000Z' }]]);
    const decide = async (text: string) => {
      const code = readCode(text);
      const valid = code.kind === 'signed' && (await signatureValid(code, keys.publicKey));
      return decideOffline(list, { typed: false, code }, valid, performances, 'dev_mine');
    };
    const signed = (ticketNumber: string, performanceId = 'perf_1', shopId = 'shop_a') => signTicket(keys.privateKey, { shopId, ticketNumber, performanceId });

    expect(await decide(await signed('AAAA-BBBB-CCCC'))).toEqual({ kind: 'admitted', ticket: { number: 'AAAA-BBBB-CCCC', tariffName: 'Enfant', seatLabel: null } });
    expect(await decide(await signed('DDDD-EEEE-FFFF'))).toMatchObject({ kind: 'already', door: 'North', deviceId: 'dev_mine', admittedAt: '2026-12-06T19:01:00.000Z' });
    expect(await decide(await signed('GGGG-HHHH-JJJJ'))).toMatchObject({ kind: 'cancelled' });
    expect(await decide(await signed('KKKK-LLLL-MMMM'))).toMatchObject({ kind: 'exchanged', replacedBy: 'NNNN-PPPP-QQQQ' });
    expect(await decide(await signed('AAAA-BBBB-CCCC', 'perf_2'))).toMatchObject({ kind: 'wrong_performance', performance: { eventTitle: 'Jazz' } });
    expect(await decide(await signed('AAAA-BBBB-CCCC', 'perf_9'))).toMatchObject({ kind: 'wrong_performance', performance: null });
    expect(await decide(await signed('ZZZZ-ZZZZ-ZZZZ'))).toEqual({ kind: 'unknown' });
    expect(await decide(await signed('AAAA-BBBB-CCCC', 'perf_1', 'shop_b'))).toEqual({ kind: 'other_shop' });
    const good = await signed('AAAA-BBBB-CCCC');
    expect(await decide(`${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`)).toEqual({ kind: 'forged' });
    expect(await decide('EXT-42')).toMatchObject({ kind: 'admitted', ticket: { number: 'RRRR-SSSS-TTTT' } });
    expect(await decide('EXT-43')).toEqual({ kind: 'unknown' });
    // Typed as staff type it: lower case, spaces for dashes.
    expect(decideOffline(list, { typed: true, ticketNumber: 'aaaa bbbb cccc' }, false, performances, 'dev_mine')).toMatchObject({ kind: 'admitted' });
  });

  it('merges a delta list without losing an admission this device has not synced yet', () => {
    const local = [ticket('A', { admittedAt: '2026-12-06T19:00:00.000Z', admittedAtDoor: 'North' }), ticket('B'), ticket('C')];
    const delta = mergeTickets(local, [{ ...ticket('A') }, { ...ticket('B'), status: 'cancelled' as const }], false);
    expect(delta.map((t) => [t.number, t.status, t.admittedAt, t.admittedAtDoor])).toEqual([
      ['A', 'valid', '2026-12-06T19:00:00.000Z', 'North'],
      ['B', 'cancelled', null, undefined],
      ['C', 'valid', null, undefined],
    ]);
    // A full list replaces: C is gone; an earlier admission by another device wins over ours.
    const full = mergeTickets(delta, [{ ...ticket('A'), admittedAt: '2026-12-06T18:59:00.000Z' }], true);
    expect(full).toEqual([{ ...ticket('A'), admittedAt: '2026-12-06T18:59:00.000Z' }]);
  });

  it('passes a code on again only after it was out of sight for 2 s', () => {
    const filter = new RepeatFilter(2_000);
    expect(filter.accept('X', 0)).toBe(true);
    expect(filter.accept('X', 1_000)).toBe(false);
    expect(filter.accept('X', 2_500)).toBe(false); // still in sight: seen 1.5 s before
    expect(filter.accept('Y', 2_600)).toBe(true);
    expect(filter.accept('X', 2_700)).toBe(true);
    expect(filter.accept('X', 4_800)).toBe(true);
  });

  it('reads the server’s refusals as the door shows them', () => {
    const refusal = (code: string, details: Record<string, unknown>) => serverVerdict(new ConsoleApiError(409, code, 'refused', details));
    const facts = { ticketNumber: 'A', tariffName: 'Enfant', seatLabel: 'R1-5' };
    expect(refusal('ticket_already_admitted', { admittedAt: '2026-12-06T19:00:00.000Z', deviceId: 'dev_b', door: 'South', ...facts })).toEqual({
      kind: 'already',
      ticket: { number: 'A', tariffName: 'Enfant', seatLabel: 'R1-5' },
      admittedAt: '2026-12-06T19:00:00.000Z',
      door: 'South',
      deviceId: 'dev_b',
    });
    expect(refusal('ticket_exchanged', { replacedBy: 'B', ...facts })).toMatchObject({ kind: 'exchanged', replacedBy: 'B' });
    expect(refusal('ticket_wrong_performance', { performanceId: 'p', eventTitle: 'Jazz', startsAt: '2026-12-07T20:00:00.000Z', ...facts })).toMatchObject({
      kind: 'wrong_performance',
      performance: { eventTitle: 'Jazz' },
    });
    expect(refusal('ticket_unreadable', {})).toEqual({ kind: 'unknown' });
    expect(refusal('rate_limited', {})).toEqual({ kind: 'error', message: 'refused' });
  });
});
