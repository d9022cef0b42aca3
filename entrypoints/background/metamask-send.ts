/**
 * Preflight's own transactions through MetaMask's confirmation (thin; the connection is components/metamask): the
 * Withdraw tab's steps and the Approvals tab's revocations go this one way. The account must be one MetaMask gives
 * Preflight; MetaMask is moved to the transaction's chain first when needed (silent for a permitted chain), inside
 * one user flow so Preflight's own reads do not switch its network meanwhile; the transaction names its chain, so
 * MetaMask refuses it rather than send it on another network. Several calls go as one EIP-5792 `wallet_sendCalls`
 * batch where MetaMask carries batches out, one after another where it answers that it does not (5710 on the devnet).
 */
import { toHex } from 'viem';
import { metaMask, MetaMaskRpcError } from '@/components/metamask';
import { BATCH_UNSUPPORTED_CODES } from '@/core/approvals/revoke';

export interface WalletTx {
  chainId: number;
  from: string;
  to: string;
  data: string;
  value: string;
}

export class WalletAccountError extends Error {
  override name = 'WalletAccountError';
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Throws WalletAccountError (what to do, in words) unless MetaMask gives Preflight `from`. */
export async function requireMetaMaskAccount(from: string, whereToConnect: string): Promise<void> {
  const accounts = await metaMask.request<string[]>({ method: 'eth_accounts' });
  if (accounts.some((a) => same(a, from))) return;
  throw new WalletAccountError(accounts.length === 0
    ? `MetaMask gives Preflight no account: it is locked, or Preflight is not connected to it. Use “Unlock MetaMask” or “Connect MetaMask” in ${whereToConnect} first.`
    : `MetaMask gives Preflight ${accounts[0]}, but this sends from ${from}: connect that account to Preflight in MetaMask.`);
}

/** MetaMask on `chainId` for Preflight (a switch is silent for a permitted chain), inside the caller's user flow. */
async function onChain(chainId: number): Promise<void> {
  const current = await metaMask.request<string>({ method: 'eth_chainId' });
  if (Number(current) !== chainId) await metaMask.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: toHex(chainId) }] });
}

/** One transaction through MetaMask's confirmation; resolves with its hash when the user confirms. */
export function sendThroughMetaMask(tx: WalletTx): Promise<string> {
  return metaMask.userFlow(async () => {
    await onChain(tx.chainId);
    const hash = await metaMask.request<unknown>({ method: 'eth_sendTransaction', params: [{ from: tx.from, to: tx.to, data: tx.data, value: tx.value, chainId: toHex(tx.chainId) }] });
    if (typeof hash !== 'string') throw new Error(`MetaMask answered ${JSON.stringify(hash)} instead of a transaction hash.`);
    return hash;
  });
}

export type SentCalls =
  /** MetaMask took the batch: its id (wallet_getCallsStatus). */
  | { batch: string }
  /** One transaction per call, in order. */
  | { hashes: string[]; batchRefused?: { code: number; message: string } };

/**
 * Several calls from one account: one wallet_sendCalls batch (non-atomic) where MetaMask supports it; otherwise, when
 * MetaMask answers that it will not batch here, each call through its own confirmation, one after another. `onSent`
 * is told each hash as the user confirms it (so a later rejection loses none of them).
 */
export async function sendCallsThroughMetaMask(chainId: number, from: string, calls: readonly Omit<WalletTx, 'chainId' | 'from'>[], onSent: (hash: string, index: number) => Promise<void> | void): Promise<SentCalls> {
  let refused: { code: number; message: string } | undefined;
  if (calls.length > 1) {
    try {
      const answer = await metaMask.userFlow(async () => {
        await onChain(chainId);
        return metaMask.request<{ id?: unknown }>({
          method: 'wallet_sendCalls',
          params: [{ version: '2.0.0', from, chainId: toHex(chainId), atomicRequired: false, calls: calls.map((c) => ({ to: c.to, data: c.data, value: c.value })) }],
        });
      });
      if (answer && typeof answer.id === 'string') return { batch: answer.id };
      throw new Error(`MetaMask answered wallet_sendCalls with ${JSON.stringify(answer)}.`);
    } catch (e) {
      if (!(e instanceof MetaMaskRpcError) || e.code === undefined || !BATCH_UNSUPPORTED_CODES.has(e.code)) throw e;
      refused = { code: e.code, message: e.message };
    }
  }
  const hashes: string[] = [];
  for (const [i, c] of calls.entries()) {
    const hash = await sendThroughMetaMask({ chainId, from, ...c });
    hashes.push(hash);
    await onSent(hash, i);
  }
  return { hashes, ...(refused ? { batchRefused: refused } : {}) };
}
