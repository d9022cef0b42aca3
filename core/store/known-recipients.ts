import type { IDBPDatabase } from 'idb';
import { addressesDealtWith } from '../review/first-time';
import { parseRequest } from '../review/request';
import type { PreflightSchema, ReviewRecord } from './db';
import { isQuotaExceeded } from './quota';
import { listRecords } from './reviews';

type Db = IDBPDatabase<PreflightSchema>;

/**
 * kv key of the recipient list: lower-case addresses the user paid in reviewed, continued transactions and batches
 * (the address called, and a token transfer's recipient as MetaMask reads the call).
 */
export const KNOWN_RECIPIENTS_KEY = 'knownRecipients';
/** kv key of the spenders and operators the user approved in reviewed, continued requests (lower-case). */
export const KNOWN_SPENDERS_KEY = 'knownSpenders';
/** Newest kept; address poisoning and the first-time check need the recent ones. */
export const MAX_KNOWN_RECIPIENTS = 2_000;
/** When the list is first built from an older history. */
const SEED_RECORDS = 500;

/**
 * Whom a reviewed, continued transaction or batch paid (`paid`: the address called, a token transfer's recipient) and
 * let spend (`approved`: an approval's spender or operator), lower-cased, read the way MetaMask reads the request.
 */
export function dealtWith(record: Pick<ReviewRecord, 'decision' | 'request'>): { paid: string[]; approved: string[] } {
  const none = { paid: [], approved: [] };
  if (record.decision !== 'continue' || (record.request.method !== 'eth_sendTransaction' && record.request.method !== 'wallet_sendCalls')) return none;
  try {
    return addressesDealtWith(parseRequest(record.request));
  } catch {
    return none; // a request MetaMask refuses sent nothing
  }
}

/** Whom a reviewed, continued transaction or batch paid (see dealtWith). */
export const recipientsOf = (record: Pick<ReviewRecord, 'decision' | 'request'>): string[] => dealtWith(record).paid;

type Part = 'paid' | 'approved';
const KEY: Record<Part, string> = { paid: KNOWN_RECIPIENTS_KEY, approved: KNOWN_SPENDERS_KEY };

function isList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * The recipient and spender lists kept in the kv store and updated when a decision is recorded, so a review reads
 * two keys instead of scanning the history. A database without the key (older versions) is seeded once from
 * its newest records. A full storage keeps the list in memory for the session.
 */
export class KnownRecipients {
  private memory: Partial<Record<Part, string[]>> = {};
  constructor(private readonly db: () => Promise<Db>) {}

  /** The addresses the user paid, newest last. */
  list(): Promise<string[]> {
    return this.read('paid');
  }

  /** The spenders and operators the user approved, newest last. */
  spenders(): Promise<string[]> {
    return this.read('approved');
  }

  /** Call after a decision is recorded: adds whom a continued transaction or batch paid and let spend (newest last). */
  async noteDecision(record: Pick<ReviewRecord, 'decision' | 'request'>): Promise<void> {
    const dealt = dealtWith(record);
    for (const part of ['paid', 'approved'] as const) {
      const added = dealt[part];
      if (added.length === 0) continue;
      const current = await this.read(part);
      if (added.every((a, i) => current.at(i - added.length) === a)) continue;
      const fresh = new Set(added);
      await this.write(part, [...current.filter((r) => !fresh.has(r)), ...added].slice(-MAX_KNOWN_RECIPIENTS));
    }
  }

  private async read(part: Part): Promise<string[]> {
    const kept = this.memory[part];
    if (kept) return kept;
    const database = await this.db();
    const stored = await database.get('kv', KEY[part]);
    if (isList(stored)) return stored;
    const seeded = [...new Set((await listRecords(database, SEED_RECORDS)).reverse().flatMap((r) => dealtWith(r)[part]))];
    await this.write(part, seeded);
    return seeded;
  }

  private async write(part: Part, list: string[]): Promise<void> {
    try {
      await (await this.db()).put('kv', list, KEY[part]);
      delete this.memory[part];
    } catch (error) {
      if (!isQuotaExceeded(error)) throw error;
      this.memory[part] = list;
    }
  }
}
