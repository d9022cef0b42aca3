import type { Frame } from 'playwright-core';
import { recoverMessageAddress, recoverTypedDataAddress, type Hex, type TypedDataDefinition } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clickCase, decide, panelReview } from './harness';
import { describeFlows, describeMetaMaskWorkerRestart, reviewIn } from './metamask-flows';
import { startMetaMaskWorld, type MetaMaskWorld } from './metamask-harness';

/**
 * Every reviewed method the demo dApp has, through Preflight and then the real MetaMask 13.5.0:
 * panel first; Reject → 4001 and MetaMask never asked; Continue → exactly one MetaMask window → confirm →
 * the dApp's answer, and the mined transaction or the signature is the one the panel reviewed.
 */

// MetaMask's UI is heavy: on a loaded 2-core machine onboarding alone has taken over 3 minutes.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 600_000 });

let mm: MetaMaskWorld;
const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

beforeAll(async () => {
  mm = await startMetaMaskWorld({ seed: 13 });
}, 600_000);

afterAll(async () => {
  await mm?.close();
});

afterEach(async () => {
  await mm?.reset(); // a failed test leaves no panel or MetaMask window behind for the next
});

/** Clicks a case and waits for its verdict; MetaMask must not have been asked while the panel is up. */
async function review(name: string) {
  const r = await reviewIn(mm, name);
  expect(mm.windowsOpened() - r.before, 'MetaMask asked before the panel decided').toBe(0);
  return r;
}

/** Continue in the panel, then exactly one MetaMask window, confirmed there. Returns the dApp's answer. */
async function continueAndConfirm(r: { c: Awaited<ReturnType<typeof clickCase>>; frame: Frame; before: number }) {
  await decide(r.frame, 'continue');
  const win = await mm.waitForWindow();
  await mm.confirm(win);
  const answer = await r.c.settled(60_000);
  expect(mm.windowsOpened() - r.before, 'MetaMask windows for one request').toBe(1);
  return answer;
}

interface TxParams {
  from: string;
  to: string;
  value?: string;
  data?: string;
}

describe('Preflight in front of the real MetaMask 13.5.0: every reviewed method', () => {
  it('Reject in the panel → 4001 and MetaMask is never asked (transaction, batch, typed data, personal_sign, switch, add, watch asset)', async () => {
    for (const name of ['eth-transfer', 'send-calls', 'permit', 'personal-sign-siwe', 'switch-chain', 'add-devnet', 'watch-asset']) {
      const r = await review(name);
      await decide(r.frame, 'reject');
      const answer = await r.c.settled();
      expect(answer.text, name).toMatch(/^error 4001: /);
      await mm.page.waitForTimeout(500); // a window MetaMask opened now would be counted
      expect(mm.windowsOpened() - r.before, `${name}: MetaMask windows after Reject`).toBe(0);
    }
  });

  it('personal_sign (SIWE for this page): Continue → one MetaMask window → confirm → the signature recovers to the account', async () => {
    const r = await review('personal-sign-siwe');
    expect(r.verdict).toBe('ok');
    const reviewed = await panelReview(r.frame);
    const answer = await continueAndConfirm(r);
    expect(answer.status).toBe('ok');
    const message = (reviewed.request.params as Hex[])[0]!;
    expect(await recoverMessageAddress({ message: { raw: message }, signature: answer.text as Hex })).toBe(ACCOUNT);
  });

  it('eth_sendTransaction (0.01 ETH): the mined transaction has the reviewed to, value and data, from the account', async () => {
    const r = await review('eth-transfer');
    expect(r.codes).toContain('asset-changes');
    const reviewed = await panelReview(r.frame);
    const asked = (reviewed.request.params as TxParams[])[0]!;
    expect(reviewed.review?.summary.en).toMatch(/0\.01 ETH/);
    const answer = await continueAndConfirm(r);
    expect(answer.status).toBe('ok');
    const tx = await mm.minedTx(answer.text.slice(0, 66));
    expect(tx.from.toLowerCase()).toBe(ACCOUNT.toLowerCase());
    expect(tx.to?.toLowerCase()).toBe(asked.to.toLowerCase());
    expect(BigInt(tx.value)).toBe(BigInt(asked.value!));
    expect(BigInt(tx.value)).toBe(10_000_000_000_000_000n);
    expect(tx.input).toBe('0x');
  });

  it('eth_sendTransaction with calldata (approve 100 USDC): the mined input is the reviewed data', async () => {
    const r = await review('approve-exact');
    const reviewed = await panelReview(r.frame);
    const asked = (reviewed.request.params as TxParams[])[0]!;
    expect(reviewed.review?.summary.en).toMatch(/100 USDC/);
    const answer = await continueAndConfirm(r);
    expect(answer.status).toBe('ok');
    const tx = await mm.minedTx(answer.text.slice(0, 66));
    expect(tx.to?.toLowerCase()).toBe(mm.devnet.contracts.usdc.toLowerCase());
    expect(tx.to?.toLowerCase()).toBe(asked.to.toLowerCase());
    expect(tx.input).toBe(asked.data);
    expect(BigInt(tx.value)).toBe(0n);
  });

  it('eth_signTypedData_v4 (EIP-2612 permit): the signature recovers to the account over the reviewed typed data', async () => {
    const r = await review('permit');
    expect(r.codes).toContain('permit-signature');
    const reviewed = await panelReview(r.frame);
    const typed = JSON.parse((reviewed.request.params as string[])[1]!) as TypedDataDefinition;
    const answer = await continueAndConfirm(r);
    expect(answer.status).toBe('ok');
    expect(await recoverTypedDataAddress({ ...typed, signature: answer.text as Hex })).toBe(ACCOUNT);
  });

  it('wallet_addEthereumChain (the devnet, during setup): panel first, then exactly one MetaMask window, answered null', () => {
    const seen = mm.addChainSeen;
    expect(seen.verdict).not.toBe('');
    expect(seen.windowsBeforeContinue).toBe(0);
    expect(seen.windowsAfterContinue).toBe(1);
    expect(seen.answer).toBe('null');
  });

  it('wallet_watchAsset (USDC): Continue → one MetaMask window ("Add token") → true', async () => {
    const r = await review('watch-asset');
    const answer = await continueAndConfirm(r);
    expect(answer).toEqual({ status: 'ok', text: 'true' });
  });

  it('wallet_switchEthereumChain to Ethereum: one MetaMask window (the network permission) → null; back to the devnet, already permitted, MetaMask switches without a window', async () => {
    const r = await review('switch-chain');
    expect(r.codes).toEqual(['chain-switch']);
    const answer = await continueAndConfirm(r);
    expect(answer).toEqual({ status: 'ok', text: 'null' });
    expect(await mm.page.evaluate(() => (window as unknown as { ethereum: { request(a: object): Promise<string> } }).ethereum.request({ method: 'eth_chainId' }))).toBe('0x1');

    const back = await review('switch-devnet');
    expect(back.codes).toEqual(['chain-switch']);
    await decide(back.frame, 'continue');
    expect(await back.c.settled(30_000)).toEqual({ status: 'ok', text: 'null' });
    expect(mm.windowsOpened() - back.before).toBe(0);
    expect(await mm.page.evaluate(() => (window as unknown as { ethereum: { request(a: object): Promise<string> } }).ethereum.request({ method: 'eth_chainId' }))).toBe('0x7a69');
  });

  it('wallet_sendCalls: MetaMask 13.5 refuses it on the devnet (5710, EIP-7702 not supported on this chain) without a window; Preflight passes that answer on', async () => {
    const r = await review('send-calls');
    await decide(r.frame, 'continue');
    const answer = await r.c.settled(30_000);
    expect(answer.text).toMatch(/^error 5710: EIP-7702 not supported on chain: 0x7a69/);
    expect(mm.windowsOpened() - r.before).toBe(0);
  });
});

describeFlows(() => mm);

/**
 * No RPC in Preflight's Settings for the devnet, "only my RPC" ticked (so no public endpoint either): the only way
 * Preflight can read the chain is the real MetaMask's own RPC for it, through MetaMask's extension connection.
 */
/** review(), with where the panel says it read the chain and a finding's text. */
async function reviewCase(name: string) {
  const r = await review(name);
  const source = (await r.frame.locator('[data-testid="card-chain-source"]').textContent().catch(() => null)) ?? '';
  const finding = async (code: string) => (await r.frame.locator(`[data-testid="finding"][data-code="${code}"]`).first().textContent()) ?? '';
  return { ...r, source, finding };
}

describe('chain reads through the real MetaMask (no RPC in Preflight)', () => {
  // Last in this file: the settings stay so for the rest of this world.
  beforeAll(async () => {
    await mm.browser.setSettings({ rpcs: {}, privateRpc: { '31337': true } });
  });

  it('an unlimited approve to an EOA: the spender’s code is read through MetaMask (danger), and the panel says so', async () => {
    const r = await reviewCase('approve-eoa');
    expect(r.verdict).toBe('danger');
    expect(r.codes).toEqual(expect.arrayContaining(['approval-to-eoa', 'unlimited-approval']));
    expect(r.codes).not.toContain('no-chain-access');
    expect(r.source).toMatch(/Checked through\s*MetaMask's RPC for /);
    expect(mm.windows()).toHaveLength(0); // reading opened no MetaMask window
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).status).toBe('error');
  });

  it('an approve to a known router: the token is read through MetaMask; the simulation MetaMask refuses is said as such', async () => {
    const r = await reviewCase('approve-unlimited');
    expect(r.codes).toContain('unlimited-approval');
    expect(r.codes).not.toContain('no-chain-access');
    expect(await r.finding('unlimited-approval')).toContain('USDC'); // the token's symbol, read on chain through MetaMask
    expect(await r.finding('asset-changes')).toContain('MetaMask does not run simulations');
    expect(r.source).toContain("MetaMask's RPC for ");
    expect(mm.windows()).toHaveLength(0);
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).status).toBe('error');
  });
});

describeMetaMaskWorkerRestart(() => mm);
