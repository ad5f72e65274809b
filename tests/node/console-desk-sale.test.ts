import { describe, expect, it } from 'vitest';
import { amountToPay, changeDue, clock, mapSets, methodsFor, saleBody, tariffsForZone, type Hold, type SaleForm } from '../../console/src/screens/sell/desk-sale.js';
import { dayIn, searchPerformances, type DeskPerformance } from '../../console/src/screens/sell/performances.js';

/** The desk's pure rules: what is paid, the change, the sale's body, the seat map's sets, the search. */
describe('the console desk sale rules', () => {
  const form: SaleForm = { method: 'cash', amountGiven: 5000, reference: '', name: '', email: '', language: 'fr', insured: false, emailTickets: true };

  it('sends only what the clerk typed: no buyer when none, the e-mail choice only with an e-mail', () => {
    expect(saleBody('hld_x', form)).toEqual({ holdId: 'hld_x', payment: { method: 'cash', amountGiven: 5000 } });
    expect(saleBody('hld_x', { ...form, method: 'terminal', reference: '  T-1 ', name: ' Anne ', email: 'a@b.ch', emailTickets: false, insured: true })).toEqual({
      holdId: 'hld_x',
      payment: { method: 'terminal', reference: 'T-1' },
      buyer: { name: 'Anne', email: 'a@b.ch', language: 'fr' },
      insured: true,
      emailTickets: false,
    });
    expect(saleBody('hld_x', { ...form, method: 'free' }).payment).toEqual({ method: 'free' });
  });

  it('counts the change, what is missing, and the insurance when taken', () => {
    expect(changeDue(5000, 4250)).toBe(750);
    expect(changeDue(4000, 4250)).toBe(-250);
    const hold = { amountDue: 4250, insurance: { amountDue: 4700 } } as unknown as Hold;
    expect(amountToPay(hold, false)).toBe(4250);
    expect(amountToPay(hold, true)).toBe(4700);
    expect(amountToPay({ amountDue: 4250, insurance: null } as unknown as Hold, true)).toBe(4250);
    expect(methodsFor(0)).toEqual(['free']);
    expect(methodsFor(1)).toEqual(['cash', 'terminal', 'invoice']);
    expect(clock(125)).toBe('2:05');
    expect(clock(-3)).toBe('0:00');
  });

  it('keeps the hold’s own seats selectable and others’ out of reach', () => {
    const sets = mapSets({ held: [1, 2, 3], sold: [4], blocked: [5] }, new Set([2, 3]));
    expect([...sets.held]).toEqual([1]);
    expect([...sets.unavailable].sort()).toEqual([1, 4, 5]);
  });

  it('offers a zone’s tariffs, public ones before hidden ones', () => {
    const t = (id: string, zoneId: string | null, hidden: boolean) => ({ id, zoneId, hidden, eventId: 'e', name: id, price: 1, sortOrder: 0, active: true });
    expect(tariffsForZone([t('m', 'z1', true), t('p', 'z1', false), t('o', 'z2', false), t('g', null, false)], 'z1').map((x) => x.id)).toEqual(['p', 'm']);
    expect(tariffsForZone([t('g', null, false), t('o', 'z2', false)], null).map((x) => x.id)).toEqual(['g']);
  });

  it('finds performances by any words of the event’s name, accents and case ignored', () => {
    const p = (eventTitle: string): DeskPerformance => ({ id: eventTitle, eventId: 'e', eventTitle, startsAt: '2026-12-06T19:00:00Z', planId: null, tariffs: [] });
    const list = [p('Le Malade imaginaire'), p('Nuit du Jazz'), p('Gala sur glace')];
    expect(searchPerformances(list, 'MALADE').map((x) => x.id)).toEqual(['Le Malade imaginaire']);
    expect(searchPerformances(list, 'galà glace').map((x) => x.id)).toEqual(['Gala sur glace']);
    expect(searchPerformances(list, '  ')).toHaveLength(3);
    expect(searchPerformances(list, 'opéra')).toEqual([]);
  });

  it('names the business day in the shop’s time zone', () => {
    expect(dayIn('Europe/Zurich', '2026-12-06T23:30:00Z')).toBe('2026-12-07');
    expect(dayIn('America/New_York', '2026-12-06T23:30:00Z')).toBe('2026-12-06');
  });
});
