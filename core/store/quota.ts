/**
 * Storage quota faults. Browsers report a full disk or an exhausted origin quota as a DOMException named
 * `QuotaExceededError` (legacy code 22), thrown by a write or carried as the aborted transaction's error.
 */
export class StorageQuotaError extends Error {
  override name = 'StorageQuotaError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} could not be saved: the browser's storage for Preflight is full. Free some disk space (or clear site data you no longer need) and it will be saved again.`, options);
  }
}

/** True when the error (or an error it wraps) is the browser's quota error. */
export function isQuotaExceeded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== 'object') return false;
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'QuotaExceededError' || name === 'StorageQuotaError' || (name !== undefined && code === 22)) return true;
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return false;
}
