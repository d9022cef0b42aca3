import type { IDBPDatabase } from 'idb';
import { openPreflightDb, type PreflightSchema } from '@/core/store/db';

let opening: Promise<IDBPDatabase<PreflightSchema>> | undefined;

/**
 * The extension's database, opened once per context; reopened if the browser closed it or a newer
 * version elsewhere asked us to close (versionchange), so callers that hit InvalidStateError can retry.
 */
export function db(): Promise<IDBPDatabase<PreflightSchema>> {
  opening ??= openPreflightDb(indexedDB).then((d) => {
    d.addEventListener('close', () => (opening = undefined));
    d.addEventListener('versionchange', () => (opening = undefined));
    return d;
  });
  opening.catch(() => (opening = undefined));
  return opening;
}
