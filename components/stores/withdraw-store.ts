import { create } from 'zustand';
import type { BalanceLine, PlanView } from '@/core/messages';
import type { PlanRequest } from '@/core/withdraw/plan-request';
import { stepAwaitingLostHash } from '@/core/store/plans';
import { ask } from '@/components/runtime';
import { accountAfterDetect, detectWallet, messageOf, metaMaskActions, type WalletActions, type WalletFields } from './withdraw-wallet';

/** A prepared step's lost-hash search costs RPC calls: at most every 12 s from the tab (the background alarm runs it every minute). */
const LOST_HASH_CHECK_MS = 12_000;
let lastLostHashCheck = 0;

interface WithdrawState extends WalletFields, WalletActions {
  balances?: BalanceLine[];
  plans: PlanView[];
  view?: PlanView;
  /** What is running (shown as progress): 'wallet' | 'balances' | 'plan' | a step id. */
  busy?: string;
  loadBalances(): Promise<void>;
  loadPlans(): Promise<void>;
  open(id: string | undefined): void;
  create(request: Omit<PlanRequest, 'chainId' | 'account'>): Promise<void>;
  prepare(stepId: string): Promise<void>;
  send(stepId: string): Promise<void>;
  skip(stepId: string, done: boolean): Promise<void>;
  track(): Promise<void>;
  checkPrices(): Promise<void>;
  replan(): Promise<void>;
}

/** The Withdraw tab's state. Plans and progress live in the background's IndexedDB; this only mirrors them. */
export const useWithdraw = create<WithdrawState>((set, get) => {
  /** Runs one background action, with its busy marker and a readable error. */
  async function run(busy: string, action: () => Promise<void>) {
    set({ busy, error: undefined });
    try {
      await action();
    } catch (e) {
      set({ error: messageOf(e) });
    } finally {
      if (get().busy === busy) set({ busy: undefined });
    }
  }
  const show = (view: PlanView) => set((s) => ({ view, plans: [view, ...s.plans.filter((p) => p.record.id !== view.record.id)] }));
  return {
    chainId: 1,
    account: '',
    typed: false,
    plans: [],
    setChain(chainId) {
      set({ chainId, wallet: undefined, balances: undefined, account: '', typed: false });
      void get().detect();
    },
    setAccount(account) {
      set({ account: account.trim(), typed: account.trim() !== '', balances: undefined });
    },
    detect: () =>
      run('wallet', async () => {
        const chainId = get().chainId;
        const wallet = await detectWallet(chainId);
        if (get().chainId !== chainId) return; // the user picked another chain meanwhile: its own detection answers
        const account = accountAfterDetect(get(), wallet);
        set({ wallet, account });
        if (account) await get().loadBalances();
      }),
    ...metaMaskActions(get, set, run),
    loadBalances: async () => {
      const { chainId, account } = get();
      set({ busy: 'balances', error: undefined });
      try {
        set({ balances: await ask<BalanceLine[]>({ t: 'withdraw:balances', chainId, account }) });
      } catch (e) {
        set({ error: messageOf(e) });
      } finally {
        set({ busy: undefined });
      }
    },
    loadPlans: () =>
      run('plans', async () => {
        const plans = await ask<PlanView[]>({ t: 'plan:list' });
        set((s) => ({ plans, view: s.view ? plans.find((p) => p.record.id === s.view!.record.id) ?? s.view : plans[0] }));
      }),
    open(id) {
      set((s) => ({ view: id ? s.plans.find((p) => p.record.id === id) : undefined, error: undefined }));
    },
    create: (request) =>
      run('plan', async () => {
        const { chainId, account, wallet } = get();
        show(await ask<PlanView>({ t: 'plan:create', request: { ...request, chainId, account: account as PlanRequest['account'] }, wallet: wallet?.kind ?? 'read-only' }));
      }),
    prepare: (stepId) =>
      run(stepId, async () => {
        const planId = get().view!.record.id;
        show(await ask<PlanView>({ t: 'step:prepare', planId, stepId }));
      }),
    send: (stepId) =>
      run(stepId, async () => {
        const view = get().view!;
        const planId = view.record.id;
        const step = view.record.steps.find((s) => s.id === stepId);
        if (!step?.tx) throw new Error('Review the step first.');
        if (view.record.wallet === 'metamask') {
          // The worker asks MetaMask and keeps waiting for the hash (this popup may close when MetaMask's window opens).
          show(await ask<PlanView>({ t: 'step:send', planId, stepId }));
        } else if (view.record.wallet === 'node-accounts') {
          show(await ask<PlanView>({ t: 'step:send', planId, stepId }));
        } else throw new Error('This plan is read-only: nothing can be sent from it.');
      }),
    skip: (stepId, done) =>
      run(stepId, async () => {
        show(await ask<PlanView>({ t: done ? 'step:done' : 'step:skip', planId: get().view!.record.id, stepId }));
      }),
    async track() {
      const view = get().view;
      if (!view) return;
      // Receipts of sent steps; or a prepared step whose hash may have been lost (found on chain by the background);
      // or MetaMask showing a step (the worker records its hash when the user confirms: reading the plan is enough).
      const lostHash = stepAwaitingLostHash(view.record) !== undefined && Date.now() - lastLostHashCheck >= LOST_HASH_CHECK_MS;
      const sent = view.record.steps.some((s) => s.status === 'sent');
      const walletWaiting = view.wallet !== undefined && 'since' in view.wallet;
      if (!lostHash && !sent && !walletWaiting) return;
      if (lostHash) lastLostHashCheck = Date.now();
      try {
        show(await ask<PlanView>(lostHash || sent ? { t: 'plan:track', id: view.record.id } : { t: 'plan:get', id: view.record.id }));
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },
    replan: () =>
      run('replan', async () => {
        const oldId = get().view!.record.id;
        const fresh = await ask<PlanView>({ t: 'plan:replan', id: oldId });
        show(fresh);
        await get().loadPlans();
        set((s) => ({ view: s.plans.find((p) => p.record.id === fresh.record.id) ?? fresh }));
      }),
    checkPrices: () =>
      run('check', async () => {
        show(await ask<PlanView>({ t: 'plan:check', id: get().view!.record.id }));
      }),
  };
});
