/**
 * Which admission of a ticket stands: the earliest scan (by the scanning device's clock), ties
 * broken by arrival and then by device so every reader picks the same one. Every other
 * admission of the ticket is a duplicate. Pure.
 */

export interface AdmissionFact {
  id: string;
  ticketId: string;
  deviceId: string | null;
  door: string | null;
  scannedAt: number;
  recordedAt: number;
  mode: 'online' | 'offline';
}

export function comesFirst(a: AdmissionFact, b: AdmissionFact): number {
  return a.scannedAt - b.scannedAt || a.recordedAt - b.recordedAt || (a.deviceId ?? '').localeCompare(b.deviceId ?? '') || a.id.localeCompare(b.id);
}

/** The first admission of each ticket among these admissions. */
export function firstAdmissions<A extends AdmissionFact>(all: readonly A[]): Map<string, A> {
  const first = new Map<string, A>();
  for (const admission of all) {
    const current = first.get(admission.ticketId);
    if (!current || comesFirst(admission, current) < 0) first.set(admission.ticketId, admission);
  }
  return first;
}

/** Every admission that is not its ticket's first, with that first one; the latest scans first. */
export function duplicatesOf<A extends AdmissionFact>(all: readonly A[]): { first: A; duplicate: A }[] {
  const first = firstAdmissions(all);
  return all
    .filter((a) => first.get(a.ticketId)!.id !== a.id)
    .map((duplicate) => ({ first: first.get(duplicate.ticketId)!, duplicate }))
    .sort((x, y) => comesFirst(y.duplicate, x.duplicate));
}
