import type { LocalTicket } from './door-decision.js';

/**
 * The scanner's memory on the device (IndexedDB, so nothing is lost when the page reloads or the
 * phone restarts): the door list of each performance made ready, the admissions made without
 * network that the server has not heard of yet, and what the server reported back about them.
 */
export interface StoredList {
  performanceId: string;
  shopId: string;
  performance: { id: string; startsAt: string; eventTitle: string; venueName: string };
  publicKey: string;
  version: number;
  /** When the server last answered for this list (ISO): staff see how fresh it is. */
  refreshedAt: string;
  tickets: LocalTicket[];
}

export interface QueuedAdmission {
  id?: number;
  performanceId: string;
  deviceId: string;
  door: string | null;
  code?: string;
  ticketNumber?: string;
  scannedAt: string;
}

/** A duplicate or a cancelled/exchanged ticket used, as the server reported it for a synced admission. */
export interface SyncReport {
  id?: number;
  performanceId: string;
  outcome: 'duplicate' | 'cancelled' | 'exchanged';
  ticketNumber: string | null;
  first: { deviceId: string | null; door: string | null; scannedAt: string } | null;
  here: { door: string | null; scannedAt: string };
}

const DB_NAME = 'tk-door';
type StoreName = 'lists' | 'queue' | 'reports';

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('lists', { keyPath: 'performanceId' });
      db.createObjectStore('queue', { keyPath: 'id', autoIncrement: true });
      db.createObjectStore('reports', { keyPath: 'id', autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** One transaction over a store: `work` issues its requests, the promise settles when the transaction does. */
async function transact<T>(store: StoreName, mode: IDBTransactionMode, work: (objects: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await database();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const doorStore = {
  list: (performanceId: string) => transact<StoredList>('lists', 'readonly', (s) => s.get(performanceId) as IDBRequest<StoredList>),
  saveList: (list: StoredList) => transact('lists', 'readwrite', (s) => void s.put(list)),
  /** Every admission still to sync, oldest first. */
  queued: async () => (await transact<QueuedAdmission[]>('queue', 'readonly', (s) => s.getAll() as IDBRequest<QueuedAdmission[]>)) ?? [],
  enqueue: (admission: QueuedAdmission) => transact('queue', 'readwrite', (s) => void s.add(admission)),
  /** Drops the admissions the server has recorded (by their queue ids). */
  dequeue: (ids: number[]) =>
    transact('queue', 'readwrite', (s) => {
      for (const id of ids) s.delete(id);
    }),
  reports: async () => (await transact<SyncReport[]>('reports', 'readonly', (s) => s.getAll() as IDBRequest<SyncReport[]>)) ?? [],
  addReports: (reports: SyncReport[]) =>
    transact('reports', 'readwrite', (s) => {
      for (const report of reports) s.add(report);
    }),
  clearReports: () => transact('reports', 'readwrite', (s) => void s.clear()),
};
