import { create } from 'zustand';
import type { ApprovalsStatus } from '@/core/messages';
import { ask } from '@/components/runtime';
import { accountAfterDetect, detectWallet, messageOf, metaMaskActions, type WalletActions, type WalletFields } from './withdraw-wallet';

/**
 * The Approvals tab's state. The inventory, its scan and the revocations live in the background (the scan goes on
 * when the popup closes); this mirrors the status the worker answers, asked again every half second while something
 * runs. The wallet is found the way the Withdraw tab finds it (withdraw-wallet.ts).
 */
interface ApprovalsState extends WalletFields, WalletActions {
  status?: ApprovalsStatus;
  /** Rows ticked for a revocation of several at once. */
  selected: string[];
  busy?: 'wallet' | 'metamask' | 'scan' | 'revoke';
  refresh(): Promise<void>;
  scan(): Promise<void>;
  cancel(): Promise<void>;
  toggle(key: string): void;
  revoke(keys: string[]): Promise<void>;
}

export const isAccount = (a: string) => /^0x[0-9a-fA-F]{40}$/.test(a.trim());

export const useApprovals = create<ApprovalsState>((set, get) => {
  async function run(busy: ApprovalsState['busy'], action: () => Promise<void>) {
    set({ busy, error: undefined });
    try {
      await action();
    } catch (e) {
      set({ error: messageOf(e) });
    } finally {
      if (get().busy === busy) set({ busy: undefined });
    }
  }
  /** The worker's answer, unless the user moved to another chain or account meanwhile. */
  const show = (status: ApprovalsStatus) => {
    const { chainId, account } = get();
    if (status.chainId === chainId && status.account.toLowerCase() === account.trim().toLowerCase()) set({ status, selected: get().selected.filter((k) => status.view?.lines.some((l) => l.key === k)) });
  };
  return {
    chainId: 1,
    account: '',
    typed: false,
    selected: [],
    setChain(chainId) {
      set({ chainId, wallet: undefined, status: undefined, selected: [], account: '', typed: false });
      void get().detect();
    },
    setAccount(account) {
      set({ account: account.trim(), typed: account.trim() !== '', status: undefined, selected: [] });
      if (isAccount(account)) void get().refresh();
    },
    detect: () =>
      run('wallet', async () => {
        const chainId = get().chainId;
        const wallet = await detectWallet(chainId);
        if (get().chainId !== chainId) return;
        // The wallet's account fills the field unless the user typed one while the wallet was being found.
        set({ wallet, account: accountAfterDetect(get(), wallet) });
        if (isAccount(get().account)) await get().refresh();
      }),
    ...metaMaskActions(get, set, run),
    async refresh() {
      const { chainId, account } = get();
      if (!isAccount(account)) return;
      try {
        show(await ask<ApprovalsStatus>({ t: 'approvals:status', chainId, account }));
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    scan: () =>
      run('scan', async () => {
        const { chainId, account } = get();
        show(await ask<ApprovalsStatus>({ t: 'approvals:scan', chainId, account }));
      }),
    cancel: () =>
      run('scan', async () => {
        const { chainId, account } = get();
        show(await ask<ApprovalsStatus>({ t: 'approvals:cancel', chainId, account }));
      }),
    toggle(key) {
      set((s) => ({ selected: s.selected.includes(key) ? s.selected.filter((k) => k !== key) : [...s.selected, key] }));
    },
    revoke: (keys) =>
      run('revoke', async () => {
        const { chainId, account } = get();
        show(await ask<ApprovalsStatus>({ t: 'approvals:revoke', chainId, account, keys }));
        set({ selected: [] });
      }),
  };
});
