/**
 * Builds and updates an account's approvals inventory from its node: the log pass (log-scan.ts) from the stored
 * cursor to the head, each window's candidates confirmed by reading them (confirm.ts, one Multicall3 batch per window)
 * and stored before the next window, so a stopped worker resumes where it was; then every stored row read again (an
 * allowance spent or revoked leaves no log the pass would see), spenders looked up and tokens priced. A node that
 * serves no logs gets the bounded fallback instead (fallback.ts). What was found stays whatever happens; a failure
 * is returned in words, never thrown. Pure: node, storage, clock and lists come in as dependencies.
 */
import type { Address } from 'viem';
import { headOf, type RpcRequest } from '../chain/account-scan';
import { confirmCandidates } from './confirm';
import { fallbackCandidates, type FallbackLists } from './fallback';
import { LogScanError, ScanCancelledError, scanApprovalLogs } from './log-scan';
import { initialSpan } from './node-limits';
import { pricedTokens, type PricedToken, type PriceReader } from './prices';
import { clientOf, multicallMode, type MulticallMode } from './reads';
import { ageWindow, readSpenders, type AgeWindow } from './spenders';
import { candidateKey, type ApprovalRow, type Candidate, type Inventory, type ScanCursor } from './types';

/** An incremental pass starts this many blocks before the last one scanned (a reorg may have replaced them). */
export const REORG_MARGIN = 64;
/** Candidates confirmed per batch in the fallback and the final re-read. */
const CONFIRM_CHUNK = 120;

export interface ScanProgress {
  phase: 'logs' | 'fallback' | 'refresh';
  fromBlock: number;
  toBlock: number;
  scannedTo: number;
  rows: number;
  requests: number;
}

export interface ScanDeps {
  chainId: number;
  account: Address;
  rpc: RpcRequest;
  /** Unix ms. */
  now(): number;
  load(): Promise<Inventory | undefined>;
  save(inv: Inventory): Promise<void>;
  onProgress?(p: ScanProgress): void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /** The chain's price reader (mainnet: Chainlink; devnet: its pools), undefined where there is none. */
  prices?: (rpc: { client: ReturnType<typeof clientOf>; mode: MulticallMode }) => PriceReader | undefined;
  /** Tokens priced even without a row (so a new approval's value is known at signing). */
  priceAlso?: readonly PricedToken[];
  /** The lists the fallback guesses from (read only when the node serves no logs). */
  fallbackLists(): Promise<FallbackLists>;
  /** Labelled or trusted contracts: no age read. */
  knownSpender(address: string): boolean;
  blockTimeSeconds: number;
  /** eth_getLogs ranges in flight (default 2). */
  concurrency?: number;
}

export type ScanOutcome =
  | { status: 'done'; inventory: Inventory; requests: Record<string, number>; refusals: number; rateLimited: number; note?: 'no-logs'; noLogsReason?: string }
  | { status: 'cancelled'; inventory: Inventory; requests: Record<string, number> }
  | { status: 'failed'; inventory: Inventory; requests: Record<string, number>; reason: string; kind: 'refused' | 'rate-limit' | 'node' };

const emptyInventory = (chainId: number, account: Address, now: number): Inventory => ({ chainId, account, rows: [], tokens: {}, spenders: {}, method: 'logs', updatedAt: now });

export async function scanInventory(d: ScanDeps): Promise<ScanOutcome> {
  const requests: Record<string, number> = {};
  const rpc: RpcRequest = (method, params) => {
    requests[method] = (requests[method] ?? 0) + 1;
    return d.rpc(method, params);
  };
  const account = d.account.toLowerCase() as Address;
  let inv: Inventory = (await d.load()) ?? emptyInventory(d.chainId, account, d.now());
  const fail = async (reason: string, kind: 'refused' | 'rate-limit' | 'node'): Promise<ScanOutcome> => {
    await d.save(inv);
    return { status: 'failed', inventory: inv, requests, reason, kind };
  };

  let head: number;
  let mode: MulticallMode;
  try {
    head = await headOf(rpc);
    mode = await multicallMode(rpc);
  } catch (e) {
    return fail(`The node did not answer: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, 'node');
  }
  const client = clientOf(rpc);
  let window: AgeWindow | undefined;
  const progress = (phase: ScanProgress['phase'], c: Pick<ScanCursor, 'fromBlock' | 'toBlock' | 'scannedTo'>) =>
    d.onProgress?.({ phase, fromBlock: c.fromBlock, toBlock: c.toBlock, scannedTo: c.scannedTo, rows: inv.rows.length, requests: Object.values(requests).reduce((a, b) => a + b, 0) });

  /** Confirms candidates, merges the rows, reads new spenders; does not store. */
  async function absorb(candidates: readonly Candidate[]): Promise<void> {
    if (candidates.length === 0) return;
    const read = await confirmCandidates({ client, mode, owner: account, candidates, now: Math.floor(d.now() / 1000), blockNumber: BigInt(head), known: inv.tokens });
    const rows = new Map(inv.rows.map((r) => [candidateKey(r), r] as const));
    for (const g of read.gone) rows.delete(candidateKey(g));
    for (const r of read.rows) {
      const before = rows.get(candidateKey(r));
      // A row first found by the logs stays "logs" when the fallback or a re-read sees it again.
      rows.set(candidateKey(r), before?.foundBy === 'logs' ? { ...r, foundBy: 'logs' } : r);
    }
    const tokens = { ...inv.tokens };
    for (const [t, f] of Object.entries(read.tokens)) tokens[t] = { ...tokens[t], ...f, ...(tokens[t]?.price && !f.price ? { price: tokens[t]!.price } : {}) };
    const newSpenders = read.rows.map((r) => r.spender).filter((s) => !inv.spenders[s]);
    let spenders = inv.spenders;
    if (newSpenders.length > 0) {
      window ??= await ageWindow(rpc, head, d.blockTimeSeconds).catch(() => ({}));
      spenders = { ...spenders, ...(await readSpenders(rpc, newSpenders, window, d.knownSpender)) };
    }
    inv = { ...inv, rows: [...rows.values()], tokens, spenders, updatedAt: d.now() };
  }

  const resuming = inv.cursor !== undefined && inv.cursor.scannedTo < inv.cursor.toBlock;
  const fromBlock = resuming ? inv.cursor!.fromBlock : inv.completeTo !== undefined ? Math.max(0, inv.completeTo - REORG_MARGIN + 1) : 0;
  const cursor: ScanCursor = {
    fromBlock,
    toBlock: head,
    scannedTo: resuming ? inv.cursor!.scannedTo : fromBlock - 1,
    span: inv.cursor?.span ?? initialSpan(),
  };
  inv = { ...inv, cursor };
  progress('logs', cursor);
  let refusals = 0;
  let rateLimited = 0;
  let noLogsReason: string | undefined;
  try {
    const r = await scanApprovalLogs({
      rpc, account, fromBlock: cursor.scannedTo + 1, toBlock: head, span: cursor.span, signal: d.signal, sleep: d.sleep, concurrency: d.concurrency,
      async onWindow(w) {
        await absorb(w.candidates);
        inv = { ...inv, method: 'logs', cursor: { ...cursor, scannedTo: w.scannedTo, span: w.span } };
        await d.save(inv);
        progress('logs', inv.cursor!);
      },
    });
    refusals = r.refusals;
    rateLimited = r.rateLimited;
    inv = { ...inv, cursor: { ...cursor, scannedTo: head, span: r.span } };
  } catch (e) {
    if (e instanceof ScanCancelledError) {
      await d.save(inv);
      return { status: 'cancelled', inventory: inv, requests };
    }
    if (!(e instanceof LogScanError)) return fail(e instanceof Error ? e.message.split('\n')[0]! : String(e), 'node');
    if (e.kind !== 'no-logs') return fail(e.message, e.kind);
    // The node serves no logs: the bounded fallback, said so.
    noLogsReason = e.message;
    const candidates = fallbackCandidates(await d.fallbackLists());
    const fb = { fromBlock: 0, toBlock: candidates.length, scannedTo: 0 };
    for (let i = 0; i < candidates.length; i += CONFIRM_CHUNK) {
      if (d.signal?.aborted) {
        await d.save(inv);
        return { status: 'cancelled', inventory: inv, requests };
      }
      try {
        await absorb(candidates.slice(i, i + CONFIRM_CHUNK));
      } catch (err) {
        return fail(`Reading the fallback's allowances failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'node');
      }
      inv = { ...inv, method: 'fallback' };
      await d.save(inv);
      progress('fallback', { ...fb, scannedTo: Math.min(candidates.length, i + CONFIRM_CHUNK) });
    }
    inv = { ...inv, method: 'fallback', cursor: { ...cursor, scannedTo: head } };
  }

  // Every stored row again (spent, revoked or expired since its log), then prices.
  try {
    const all = inv.rows.map(({ kind, token, spender, tokenId, foundBy }): Candidate => ({ kind, token, spender, foundBy, ...(tokenId !== undefined ? { tokenId } : {}) }));
    const re = { fromBlock: 0, toBlock: all.length, scannedTo: 0 };
    for (let i = 0; i < all.length; i += CONFIRM_CHUNK) {
      await absorb(all.slice(i, i + CONFIRM_CHUNK));
      progress('refresh', { ...re, scannedTo: Math.min(all.length, i + CONFIRM_CHUNK) });
    }
    const reader = d.prices?.({ client, mode });
    if (reader) {
      const want = new Map<string, PricedToken>();
      for (const t of [...pricedTokens(inv.tokens), ...(d.priceAlso ?? [])]) want.set(t.address.toLowerCase(), t);
      const prices = await reader([...want.values()], Math.floor(d.now() / 1000)).catch(() => ({}) as Record<string, never>);
      const tokens = { ...inv.tokens };
      for (const t of want.values()) {
        const key = t.address.toLowerCase();
        const p = prices[key];
        if (tokens[key]) tokens[key] = { ...tokens[key]!, ...(p ? { price: p } : {}) };
        else if (p) tokens[key] = { symbol: t.symbol ?? key, decimals: t.decimals, standard: 'erc20', price: p };
      }
      inv = { ...inv, tokens };
    }
  } catch (e) {
    return fail(`Reading the current allowances failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, 'node');
  }
  inv = { ...inv, completeTo: head, updatedAt: d.now() };
  await d.save(inv);
  return { status: 'done', inventory: inv, requests, refusals, rateLimited, ...(noLogsReason ? { note: 'no-logs' as const, noLogsReason } : {}) };
}

/**
 * Reads the rows with these keys again (after a revocation was mined): a row that no longer stands leaves the
 * inventory, one that still does keeps its new amount. Returns the stored inventory.
 */
export async function rereadRows(d: Pick<ScanDeps, 'rpc' | 'now' | 'load' | 'save'>, keys: readonly string[]): Promise<Inventory | undefined> {
  const inv = await d.load();
  if (!inv) return undefined;
  const wanted = new Set(keys);
  const candidates = inv.rows.filter((r: ApprovalRow) => wanted.has(candidateKey(r)));
  if (candidates.length === 0) return inv;
  const head = await headOf(d.rpc);
  const read = await confirmCandidates({ client: clientOf(d.rpc), mode: await multicallMode(d.rpc), owner: inv.account, candidates, now: Math.floor(d.now() / 1000), blockNumber: BigInt(head), known: inv.tokens });
  const fresh = new Map(read.rows.map((r) => [candidateKey(r), r] as const));
  const readKeys = new Set([...read.rows, ...read.gone].map(candidateKey));
  const rows = inv.rows.flatMap((r) => {
    const key = candidateKey(r);
    if (!readKeys.has(key)) return [r];
    const now = fresh.get(key);
    return now ? [{ ...now, foundBy: r.foundBy }] : [];
  });
  const tokens = { ...inv.tokens };
  for (const [t, f] of Object.entries(read.tokens)) tokens[t] = { ...tokens[t], ...f, ...(tokens[t]?.price ? { price: tokens[t]!.price } : {}) };
  const next = { ...inv, rows, tokens, updatedAt: d.now() };
  await d.save(next);
  return next;
}
