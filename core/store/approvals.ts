/**
 * The approvals inventories and their scan jobs, in the kv store (one key per chain and account; no schema change):
 * the inventory with its cursor (core/approvals/types.ts), and the job's state so a restarted worker knows a scan was
 * running and resumes it. Pure: the database is passed in.
 */
import type { IDBPDatabase } from 'idb';
import type { Inventory } from '../approvals/types';
import type { ScanProgress } from '../approvals/scan';
import type { PreflightSchema } from './db';
import type { Localized } from '../i18n/localized';

type Db = IDBPDatabase<PreflightSchema>;

export const inventoryKey = (chainId: number, account: string) => `approvals:${chainId}:${account.toLowerCase()}`;
export const jobKey = (chainId: number, account: string) => `approvalsJob:${chainId}:${account.toLowerCase()}`;

export type ScanJobState = 'scanning' | 'done' | 'failed' | 'cancelled';

/** A scan as the tab follows it. */
export interface ScanJob {
  chainId: number;
  account: string;
  state: ScanJobState;
  startedAt: number;
  endedAt?: number;
  progress?: ScanProgress;
  /** Why it failed (the node's words), or why the fallback was used. */
  message?: string;
  /** What kind of failure: even one block refused, still rate-limited after every retry, no usable answer, no node at all. */
  failure?: 'refused' | 'rate-limit' | 'node' | 'no-source';
  /** The node served no logs: the rows come from the bounded fallback. */
  noLogs?: boolean;
  /** RPC requests of the last pass, by method. */
  requests?: Record<string, number>;
  /** The node read, in words ("your RPC (host)"). */
  source?: Localized;
}

function isInventory(v: unknown): v is Inventory {
  const o = v as Partial<Inventory> | undefined;
  return typeof o === 'object' && o !== null && typeof o.chainId === 'number' && typeof o.account === 'string' && Array.isArray(o.rows) && typeof o.tokens === 'object';
}

export async function loadInventory(db: Db, chainId: number, account: string): Promise<Inventory | undefined> {
  const v = await db.get('kv', inventoryKey(chainId, account));
  return isInventory(v) ? v : undefined;
}

export async function saveInventory(db: Db, inv: Inventory): Promise<void> {
  await db.put('kv', inv, inventoryKey(inv.chainId, inv.account));
}

export async function loadJob(db: Db, chainId: number, account: string): Promise<ScanJob | undefined> {
  const v = (await db.get('kv', jobKey(chainId, account))) as ScanJob | undefined;
  return v && typeof v === 'object' && typeof v.state === 'string' ? v : undefined;
}

export async function saveJob(db: Db, job: ScanJob): Promise<void> {
  await db.put('kv', job, jobKey(job.chainId, job.account));
}

/** Jobs still marked as scanning (a worker that stopped mid-scan left them so): resumed on start and on the alarm. */
export async function unfinishedJobs(db: Db): Promise<ScanJob[]> {
  const keys = (await db.getAllKeys('kv')).filter((k): k is string => typeof k === 'string' && k.startsWith('approvalsJob:'));
  const jobs = await Promise.all(keys.map((k) => db.get('kv', k) as Promise<ScanJob | undefined>));
  return jobs.filter((j): j is ScanJob => !!j && j.state === 'scanning');
}
