/**
 * Who the spenders are, read once per spender: a plain account (EOA) or a contract, and for contracts Preflight does
 * not know, whether the code already existed a week ago (one `eth_getCode` at that block; "unknown" on a node that
 * keeps no state that old). The review's binary search of the deploy block (core/review/contract-age.ts) costs up to 26
 * calls per address, too many for hundreds of spenders; one call answers the only question the tab asks: new or not.
 */
import type { Address } from 'viem';
import type { RpcRequest } from '../chain/account-scan';
import type { SpenderFacts } from './types';

/** "New" means deployed within this many seconds (the review's window too). */
export const NEW_CONTRACT_SECONDS = 7 * 86_400;
/** Reads in flight at once. */
const CONCURRENCY = 8;

export interface AgeWindow {
  /** The block about a week ago; undefined when the whole chain is younger than a week (every contract is new). */
  block?: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;
const hasCode = (code: unknown) => typeof code === 'string' && code.length > 2;

/** The block about a week before the head, from the head's and an older block's timestamps. */
export async function ageWindow(rpc: RpcRequest, head: number, blockTimeSeconds: number): Promise<AgeWindow> {
  const headBlock = (await rpc('eth_getBlockByNumber', [hex(head), false])) as { timestamp?: string } | null;
  const genesis = (await rpc('eth_getBlockByNumber', ['0x0', false])) as { timestamp?: string } | null;
  const now = Number(BigInt(headBlock?.timestamp ?? '0x0'));
  const start = Number(BigInt(genesis?.timestamp ?? '0x0'));
  if (now - start < NEW_CONTRACT_SECONDS) return {};
  const back = Math.ceil(NEW_CONTRACT_SECONDS / Math.max(0.01, blockTimeSeconds));
  return { block: Math.max(0, head - back) };
}

/** Facts of each spender not yet known; `known(a)` is true for labelled / trusted contracts (no age read). */
export async function readSpenders(rpc: RpcRequest, spenders: readonly Address[], window: AgeWindow, known: (a: string) => boolean): Promise<Record<string, SpenderFacts>> {
  const out: Record<string, SpenderFacts> = {};
  const queue = [...new Set(spenders.map((s) => s.toLowerCase() as Address))];
  async function one(spender: Address): Promise<void> {
    let isContract: boolean;
    try {
      isContract = hasCode(await rpc('eth_getCode', [spender, 'latest']));
    } catch {
      out[spender] = {};
      return;
    }
    if (!isContract) {
      out[spender] = { isContract: false };
      return;
    }
    if (known(spender)) {
      out[spender] = { isContract: true, age: 'old' };
      return;
    }
    if (window.block === undefined) {
      out[spender] = { isContract: true, age: 'new' };
      return;
    }
    try {
      out[spender] = { isContract: true, age: hasCode(await rpc('eth_getCode', [spender, hex(window.block)])) ? 'old' : 'new' };
    } catch {
      out[spender] = { isContract: true, age: 'unknown' };
    }
  }
  const workers = Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await one(s);
  });
  await Promise.all(workers);
  return out;
}
