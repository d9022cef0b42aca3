import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { launchWithExtension, type ExtensionBrowser } from './harness';

let devnet: Devnet;
let browser: ExtensionBrowser & { userDataDir: string };
let userDataDir = '';

const deposit = '0x000000000000000000000000000000000000de90'; // an exchange deposit address (lowercase: no checksum)
const usdcOf = async (address: string) => {
  const { createPublicClient, http, erc20Abi } = await import('viem');
  const c = createPublicClient({ transport: http(devnet.rpcUrl) });
  return c.readContract({ address: devnet.contracts.usdc, abi: erc20Abi, functionName: 'balanceOf', args: [address as `0x${string}`] });
};
const settings = () => ({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });

beforeAll(async () => {
  devnet = await startDevnet({ seed: 5, quiet: true });
  browser = await launchWithExtension({ keepUserDataDir: true });
  userDataDir = browser.userDataDir;
  await browser.setSettings(settings());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await devnet?.stop();
});

async function openWithdraw(b: ExtensionBrowser): Promise<{ page: Page; errors: string[] }> {
  const page = await b.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 420, height: 1000 });
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await page.locator('[data-testid="tab-withdraw"]').click();
  return { page, errors };
}

const step = (page: Page, i: number) => page.locator('[data-testid="plan-step"]').nth(i);
const statusOf = (page: Page, i: number) => step(page, i).getAttribute('data-status');

async function reviewAndSend(page: Page, i: number, between?: () => Promise<void>) {
  await step(page, i).locator('[data-testid="plan-step-prepare"]').click();
  const review = step(page, i).locator('[data-testid="plan-step-review"][data-verdict]');
  await review.waitFor({ timeout: 30_000 });
  await between?.();
  await step(page, i).locator('[data-testid="plan-step-send"]').click();
  await page.locator(`[data-testid="plan-step"]:nth-child(${i + 1})[data-status="confirmed"]`).waitFor({ timeout: 30_000 });
  return review.getAttribute('data-verdict').catch(() => null);
}

describe('Withdraw tab (built extension, Chromium, anvil, node-accounts wallet)', () => {
  it('plans a large WETH sale into USDC, executes approve + first swap, survives a worker stop and a browser restart', async () => {
    const { page, errors } = await openWithdraw(browser);
    await page.locator('[data-testid="withdraw-chain"]').selectOption('31337');
    await page.locator('[data-testid="withdraw-wallet"][data-kind="node-accounts"]').waitFor({ timeout: 20_000 });
    expect((await page.locator('[data-testid="withdraw-account"]').inputValue()).toLowerCase()).toBe(devnet.accounts[0]!.toLowerCase());
    await page.locator('[data-testid="withdraw-balance"][data-symbol="WETH"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="withdraw-balance"][data-symbol="WETH"]').getAttribute('data-raw')).toBe(50n * 10n ** 18n + '');

    // Bad input: a clear message, nothing sent to the background.
    await page.locator('[data-testid="withdraw-asset"]').selectOption('WETH');
    await page.locator('[data-testid="withdraw-amount"]').fill('-3');
    await page.locator('[data-testid="withdraw-create"]').click();
    expect(await page.locator('[data-testid="withdraw-form"] [role="alert"]').textContent()).toContain('positive number');

    // 40 WETH into a 1,000 WETH V2 pool (and the V3 pool): a position large against the pools, then to an
    // exchange deposit address on the same chain. The devnet pools are static (permanent impact), where
    // splitting a constant-product sale saves nothing and costs gas: the planner may choose one slice.
    await page.locator('[data-testid="withdraw-amount"]').fill('40');
    await page.locator('[data-testid="withdraw-into-deposit"]').check();
    await page.locator('[data-testid="withdraw-deposit-address"]').fill(deposit);
    await page.locator('[data-testid="withdraw-deadline"]').fill('6');
    await page.locator('[data-testid="withdraw-create"]').click();
    await page.locator('[data-testid="withdraw-plan"]').waitFor({ timeout: 60_000 });
    const kinds = await page.locator('[data-testid="plan-step"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds[0]).toBe('approve');
    expect(kinds[1]).toBe('swap');
    expect(kinds.at(-1)).toBe('transfer');
    expect(kinds.length).toBeGreaterThanOrEqual(3);
    const net = Number(await page.locator('[data-testid="withdraw-net"]').getAttribute('data-value'));
    expect(net).toBeGreaterThan(40 * 3000 * 0.8);
    expect(net).toBeLessThan(40 * 3000);
    await page.locator('[data-testid="withdraw-schedule-chart"] canvas').waitFor();
    await page.locator('[data-testid="withdraw-risk-chart"]').waitFor();
    expect(await page.locator('[data-testid="withdraw-route"]').count()).toBeGreaterThanOrEqual(1);

    // Step 1: approve (exact amount), reviewed by the same engine as the panel, sent by the node, confirmed.
    await reviewAndSend(page, 0);
    expect(await step(page, 0).locator('[data-testid="plan-step-tx"]').count()).toBe(1);
    // Step 2: first swap. The worker is stopped between review and send: nothing is lost.
    await reviewAndSend(page, 1, () => browser.stopWorker(page));
    const realised = step(page, 1).locator('[data-testid="plan-step-realised"]');
    await realised.waitFor();
    const realisedBase = BigInt((await realised.getAttribute('data-realised-base'))!);
    expect(realisedBase).toBeGreaterThan(0n);
    // Realised vs planned for the first slice: the pool is untouched before it, so the plan's exact quote holds.
    const planView = await page.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ result: { record: { plan: { steps: { expectedOut?: number; minOutBase?: string }[] }; steps: { realisedOut?: number }[] }; plans?: unknown } }> } } }).chrome;
      const list = (await c.runtime.sendMessage({ t: 'plan:list' })) as unknown as { result: { record: { plan: { steps: { expectedOut?: number; minOutBase?: string }[] }; steps: { realisedOut?: number }[] } }[] };
      return list.result[0]!.record;
    });
    const planned = planView.plan.steps[1]!.expectedOut!;
    const got = planView.steps[1]!.realisedOut!;
    console.log(`first slice: planned ${planned} USDC, realised ${got} USDC, relative error ${((got - planned) / planned * 100).toFixed(4)} %`);
    expect(Math.abs(got / planned - 1)).toBeLessThan(0.005);
    expect(realisedBase).toBeGreaterThanOrEqual(BigInt(planView.plan.steps[1]!.minOutBase!));
    // The re-plan check reads the pool again: our own 40 WETH sale moved the static devnet pool far beyond the
    // 3 % tolerance, so it says so (and offers to re-plan the rest).
    await page.locator('[data-testid="withdraw-check"]').click();
    const replan = page.locator('[data-testid="withdraw-replan"]');
    await replan.waitFor({ timeout: 30_000 });
    expect(await replan.getAttribute('data-needed')).toBe('true');
    expect(errors).toEqual([]);
    await page.screenshot({ path: '/tmp/withdraw-tab.png', fullPage: true });

    // Browser restart with the same profile: the plan, its two confirmed steps, and the next step can be sent.
    await browser.close();
    browser = await launchWithExtension({ userDataDir, keepUserDataDir: true });
    const again = await openWithdraw(browser);
    await again.page.locator('[data-testid="withdraw-plan"]').waitFor({ timeout: 20_000 });
    expect(await statusOf(again.page, 0)).toBe('confirmed');
    expect(await statusOf(again.page, 1)).toBe('confirmed');
    expect(await statusOf(again.page, 2)).toBe('pending');
    await again.page.locator('[data-testid="withdraw-chain"]').selectOption('31337');
    await again.page.locator('[data-testid="withdraw-wallet"][data-kind="node-accounts"]').waitFor({ timeout: 20_000 });
    const thirdKind = await step(again.page, 2).getAttribute('data-kind');
    const before = await usdcOf(deposit);
    await reviewAndSend(again.page, 2);
    expect(await again.page.locator('[data-testid="plan-progress"]').getAttribute('value')).toBe('3');
    if (thirdKind === 'transfer') expect(await usdcOf(deposit)).toBeGreaterThan(before);
    await again.page.screenshot({ path: '/tmp/withdraw-tab-resumed.png', fullPage: true });
    expect(again.errors).toEqual([]);
  }, 240_000);
});
