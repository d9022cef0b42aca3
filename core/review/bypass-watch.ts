/**
 * The bypass watcher's on-chain part. For accounts seen in reviewed eth_sendTransaction requests, it notices
 * transactions that reached the chain without passing Preflight: the account's nonce rose, and the new
 * blocks hold transactions from the account that match no request the user continued (same to, data,
 * value). When there are too many new blocks to scan, it counts instead (nonce rise minus continued
 * requests). Such a transaction may well be the user's own, sent from another device or wallet: the
 * warning says so. Pure: state in, state out; the chain comes in as a JSON-RPC function.
 */
import { blockTransactions, headOf, nonceOf, normHex, quantity, txMatchKey, type RpcRequest } from '../chain/account-scan';

export type { RpcRequest } from '../chain/account-scan';

/** A request the user continued, as it should appear on chain. */
export interface ContinuedTx {
  key: string;
  to: string;
  data: string;
  value: string;
  at: number;
}

export interface WatchedAccount {
  chainId: number;
  account: string;
  /** Nonce and block when last checked: everything up to here is accounted for. */
  nonce: number;
  block: number;
  /** Continued requests not yet seen on chain. */
  pending: ContinuedTx[];
}

export interface BypassEvent {
  chainId: number;
  account: string;
  /** Transactions found without a review; 1 with a hash when found in a block, a count otherwise. */
  count: number;
  hash?: string;
  to?: string;
  block?: number;
  detectedAt: number;
}

export interface BypassState {
  accounts: Record<string, WatchedAccount>;
  /** Newest last, at most MAX_EVENTS. */
  events: BypassEvent[];
  /** When the accounts were last checked (ms): the background checks on the idle schedule (core/gas/idle-schedule.ts). */
  checkedAt?: number;
}

/** When the newest continued request still awaited on chain was continued (ms), if any. */
export function lastContinuedAt(state: BypassState): number | undefined {
  let newest: number | undefined;
  for (const a of Object.values(state.accounts)) for (const p of a.pending) newest = Math.max(newest ?? p.at, p.at);
  return newest;
}

export const MAX_EVENTS = 50;
/** A continued request not seen on chain within this time was most likely rejected in MetaMask. */
export const PENDING_TTL_MS = 24 * 3_600_000;
/** Blocks scanned per account per check; beyond it the watcher counts instead. */
export const DEFAULT_MAX_BLOCKS = 60;

export const emptyBypassState = (): BypassState => ({ accounts: {}, events: [] });
export const accountKey = (chainId: number, account: string) => `${chainId}:${account.toLowerCase()}`;

const norm = normHex;
const matchKey = txMatchKey;

/** The continued transaction in a reviewed eth_sendTransaction, or undefined when there is none. */
export function continuedTx(key: string, method: string, params: unknown, at: number): (ContinuedTx & { from: string }) | undefined {
  if (method !== 'eth_sendTransaction' || !Array.isArray(params)) return undefined;
  const tx = params[0] as { from?: unknown; to?: unknown; data?: unknown; input?: unknown; value?: unknown } | undefined;
  if (typeof tx?.from !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(tx.from)) return undefined;
  return { key, from: tx.from.toLowerCase(), to: norm(tx.to), data: norm(tx.data ?? tx.input), value: String(quantity(tx.value)), at };
}

/** Adds a continued request to the watch; a new account gets its baseline (nonce, head) now. */
export async function watchContinued(state: BypassState, chainId: number, tx: ContinuedTx & { from: string }, rpc: RpcRequest): Promise<BypassState> {
  const id = accountKey(chainId, tx.from);
  const { from, ...pending } = tx;
  const known = state.accounts[id];
  let base = known;
  if (!base) {
    const block = await headOf(rpc);
    base = { chainId, account: from, nonce: await nonceOf(rpc, from, block), block, pending: [] };
  }
  // The baseline may be taken after MetaMask already sent it: then the nonce check simply never needs it.
  return { ...state, accounts: { ...state.accounts, [id]: { ...base, pending: [...base.pending.filter((p) => p.key !== tx.key), pending] } } };
}

/** Checks every watched account once; returns the new state and the events found now. */
export async function checkBypass(state: BypassState, rpcFor: (chainId: number) => RpcRequest | undefined, o: { now: number; maxBlocks?: number }): Promise<{ state: BypassState; found: BypassEvent[] }> {
  const maxBlocks = o.maxBlocks ?? DEFAULT_MAX_BLOCKS;
  const accounts: Record<string, WatchedAccount> = {};
  const found: BypassEvent[] = [];
  let failed = false;
  for (const [id, watched] of Object.entries(state.accounts)) {
    const rpc = rpcFor(watched.chainId);
    const fresh = { ...watched, pending: watched.pending.filter((p) => o.now - p.at < PENDING_TTL_MS) };
    if (!rpc) {
      accounts[id] = fresh;
      continue;
    }
    try {
      // The nonce at the head read, so the scanned blocks and the count agree.
      const head = await headOf(rpc);
      const nonce = await nonceOf(rpc, watched.account, head);
      const rise = nonce - watched.nonce;
      if (rise <= 0) {
        accounts[id] = { ...fresh, nonce: Math.max(nonce, watched.nonce), block: Math.max(head, watched.block) };
        continue;
      }
      const pending = [...fresh.pending];
      const take = (to: unknown, data: unknown, value: unknown) => {
        const i = pending.findIndex((p) => matchKey(p.to, p.data, p.value) === matchKey(to, data, value));
        return i >= 0 ? pending.splice(i, 1) : undefined;
      };
      /** Nonces not found in a block: each continued request may account for one; the rest were not reviewed. */
      const countRest = (rest: number) => {
        const unexplained = rest - Math.min(rest, pending.length);
        pending.splice(0, rest);
        if (unexplained > 0) found.push({ chainId: watched.chainId, account: watched.account, count: unexplained, detectedAt: o.now });
      };
      if (head - watched.block <= maxBlocks) {
        let seen = 0;
        for (let n = watched.block + 1; n <= head && seen < rise; n++) {
          for (const tx of await blockTransactions(rpc, n)) {
            if (norm(tx.from) !== watched.account) continue;
            seen++;
            if (!take(tx.to, tx.input, tx.value)) found.push({ chainId: watched.chainId, account: watched.account, count: 1, hash: tx.hash, to: norm(tx.to), block: n, detectedAt: o.now });
          }
        }
        // A reorg or a lying node can leave the count and the scan apart.
        if (seen < rise) countRest(rise - seen);
      } else countRest(rise); // too many blocks to scan
      accounts[id] = { ...fresh, nonce, block: head, pending };
    } catch {
      accounts[id] = fresh; // the node did not answer: try again on the next alarm, nothing is lost
      failed = true;
    }
  }
  // A check a node did not answer does not count as one: the next alarm tries again, whatever the schedule.
  const checkedAt = failed ? state.checkedAt : o.now;
  return { state: { accounts, events: [...state.events, ...found].slice(-MAX_EVENTS), ...(checkedAt !== undefined ? { checkedAt } : {}) }, found };
}
