/**
 * The wallet that sends withdrawal steps, in this order of preference:
 * 1. MetaMask as an external extension (withdraw-metamask.ts: @metamask/providers' external-extension protocol);
 * 2. "node accounts": the chain's configured RPC answers eth_accounts / eth_sendTransaction (anvil, hardhat, a local node);
 * 3. read-only: a typed address, plan only.
 */
import type { NodeWalletResponse } from '@/core/messages';
import type { WalletKind } from '@/core/store/plans';
import { ask } from '@/components/runtime';
import { connectMetaMask } from './withdraw-metamask';

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export interface DetectedWallet {
  kind: WalletKind;
  accounts: string[];
  /** Why a better wallet was not used (shown to the user). */
  reason?: string;
  metamask?: Eip1193;
}

export class WalletError extends Error {
  override name = 'WalletError';
}

const within = <T,>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new WalletError(`${what} did not answer in ${ms / 1000} s`)), ms))]);

/** MetaMask, if installed and answering; undefined otherwise (never throws). */
async function metamask(): Promise<Eip1193 | undefined> {
  try {
    const provider = connectMetaMask();
    await within(provider.request({ method: 'eth_chainId' }), 1_500, 'MetaMask');
    return provider;
  } catch {
    return undefined;
  }
}

export async function detectWallet(chainId: number): Promise<DetectedWallet> {
  const mm = await metamask();
  if (mm) {
    const accounts = (await within(mm.request({ method: 'eth_requestAccounts' }), 60_000, 'MetaMask').catch(() => [])) as string[];
    if (accounts.length > 0) return { kind: 'metamask', accounts, metamask: mm };
  }
  const node = await ask<NodeWalletResponse>({ t: 'withdraw:wallet', chainId });
  if (node.kind === 'node-accounts') return { kind: 'node-accounts', accounts: node.accounts, reason: mm ? 'MetaMask gave no account' : 'MetaMask is not installed' };
  return { kind: 'read-only', accounts: [], reason: `${mm ? 'MetaMask gave no account' : 'MetaMask is not installed'}; ${node.reason ?? 'the node signs nothing'}` };
}

/** Sends a prepared transaction through MetaMask (on the right chain) and returns its hash. */
export async function sendWithMetaMask(provider: Eip1193, tx: { chainId: number; from: string; to: string; data: string; value: string }): Promise<string> {
  const chainHex = `0x${tx.chainId.toString(16)}`;
  const current = (await provider.request({ method: 'eth_chainId' })) as string;
  if (current.toLowerCase() !== chainHex) await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: chainHex }] });
  const hash = await provider.request({ method: 'eth_sendTransaction', params: [{ from: tx.from, to: tx.to, data: tx.data, value: tx.value }] });
  if (typeof hash !== 'string') throw new WalletError('MetaMask returned no transaction hash.');
  return hash;
}
