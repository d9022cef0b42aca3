import type { IDBPDatabase } from 'idb';
import type { PreflightSchema, ReviewRecord } from './db';
import { isQuotaExceeded } from './quota';
import { listRecords } from './reviews';

type Db = IDBPDatabase<PreflightSchema>;

/** kv key of the recipient list: lower-case addresses the user sent to in reviewed, continued transactions. */
export const KNOWN_RECIPIENTS_KEY = 'knownRecipients';
/** Newest kept; address poisoning needs the recent ones. */
export const MAX_KNOWN_RECIPIENTS = 2_000;
/** When the list is first built from an older history. */
const SEED_RECORDS = 500;

/** The recipient of a reviewed, continued eth_sendTransaction, lower-cased; undefined otherwise. */
export function recipientOf(record: Pick<ReviewRecord, 'decision' | 'request'>): string | undefined {
  if (record.decision !== 'continue' || record.request.method !== 'eth_sendTransaction') return undefined;
  const tx = Array.isArray(record.request.params) ? (record.request.params[0] as { to?: unknown } | undefined) : undefined;
  return typeof tx?.to === 'string' ? tx.to.toLowerCase() : undefined;
}

function isList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * The recipient list kept in the kv store and updated when a decision is recorded, so a review reads one
 * key instead of scanning the history. A database without the key (older versions) is seeded once from
 * its newest records. A full storage keeps the list in memory for the session.
 */
export class KnownRecipients {
  private memory: string[] | undefined;
  constructor(private readonly db: () => Promise<Db>) {}

  async list(): Promise<string[]> {
    if (this.memory) return this.memory;
    const database = await this.db();
    const stored = await database.get('kv', KNOWN_RECIPIENTS_KEY);
    if (isList(stored)) return stored;
    const seeded = [...new Set((await listRecords(database, SEED_RECORDS)).map(recipientOf).filter((r): r is string => !!r))];
    await this.write(seeded);
    return seeded;
  }

  /** Call after a decision is recorded: adds the recipient of a continued transaction (newest last). */
  async noteDecision(record: Pick<ReviewRecord, 'decision' | 'request'>): Promise<void> {
    const to = recipientOf(record);
    if (!to) return;
    const current = await this.list();
    if (current.at(-1) === to) return;
    await this.write([...current.filter((r) => r !== to), to].slice(-MAX_KNOWN_RECIPIENTS));
  }

  private async write(list: string[]): Promise<void> {
    try {
      await (await this.db()).put('kv', list, KNOWN_RECIPIENTS_KEY);
      this.memory = undefined;
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      this.memory = list;
    }
  }
}
