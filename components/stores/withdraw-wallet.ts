/**
 * The wallet that sends withdrawal steps, in this order of preference:
 * 1. MetaMask, when it answers and Preflight is connected to it (the worker talks to it: components/metamask);
 * 2. "node accounts": the chain's configured RPC answers eth_accounts / eth_sendTransaction (anvil, hardhat, a local node);
 * 3. read-only: a typed address, plan only.
 * MetaMask's own state (not found / found but not connected / connecting / connected) is kept alongside, for the tab to say.
 */
import type { MetaMaskStatus, NodeWalletResponse } from '@/core/messages';
import type { WalletKind } from '@/core/store/plans';
import { ask } from '@/components/runtime';

export interface DetectedWallet {
  kind: WalletKind;
  accounts: string[];
  /** Why a better wallet was not used (shown to the user). */
  reason?: string;
  metamask: MetaMaskStatus;
}

export class WalletError extends Error {
  override name = 'WalletError';
}

/** MetaMask's status from the worker; a worker error reads as "not found" with the error as the reason. */
export async function metaMaskStatus(): Promise<MetaMaskStatus> {
  return ask<MetaMaskStatus>({ t: 'metamask:status' });
}

export async function detectWallet(chainId: number): Promise<DetectedWallet> {
  const [metamask, node] = await Promise.all([metaMaskStatus(), ask<NodeWalletResponse>({ t: 'withdraw:wallet', chainId })]);
  if (metamask.found && metamask.accounts.length > 0) return { kind: 'metamask', accounts: metamask.accounts, metamask };
  const why = metamask.found ? 'MetaMask is not connected to Preflight' : metamask.silent.length > 0 ? 'MetaMask is not answering yet' : 'no MetaMask answered';
  if (node.kind === 'node-accounts') return { kind: 'node-accounts', accounts: node.accounts, reason: why, metamask };
  return { kind: 'read-only', accounts: [], reason: `${why}; ${node.reason ?? 'the node signs nothing'}`, metamask };
}

/** What the Withdraw and Approvals stores share: the chain's wallet, the account in the field and whether it was typed. */
export interface WalletFields {
  chainId: number;
  wallet?: DetectedWallet;
  account: string;
  /** The user typed the account: a wallet found afterwards must not overwrite it. */
  typed: boolean;
  error?: string;
}

/** The actions both tabs' stores have on those fields. */
export interface WalletActions {
  setChain(chainId: number): void;
  setAccount(account: string): void;
  detect(): Promise<void>;
  /** Asks MetaMask to connect Preflight (its window); the tab follows the status until it is answered. */
  connectMetaMask(): Promise<void>;
  /** MetaMask's status again (while a connect request is open). */
  refreshMetaMask(): Promise<void>;
}

/** An error as the tabs show it. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The account the field shows once the wallet is found: one the user typed meanwhile wins over the wallet's. */
export function accountAfterDetect(fields: Pick<WalletFields, 'account' | 'typed'>, wallet: DetectedWallet): string {
  return fields.typed ? fields.account : (wallet.accounts[0] ?? fields.account);
}

/**
 * The two MetaMask actions of a tab's store: ask MetaMask to connect Preflight (its window), and follow its status
 * while that request is open. Once it connects, the wallet is detected again and the field takes MetaMask's account
 * (connecting asks for it, so a typed one gives way).
 */
export function metaMaskActions(
  get: () => WalletFields & Pick<WalletActions, 'detect'>,
  set: (partial: Partial<WalletFields>) => void,
  run: (busy: 'metamask', action: () => Promise<void>) => Promise<void>,
): Pick<WalletActions, 'connectMetaMask' | 'refreshMetaMask'> {
  const keep = (metamask: MetaMaskStatus) => {
    const wallet = get().wallet;
    if (wallet) set({ wallet: { ...wallet, metamask } });
  };
  return {
    connectMetaMask: () => run('metamask', async () => keep(await ask<MetaMaskStatus>({ t: 'metamask:connect' }))),
    async refreshMetaMask() {
      try {
        const metamask = await metaMaskStatus();
        const before = get().wallet?.metamask;
        const connectedNow = metamask.found && metamask.accounts.length > 0 && !(before?.found && before.accounts.length > 0);
        if (!connectedNow) return keep(metamask);
        set({ typed: false });
        await get().detect();
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
  };
}
