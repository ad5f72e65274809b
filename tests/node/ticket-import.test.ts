import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { demoPerformances, sf, type PerformanceInfo, type TestShop } from './harness.js';

/** Tickets sold elsewhere, imported from a CSV: each line alone, a conflict rejecting only its line. */
describe('importing tickets sold elsewhere', () => {
  let shop: TestShop;
  let theatre: string;
  let concert: string;
  let theatreInfo: PerformanceInfo;
  let concertInfo: PerformanceInfo;
  let file: string;

  beforeAll(async () => {
    ({ shop, theatre, concert, theatreInfo, concertInfo } = await demoPerformances());
    const seatRows = await shop.sql(
      `SELECT s.id, sec.name AS section, sec.code, s.row, s.number, s.zone_id FROM seats s JOIN sections sec ON sec.id = s.section_id WHERE s.plan_id = '${theatreInfo.planId}' AND s.flags = 0 ORDER BY s.id LIMIT 2`,
    );
    const [free, taken] = seatRows as { id: number; section: string; code: string; row: string; number: string; zone_id: string }[];
    const seatTariff = theatreInfo.tariffs.find((t) => t.zoneId === free!.zone_id)!;
    // Someone holds the second seat: its line must be rejected.
    const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: [{ seatId: taken!.id }] });
    expect(hold.status).toBe(201);
    const gaTariff = concertInfo.tariffs.find((t) => t.zoneId === null)!;
    file = [
      'performance;section;row;seat;tariff;barcode;buyer_name;buyer_email',
      `${theatre};${free!.section};${free!.row};${free!.number};${seatTariff.name.toUpperCase()};EXT-0001;Anna Keller;anna@example.ch`,
      `${theatre};${taken!.code};${taken!.row};${taken!.number};${seatTariff.id};EXT-0002;Ben Roth;ben@example.ch`,
      `${concert};;;;${gaTariff.id};EXT-0003;"Chloé ""Cléo"" Favre";chloe@example.ch`,
      `${concert};;;;${gaTariff.name};EXT-0003;Dan Meier;dan@example.ch`,
      `${concert};;;;Tarif inconnu;EXT-0004;Eva Blanc;eva@example.ch`,
      `${concert};;;;${gaTariff.id};EXT-0005;Fritz;not-an-address`,
      `${concert};A;1;;${gaTariff.id};EXT-0006;Gina;gina@example.ch`,
      `prf_unknown000;;;;${gaTariff.id};EXT-0007;Hugo;hugo@example.ch`,
      '',
    ].join('\r\n');
  });

  afterAll(() => shop?.close());

  it('imports the good lines and rejects the others with their line, column and reason', async () => {
    const result = await shop.org('POST', '/api/org/ticket-imports', { csv: file });
    expect(result.status).toBe(200);
    expect(result.body.imported).toBe(2);
    expect(result.body.rejected.map((r: any) => [r.line, r.column, r.code])).toEqual([
      [3, 'seat', 'seat_taken'],
      [5, 'barcode', 'duplicate_barcode'],
      [6, 'tariff', 'unknown_tariff'],
      [7, 'buyer_email', 'invalid_email'],
      [8, 'seat', 'seat_incomplete'],
      [9, 'performance', 'unknown_performance'],
    ]);
    const tokenId = (await shop.org('GET', '/api/org/me')).body.actor.id;
    const imported = await shop.sql(
      "SELECT o.channel, o.status, o.payment_method, o.sold_by, o.buyer_name, t.external_code, t.status AS ticket, t.seat_id IS NOT NULL AS seated, length(t.qr_payload) > 20 AS signed FROM orders o JOIN tickets t ON t.order_id = o.id WHERE o.channel = 'import' ORDER BY t.external_code",
    );
    expect(imported).toEqual([
      { channel: 'import', status: 'paid', payment_method: 'import', sold_by: tokenId, buyer_name: 'Anna Keller', external_code: 'EXT-0001', ticket: 'valid', seated: 1, signed: 1 },
      { channel: 'import', status: 'paid', payment_method: 'import', sold_by: tokenId, buyer_name: 'Chloé "Cléo" Favre', external_code: 'EXT-0003', ticket: 'valid', seated: 0, signed: 1 },
    ]);
    // No e-mail for imported orders.
    expect(await shop.sql("SELECT count(*) AS n FROM outbox_messages WHERE order_id IN (SELECT id FROM orders WHERE channel = 'import')")).toEqual([{ n: 0 }]);
    await assertLedgerIntact(shop.sql);
  });

  it('importing the same file again imports nothing twice', async () => {
    const again = await shop.org('POST', '/api/org/ticket-imports', { csv: file });
    expect(again.status).toBe(200);
    expect(again.body.imported).toBe(0);
    expect(again.body.rejected.filter((r: any) => r.code === 'duplicate_barcode').map((r: any) => r.line)).toEqual([2, 4, 5]);
    expect(await shop.sql("SELECT count(*) AS n FROM tickets WHERE external_code IS NOT NULL")).toEqual([{ n: 2 }]);
    await assertLedgerIntact(shop.sql);
  });

  it('lets the door admit an imported ticket by the other system’s barcode, online and from the offline list', async () => {
    const list = await shop.org('GET', `/api/org/performances/${concert}/door-list`);
    expect(list.status).toBe(200);
    expect(list.body.tickets.filter((t: any) => t.externalCode !== null).map((t: any) => [t.externalCode, t.status, t.admittedAt])).toEqual([['EXT-0003', 'valid', null]]);
    const first = await shop.org('POST', '/api/org/checkins', { code: 'EXT-0003', performanceId: concert });
    expect(first.status).toBe(200);
    expect(first.body.result).toBe('admitted');
    const again = await shop.org('POST', '/api/org/checkins', { code: 'EXT-0003', performanceId: concert });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ticket_already_admitted');
    // A barcode of a ticket for another performance is refused as such.
    const elsewhere = await shop.org('POST', '/api/org/checkins', { code: 'EXT-0001', performanceId: concert });
    expect(elsewhere.body.error.code).toBe('ticket_wrong_performance');
  });

  it('refuses a file without the expected header', async () => {
    const bad = await shop.org('POST', '/api/org/ticket-imports', { csv: 'performance,tariff\nx,y' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'ticket_csv_invalid', details: { missing: ['section', 'row', 'seat', 'barcode', 'buyer_name', 'buyer_email'] } });
  });
});
