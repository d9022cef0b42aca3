/**
 * The Withdraw and Approvals stores find the wallet the same way (components/stores/withdraw-wallet.ts): an account the
 * user typed while the wallet was being found stays; connecting MetaMask (its window answered) gives the field
 * MetaMask's account. The background is a fake `ask` answering as the worker does.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetaMaskStatus, RuntimeMessage } from '@/core/messages';

const TYPED = '0x1111111111111111111111111111111111111111';
const NODE = '0x2222222222222222222222222222222222222222';
const MM = '0x3333333333333333333333333333333333333333';

let metamask: MetaMaskStatus;
let release: () => void = () => undefined;
vi.mock('@/components/runtime', () => ({
  async ask(message: RuntimeMessage) {
    switch (message.t) {
      case 'metamask:status':
      case 'metamask:connect':
        return metamask;
      case 'withdraw:wallet':
        // The node answers after the test had a chance to type (the slow part of finding the wallet).
        await new Promise<void>((r) => (release = r));
        return { kind: 'node-accounts', accounts: [NODE] };
      default:
        return message.t === 'plan:list' ? [] : message.t === 'withdraw:balances' ? [] : { chainId: 1, account: TYPED };
    }
  },
}));

const { useWithdraw } = await import('@/components/stores/withdraw-store');
const { useApprovals } = await import('@/components/stores/approvals-store');

const notConnected: MetaMaskStatus = { found: true, extensionId: 'x', chainId: '0x1', accounts: [], locked: false, connecting: false };

describe.each([
  ['withdraw', useWithdraw],
  ['approvals', useApprovals],
] as const)('%s store', (_name, store) => {
  beforeEach(() => {
    metamask = notConnected;
  });

  it('keeps an account typed while the wallet was being found', async () => {
    store.getState().setChain(1);
    const detecting = store.getState().detect();
    store.getState().setAccount(TYPED);
    release();
    await detecting;
    expect(store.getState().account).toBe(TYPED);
    expect(store.getState().wallet?.kind).toBe('node-accounts');
  });

  it('takes the wallet’s account when nothing was typed', async () => {
    store.getState().setChain(1);
    const detecting = store.getState().detect();
    release();
    await detecting;
    expect(store.getState().account).toBe(NODE);
  });

  it('gives the field MetaMask’s account once MetaMask connects, over a typed one', async () => {
    store.getState().setChain(1);
    const detecting = store.getState().detect();
    release();
    await detecting;
    store.getState().setAccount(TYPED);
    metamask = { ...notConnected, connecting: true };
    await store.getState().connectMetaMask();
    expect(store.getState().wallet?.metamask).toMatchObject({ connecting: true });
    expect(store.getState().account).toBe(TYPED);
    metamask = { ...notConnected, accounts: [MM] };
    const refreshing = store.getState().refreshMetaMask();
    await vi.waitFor(() => expect(store.getState().busy).toBe('wallet'));
    release();
    await refreshing;
    expect(store.getState().wallet?.kind).toBe('metamask');
    expect(store.getState().account).toBe(MM);
  });
});
