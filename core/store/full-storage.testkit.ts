/**
 * Test support: makes fake-indexeddb's writes (put/add) throw the browser's QuotaExceededError, the way a
 * full disk or an exhausted origin quota does, for the stores named (all stores when none are named).
 * Like a real full disk, each object-store delete makes room for one later write.
 */
import { IDBObjectStore } from 'fake-indexeddb';

type Method = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;

export interface FullStorage {
  /** Writes to these stores fail from now on (all stores when none are named). */
  fill(...stores: string[]): void;
  /** Space is back. */
  free(): void;
  /** Writes refused so far. */
  readonly refused: number;
  restore(): void;
}

export function fullStorage(): FullStorage {
  const proto = IDBObjectStore.prototype as unknown as Record<'put' | 'add' | 'delete', Method>;
  const originals = { put: proto.put, add: proto.add, delete: proto.delete };
  let full: Set<string> | undefined;
  let refused = 0;
  let room = 0;
  const applies = (store: IDBObjectStore) => !!full && (full.size === 0 || full.has(store.name));
  for (const method of ['put', 'add'] as const) {
    proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (applies(this)) {
        if (room === 0) {
          refused++;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        room--;
      }
      return originals[method].apply(this, args);
    };
  }
  proto.delete = function (this: IDBObjectStore, ...args: unknown[]) {
    if (applies(this)) room++;
    return originals.delete.apply(this, args);
  };
  return {
    fill: (...stores) => {
      full = new Set(stores);
      room = 0;
    },
    free: () => void (full = undefined),
    get refused() {
      return refused;
    },
    restore() {
      Object.assign(proto, originals);
    },
  };
}
