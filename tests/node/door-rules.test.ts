import { describe, expect, it } from 'vitest';
import { type AdmissionFact, duplicatesOf, firstAdmissions } from '../../worker/src/domain/admissions.js';
import { readScannedCode, readTypedTicketNumber } from '../../worker/src/domain/door-code.js';

const sig = 'A'.repeat(86);
const admission = (id: string, ticketId: string, scannedAt: number, recordedAt = 0, deviceId: string | null = 'dev-00001'): AdmissionFact => ({ id, ticketId, deviceId, door: null, scannedAt, recordedAt, mode: 'offline' });

describe('reading what the scanner saw', () => {
  it('tells our signed code, an altered one, another shop’s and anything else apart', () => {
    expect(readScannedCode(` TS1.shp_demo.TABC-DEFG-HJKM.prf_x.${sig}\n`, 'shp_demo')).toEqual({ kind: 'signed', payload: `TS1.shp_demo.TABC-DEFG-HJKM.prf_x.${sig}`, ticketNumber: 'TABC-DEFG-HJKM', performanceId: 'prf_x' });
    expect(readScannedCode(`TS1.shp_demo.TABC-DEFG-HJKM.prf_x.${sig.slice(0, 40)}`, 'shp_demo')).toEqual({ kind: 'forged' });
    expect(readScannedCode(`TS1.shp_other.TABC-DEFG-HJKM.prf_x.${sig}`, 'shp_demo')).toEqual({ kind: 'other_shop' });
    expect(readScannedCode(' 4006381333931 ', 'shp_demo')).toEqual({ kind: 'external', text: '4006381333931' });
    expect(readScannedCode('TS1.shp_demo.only-three', 'shp_demo')).toEqual({ kind: 'external', text: 'TS1.shp_demo.only-three' });
  });

  it('reads a typed ticket number in any case, with or without dashes, and keeps other text as a barcode', () => {
    expect(readTypedTicketNumber('tabc defg hjkm')).toEqual({ number: 'TABC-DEFG-HJKM', externalCode: 'tabc defg hjkm' });
    expect(readTypedTicketNumber('TABCDEFGHJKM')).toEqual({ number: 'TABC-DEFG-HJKM', externalCode: 'TABCDEFGHJKM' });
    expect(readTypedTicketNumber(' EXT-42 ')).toEqual({ number: null, externalCode: 'EXT-42' });
  });
});

describe('which admission stands', () => {
  it('is the earliest scan; ties go to the first recorded, then by device', () => {
    const all = [admission('a', 't1', 300), admission('b', 't1', 100, 50), admission('c', 't1', 100, 10), admission('d', 't2', 500), admission('e', 't2', 500, 0, 'dev-00000')];
    const first = firstAdmissions(all);
    expect(first.get('t1')!.id).toBe('c');
    expect(first.get('t2')!.id).toBe('e');
    // Whatever order they are read in.
    expect(firstAdmissions([...all].reverse()).get('t1')!.id).toBe('c');
  });

  it('lists every other admission as a duplicate of the first, latest first', () => {
    const all = [admission('a', 't1', 300), admission('b', 't1', 100), admission('c', 't1', 200), admission('d', 't2', 50)];
    expect(duplicatesOf(all).map(({ first, duplicate }) => [first.id, duplicate.id])).toEqual([
      ['b', 'a'],
      ['b', 'c'],
    ]);
  });
});
