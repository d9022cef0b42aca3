import { parseAbi, type Address } from 'viem';
import { text, type Localized } from '../../i18n/localized';
import type { ReviewContext } from '../analyzer';

/** What the Safe says about itself on this chain, as far as it answered. */
export interface SafeState {
  owners?: Address[];
  threshold?: bigint;
  nonce?: bigint;
  version?: string;
  /** Why owners / threshold could not be read (no node, no answer in time, not a Safe here). */
  unread?: Localized;
}

const SAFE_ABI = parseAbi([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
  'function VERSION() view returns (string)',
]);

/** Every read together gives up after this long (a slow node): the rest of the review must still arrive in time. */
export const SAFE_READ_BUDGET_MS = 1_500;

class ReadTimeout extends Error {
  override name = 'ReadTimeout';
}

/** Settles every promise, but stops waiting after SAFE_READ_BUDGET_MS or when the review is aborted (one timer, one listener). */
function settleWithin<T extends readonly unknown[]>(ctx: ReviewContext, promises: { [K in keyof T]: Promise<T[K]> }): Promise<{ [K in keyof T]: PromiseSettledResult<T[K]> }> {
  const results = promises.map((): PromiseSettledResult<unknown> => ({ status: 'rejected', reason: new ReadTimeout(`no answer within ${SAFE_READ_BUDGET_MS} ms`) }));
  const all = Promise.all(promises.map((p, i) => p.then((value) => void (results[i] = { status: 'fulfilled', value }), (reason: unknown) => void (results[i] = { status: 'rejected', reason }))));
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', finish);
      resolve([...results] as { [K in keyof T]: PromiseSettledResult<T[K]> });
    };
    const timer = setTimeout(finish, SAFE_READ_BUDGET_MS);
    ctx.signal.addEventListener('abort', finish, { once: true });
    void all.then(finish);
  });
}

function reason(e: unknown): Localized {
  if (e instanceof ReadTimeout) return text(`the node gave no answer within ${SAFE_READ_BUDGET_MS / 1000} s`, `ノードが ${SAFE_READ_BUDGET_MS / 1000} 秒以内に応答しませんでした`);
  const msg = e instanceof Error ? ('shortMessage' in e && typeof e.shortMessage === 'string' ? e.shortMessage : e.message) : String(e);
  if (/returned no data|reverted/i.test(msg)) return text('it does not answer getOwners(): there is no Safe at this address on this chain', 'getOwners() に応答しません：このチェーンのこのアドレスに Safe はありません');
  const first = msg.split('\n')[0]!.slice(0, 160);
  return text(`the node answered: ${first}`, `ノードの応答：${first}`);
}

/**
 * getOwners(), getThreshold(), nonce() and VERSION() of the Safe, all at once and bounded by SAFE_READ_BUDGET_MS.
 * Without a node, or when the Safe does not answer, `unread` says why; the review then says what it could not read.
 */
export async function readSafeState(ctx: ReviewContext, safe: Address): Promise<SafeState> {
  const client = ctx.client;
  if (!client) return { unread: text('Preflight has no node for this chain', 'このチェーンのノードがありません') };
  const read = (functionName: 'getOwners' | 'getThreshold' | 'nonce' | 'VERSION') => client.readContract({ address: safe, abi: SAFE_ABI, functionName });
  const [owners, threshold, nonce, version] = await settleWithin<[readonly Address[], bigint, bigint, string]>(ctx, [
    read('getOwners') as Promise<readonly Address[]>,
    read('getThreshold') as Promise<bigint>,
    read('nonce') as Promise<bigint>,
    read('VERSION') as Promise<string>,
  ]);
  const state: SafeState = {};
  if (owners.status === 'fulfilled') state.owners = owners.value.map((o) => o.toLowerCase() as Address);
  if (threshold.status === 'fulfilled') state.threshold = threshold.value;
  if (nonce.status === 'fulfilled') state.nonce = nonce.value;
  if (version.status === 'fulfilled') state.version = version.value;
  const failed = owners.status === 'rejected' ? owners.reason : threshold.status === 'rejected' ? threshold.reason : undefined;
  if (failed !== undefined) state.unread = reason(failed);
  return state;
}
