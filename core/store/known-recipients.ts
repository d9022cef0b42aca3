import type { IDBPDatabase } from 'idb';
import { addressesDealtWith } from '../review/first-time';
import { parseRequest } from '../review/request';
import type { PreflightSchema, ReviewRecord } from './db';
import { isQuotaExceeded } from './quota';
import { listRecords } from './reviews';

type Db = IDBPDatabase<PreflightSchema>;

/**
 * kv key of the recipient list: lower-case addresses the user dealt with in reviewed, continued transactions and
 * batches (the address called, a token transfer's recipient, an approval's spender or operator).
 */
export const KNOWN_RECIPIENTS_KEY = 'knownRecipients';
/** Newest kept; address poisoning and the first-time check need the recent ones. */
export const MAX_KNOWN_RECIPIENTS = 2_000;
/** When the list is first built from an older history. */
const SEED_RECORDS = 500;

/**
 * Whom a reviewed, continued transaction or batch paid or let spend, lower-cased, read the way MetaMask reads the
 * request: the address called, a token transfer's recipient, an approval's spender or operator. Empty otherwise.
 */
export function recipientsOf(record: Pick<ReviewRecord, 'decision' | 'request'>): string[] {
  if (record.decision !== 'continue' || (record.request.method !== 'eth_sendTransaction' && record.request.method !== 'wallet_sendCalls')) return [];
  try {
    return addressesDealtWith(parseRequest(record.request));
  } catch {
    return []; // a request MetaMask refuses sent nothing
  }
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
    const seeded = [...new Set((await listRecords(database, SEED_RECORDS)).reverse().flatMap(recipientsOf))];
    await this.write(seeded);
    return seeded;
  }

  /** Call after a decision is recorded: adds whom a continued transaction or batch paid or let spend (newest last). */
  async noteDecision(record: Pick<ReviewRecord, 'decision' | 'request'>): Promise<void> {
    const added = recipientsOf(record);
    if (added.length === 0) return;
    const current = await this.list();
    if (added.every((a, i) => current.at(i - added.length) === a)) return;
    const fresh = new Set(added);
    await this.write([...current.filter((r) => !fresh.has(r)), ...added].slice(-MAX_KNOWN_RECIPIENTS));
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
