import type { Frame, Page } from 'playwright-core';
import { encodeFunctionData, parseAbi, recoverTypedDataAddress, zeroAddress, type Address, type Hex, type TypedDataDefinition } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../scripts/devnet/chain';
import { flip } from '../../scripts/devnet/spoofing';
import { clickCase, decide, panelReview, readVerdict, reviewFrame, reviewFrames } from './harness';
import { METAMASK_ID, type MetaMaskWorld } from './metamask-harness';

/**
 * Preflight's own flows in front of the real MetaMask 13.5.0, run in tests/e2e/metamask.e2e.ts's world (one MetaMask
 * onboarding for both): the fees it recommends reach the mined transaction, a held request reaches MetaMask only at
 * the target fee, the companion card lasts exactly as long as MetaMask's prompt, MetaMask is asked only after the
 * release check found the outcome unchanged (and not when it moved), a stopped worker loses no answer,
 * and MetaMask's own re-send after its worker restarted is neither reviewed twice nor reported as a bypass.
 */

let mm: MetaMaskWorld;

interface TxParams {
  to: string;
  value?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
}

/** Clicks a demo dApp case in the world's tab and waits for the panel's verdict; `before`: MetaMask windows until then. */
export async function reviewIn(world: MetaMaskWorld, name: string) {
  const before = world.windowsOpened();
  const c = await clickCase(world.page, name);
  const frame = await reviewFrame(world.page, 30_000);
  const v = await readVerdict(frame, 30_000);
  return { c, frame, before, ...v };
}

const review = (name: string) => reviewIn(mm, name);

/** The companion card is showing in the panel's frame. */
const companionShown = (frame: Frame) => frame.locator('[data-testid="review-companion"]').waitFor({ timeout: 15_000 });
/** The panel (companion card included) is gone from the page. */
async function panelGone(page: Page): Promise<void> {
  await expect.poll(() => reviewFrames(page).length, { timeout: 20_000 }).toBe(0);
}

async function mineWithBaseFee(wei: bigint): Promise<void> {
  await mm.rpc('anvil_setNextBlockBaseFeePerGas', [`0x${wei.toString(16)}`]);
  await mm.rpc('evm_mine', []);
}

/** The flows, in the caller's world (its afterEach resets the dApp tab and MetaMask's windows). */
export function describeFlows(world: () => MetaMaskWorld): void {
  beforeAll(() => {
    mm = world();
  });

  describe('fees: what MetaMask mines', () => {
    it('with "use the recommended fees" ticked, the mined transaction carries Preflight\'s fees, not the 20× fees the dApp asked for', async () => {
      const r = await review('overpay-fee');
      expect(r.codes).toContain('fee-above-recommended');
      const reviewed = await panelReview(r.frame);
      const dapp = (reviewed.request.params as TxParams[])[0]!;
      const fees = reviewed.review!.suggestedFees!;
      expect(BigInt(fees.maxFeePerGas)).toBeLessThan(BigInt(dapp.maxFeePerGas!));
      const box = r.frame.locator('[data-testid="review-apply-fees"]');
      await box.check({ timeout: 5_000 }).catch(() => box.evaluate((el: HTMLInputElement) => el.click()));
      expect(await box.isChecked()).toBe(true);
      await decide(r.frame, 'continue');
      await mm.confirm(await mm.waitForWindow());
      const answer = await r.c.settled(60_000);
      expect(answer.status).toBe('ok');
      const tx = await mm.minedTx(answer.text.slice(0, 66));
      expect(tx.type).toBe('0x2');
      expect(BigInt(tx.maxFeePerGas!)).toBe(BigInt(fees.maxFeePerGas));
      expect(BigInt(tx.maxPriorityFeePerGas!)).toBe(BigInt(fees.maxPriorityFeePerGas));
      expect(BigInt(tx.maxFeePerGas!)).not.toBe(BigInt(dapp.maxFeePerGas!));
      expect(mm.windowsOpened() - r.before).toBe(1);
    });

    it('without it, MetaMask keeps the dApp\'s suggested fees (it does not replace them with its own estimate)', async () => {
      const r = await review('overpay-fee');
      const dapp = ((await panelReview(r.frame)).request.params as TxParams[])[0]!;
      await decide(r.frame, 'continue');
      await mm.confirm(await mm.waitForWindow());
      const answer = await r.c.settled(60_000);
      const tx = await mm.minedTx(answer.text.slice(0, 66));
      expect(BigInt(tx.maxFeePerGas!)).toBe(BigInt(dapp.maxFeePerGas!));
      expect(BigInt(tx.maxPriorityFeePerGas!)).toBe(BigInt(dapp.maxPriorityFeePerGas!));
    });
  });

  describe('hold until cheaper, then MetaMask', () => {
    it('a held request reaches MetaMask only once the base fee meets the target, then goes through MetaMask as usual', async () => {
      const r = await review('eth-transfer');
      await r.frame.locator('[data-testid="review-hold-start"]').evaluate((el: HTMLButtonElement) => el.click());
      await r.frame.locator('[data-testid="review-hold"]').waitFor();
      // The panel polls every 12 s: let at least one poll see the fee still above the target.
      await r.frame.locator('[data-testid="review-hold"]').filter({ hasText: /gwei.*gwei/s }).waitFor({ timeout: 20_000 });
      await mm.page.waitForTimeout(3_000);
      expect(mm.windowsOpened() - r.before, 'MetaMask asked while holding').toBe(0);
      expect(await r.c.result.getAttribute('data-status')).toBeNull();
      // The fee falls to a fifth of what it was: below any target the panel offers.
      const head = await mm.rpc<{ baseFeePerGas: string }>('eth_getBlockByNumber', ['latest', false]);
      await mineWithBaseFee(BigInt(head.baseFeePerGas) / 5n);
      const win = await mm.waitForWindow(40_000);
      expect(mm.windowsOpened() - r.before).toBe(1);
      await mm.confirm(win);
      const answer = await r.c.settled(60_000);
      expect(answer.status).toBe('ok');
      const tx = await mm.minedTx(answer.text.slice(0, 66));
      expect(BigInt(tx.value)).toBe(10_000_000_000_000_000n);
    });
  });

  describe('the companion card after Continue lasts until MetaMask answers', () => {
    async function openInMetaMask() {
      const r = await review('eth-transfer');
      await decide(r.frame, 'continue');
      await companionShown(r.frame);
      const win = await mm.waitForWindow();
      // MetaMask's prompt is open and unanswered: the card stays.
      await win.locator('[data-testid="confirm-footer-button"]').waitFor({ timeout: 60_000 });
      expect(reviewFrames(mm.page)).toHaveLength(1);
      await companionShown(r.frame);
      return { ...r, win };
    }

    it('approved in MetaMask: the dApp gets the hash, the card goes', async () => {
      const r = await openInMetaMask();
      await mm.confirm(r.win);
      const answer = await r.c.settled(60_000);
      expect(answer.text).toMatch(/^0x[0-9a-f]{64}/);
      await panelGone(mm.page);
    });

    it('rejected in MetaMask: the dApp gets MetaMask\'s 4001, the card goes', async () => {
      const r = await openInMetaMask();
      await mm.cancel(r.win);
      const answer = await r.c.settled(60_000);
      expect(answer.text).toMatch(/^error 4001: /);
      expect(answer.text).toMatch(/denied|rejected/i);
      await panelGone(mm.page);
    });

    it('MetaMask\'s window closed by the user: the dApp gets 4001, the card goes', async () => {
      const r = await openInMetaMask();
      await r.win.close();
      const answer = await r.c.settled(60_000);
      expect(answer.text).toMatch(/^error 4001: /);
      await panelGone(mm.page);
    });
  });

  describe('the release check before MetaMask (issue 22)', () => {
    it('an unchanged request: MetaMask\'s window opens only after the check simulated it again and found it unchanged', async () => {
      const r = await review('flip-claim');
      await decide(r.frame, 'continue');
      const win = await mm.waitForWindow();
      const seenOpen = Date.now();
      const record = await panelReview(r.frame); // the companion card, still up while MetaMask's window is
      expect(record.decision).toBe('continue');
      expect(record.recheck?.status).toBe('unchanged');
      expect(record.recheck!.checkedAt).toBeLessThanOrEqual(seenOpen);
      expect(mm.windowsOpened() - r.before).toBe(1);
      await mm.cancel(win);
      expect((await r.c.settled(60_000)).text).toMatch(/^error 4001: /);
    });

    it('the owner flips the claim after the review: Continue is stopped, MetaMask is not asked; a second Continue opens its window', async () => {
      const r = await review('flip-claim');
      const claim = ((await panelReview(r.frame)).request.params as { to: Address }[])[0]!.to;
      await flip(createClients(mm.devnet.rpcUrl), mm.devnet.accounts[9]!, claim);
      await decide(r.frame, 'continue');
      const changed = r.frame.locator('[data-testid="review-changed"][data-state="changed"]');
      await changed.waitFor({ timeout: 15_000 });
      expect(await changed.locator('[data-testid="review-changed-now"]').first().textContent()).toBe('−0.01 ETH');
      await mm.page.waitForTimeout(2_000); // a window MetaMask opened now would be counted
      expect(mm.windowsOpened() - r.before, 'MetaMask asked although the outcome moved').toBe(0);
      await decide(r.frame, 'continue');
      const win = await mm.waitForWindow();
      expect(mm.windowsOpened() - r.before).toBe(1);
      await mm.cancel(win);
      expect((await r.c.settled(60_000)).text).toMatch(/^error 4001: /);
    });
  });

  describe('a Safe transaction signed through MetaMask', () => {
    it('SafeTx for the devnet Safe: Continue → MetaMask signs → the signature recovers to the owner (account 0), the safeTxHash the panel showed is the Safe\'s getTransactionHash, and the Safe accepts the signature', async () => {
      const r = await review('safe-transfer');
      expect(r.verdict).toBe('ok');
      const shown = ((await r.frame.locator('[data-testid="card-safe"] .row').filter({ has: r.frame.locator('dt', { hasText: /^safeTxHash$/ }) }).locator('dd').textContent()) ?? '').trim();
      const typed = JSON.parse(((await panelReview(r.frame)).request.params as string[])[1]!) as TypedDataDefinition & { message: { to: Address; value: string; data: Hex; operation: number; nonce: string } };
      await decide(r.frame, 'continue');
      await mm.confirm(await mm.waitForWindow());
      const answer = await r.c.settled(60_000);
      expect(answer.status).toBe('ok');
      const signature = answer.text as Hex;
      expect((await recoverTypedDataAddress({ ...typed, signature })).toLowerCase()).toBe(mm.devnet.accounts[0]!.toLowerCase());
      const m = typed.message;
      const abi = parseAbi([
        'function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)',
        'function checkNSignatures(bytes32 dataHash, bytes data, bytes signatures, uint256 requiredSignatures) view',
      ]);
      const safe = mm.devnet.safe.address;
      const onChain = await mm.rpc<Hex>('eth_call', [{ to: safe, data: encodeFunctionData({ abi, functionName: 'getTransactionHash', args: [m.to, BigInt(m.value), m.data, m.operation, 0n, 0n, 0n, zeroAddress, zeroAddress, BigInt(m.nonce)] }) }, 'latest']);
      expect(shown).toBe(onChain);
      // The Safe's own signature check (reverts on a signature that is not an owner's over this hash).
      expect(await mm.rpc('eth_call', [{ to: safe, data: encodeFunctionData({ abi, functionName: 'checkNSignatures', args: [onChain, '0x', signature, 1n] }) }, 'latest'])).toBe('0x');
    });
  });

  describe('Preflight\'s worker stopped while MetaMask\'s window is open', () => {
    it('the answer still reaches the dApp, the transaction is mined and the card goes', async () => {
      const r = await review('eth-transfer');
      await decide(r.frame, 'continue');
      const win = await mm.waitForWindow();
      await win.locator('[data-testid="confirm-footer-button"]').waitFor({ timeout: 60_000 });
      await mm.browser.stopWorker(mm.page, { only: 'preflight' });
      await mm.confirm(win);
      const answer = await r.c.settled(60_000);
      expect(answer.status).toBe('ok');
      await mm.minedTx(answer.text.slice(0, 66));
      await panelGone(mm.page);
    });
  });
}

/** Leaves MetaMask in a state of its own (locked, a window that does not load): call it last. */
export function describeMetaMaskWorkerRestart(world: () => MetaMaskWorld): void {
  beforeAll(() => {
    mm = world();
  });

  describe('MetaMask\'s own worker restarted while its window is open', () => {
    it('its provider re-sends the request the user approved: Preflight lets it through (no second panel, no bypass warning) to MetaMask, which routes its window to it', async () => {
      const r = await review('eth-transfer');
      await decide(r.frame, 'continue');
      const win = await mm.waitForWindow();
      await win.locator('[data-testid="confirm-footer-button"]').waitFor({ timeout: 60_000 });
      // Counts the transactions the page posts on MetaMask's stream from now on (the re-send is one).
      await mm.page.evaluate(() => {
        const w = window as unknown as { __resends: number };
        w.__resends = 0;
        window.addEventListener('message', (e: MessageEvent) => {
          const d = e.data as { target?: string; data?: { data?: { method?: string } } } | null;
          if (d?.target === 'metamask-contentscript' && d.data?.data?.method === 'eth_sendTransaction') w.__resends++;
        });
      });
      await mm.browser.stopWorker(mm.page, { only: METAMASK_ID });
      // MetaMask's content script reconnects and posts METAMASK_EXTENSION_CONNECT_CAN_RETRY; its provider re-sends.
      await expect.poll(() => mm.page.evaluate(() => (window as unknown as { __resends: number }).__resends), { timeout: 30_000 }).toBe(1);
      await mm.page.waitForTimeout(1_000); // a second panel or banner would be up by now
      expect(reviewFrames(mm.page), 'a second Preflight panel for the re-send').toHaveLength(1);
      await companionShown(r.frame);
      expect(await mm.page.locator('preflight-banner[data-kind="bypass"]').count(), 'bypass banner').toBe(0);
      // MetaMask locks itself when its worker restarts and its old window lost its worker: reloaded, the window asks for
      // the password, then MetaMask routes it to the re-sent transaction (an approval it has only if Preflight let it pass).
      await win.reload();
      await mm.unlock(win);
      await win.waitForURL(/#confirm-transaction\/[0-9a-f-]+/, { timeout: 60_000 });
      // What follows is MetaMask's: its 13.5 confirmation UI does not finish loading in a window that outlived its worker,
      // and closing that window leaves the request unanswered (README, "MetaMask's worker restarts"). Last in this file.
    });
  });
}
