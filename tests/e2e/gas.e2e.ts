import { createPublicClient, erc20Abi, http } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBaseFee } from '../../core/gas';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startTraffic } from '../../scripts/devnet/traffic';
import { drivers, type BrowserSession } from './driver';

let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({ seed: 31, quiet: true });
  // Uneven blocks for a while, so the history has real ups and downs; then a still chain.
  const stop = await startTraffic({ rpcUrl: devnet.rpcUrl, accounts: devnet.accounts.slice(1, 9), gasBurner: devnet.contracts.gasBurner, seed: 3, blockTimeSec: 1 });
  await new Promise((r) => setTimeout(r, 8_000));
  await stop();
  const c = createPublicClient({ transport: http(devnet.rpcUrl) });
  await c.request({ method: 'evm_setIntervalMining' as never, params: [0] as never });
}, 90_000);

afterAll(async () => {
  await devnet?.stop();
});

describe.each(drivers)('popup: the Gas tab, and Withdraw, Approvals and Settings → MetaMask with no MetaMask installed (built extension, $name, anvil)', (driver) => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await driver.launch();
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the exact next-block base fee, the advice and the chart, in English and Japanese', async () => {
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const popup = await browser.openExtensionPage('popup.html', { width: 420, height: 900 });
    const pageErrors: string[] = [];
    popup.on('pageerror', (e) => pageErrors.push(e.message));
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    const now = popup.locator('[data-testid="gas-now"]');
    await now.waitFor({ timeout: 20_000 });
    // The exact EIP-1559 next base fee from the newest block (nothing is mined meanwhile: the chain is still).
    const latest = await client.getBlock();
    const expected = nextBaseFee({ baseFeePerGas: latest.baseFeePerGas!, gasUsed: latest.gasUsed, gasLimit: latest.gasLimit });
    const history = (await client.request({ method: 'eth_feeHistory', params: ['0x1', 'latest', []] })) as { baseFeePerGas: string[] };
    expect(BigInt(history.baseFeePerGas[1]!), 'anvil agrees with core/gas nextBaseFee').toBe(expected);
    expect(BigInt((await now.getAttribute('data-base-fee-wei'))!)).toBe(expected);
    const advice = popup.locator('[data-testid="gas-advice"]');
    expect(['send-now', 'wait']).toContain(await advice.getAttribute('data-action'));
    expect((await advice.textContent())?.length ?? 0).toBeGreaterThan(10);
    await popup.locator('[data-testid="gas-chart"] canvas').waitFor();
    // The chart is drawn (a formatter error used to leave an empty canvas), tiers and costs are there.
    const canvas = await popup.locator('[data-testid="gas-chart"] canvas').boundingBox();
    expect(canvas?.width ?? 0).toBeGreaterThan(200);
    expect(canvas?.height ?? 0).toBeGreaterThan(100);
    expect(await popup.locator('[data-testid="gas-tier"]').count()).toBe(3);
    expect(await popup.locator('[data-testid="gas-cost"]').count()).toBe(3);
    expect(pageErrors).toEqual([]);
    await popup.screenshot({ path: `/tmp/gas-tab-${driver.name}.png`, fullPage: true });
    await popup.screenshot({ path: `/tmp/gas-tab-en-${driver.name}.png`, fullPage: true });

    // An alert above the current fee fires once, as a system notification; checking again stays quiet.
    await popup.locator('[data-testid="gas-alert-input"]').fill('abc');
    await popup.locator('[data-testid="gas-alert-save"]').click();
    expect(await popup.locator('[data-testid="gas-alert"] [role="alert"]').textContent()).toContain('between 0 and 100,000 gwei');
    const gweiNow = Number(expected) / 1e9;
    await popup.locator('[data-testid="gas-alert-input"]').fill(String((gweiNow * 2).toFixed(6)));
    await popup.locator('[data-testid="gas-alert-save"]').click();
    await popup.locator('[data-testid="gas-alert-current"]').waitFor();
    const check = () => popup.evaluate(async () => {
      const r = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ result: { fired: number } }> } } }).chrome.runtime.sendMessage({ t: 'gas:alert:check' }));
      return r.result.fired;
    });
    expect(await check()).toBe(1);
    expect(await check()).toBe(0);
    // Firefox headless reports a notification through its onClosed event, which can come after the check returns.
    await expect.poll(() => browser.notifications(), { timeout: 10_000 }).toContain('gas-alert-31337');

    await browser.setSettings({ lang: 'ja' });
    await popup.reload();
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    await popup.locator('[data-testid="gas-now"]').waitFor({ timeout: 20_000 });
    expect(await popup.locator('[data-testid="gas"]').textContent()).toContain('次のブロックのベースフィー');
    expect(await popup.locator('[data-testid="gas-advice"]').textContent()).toMatch(/送信|待つ/);
    expect(pageErrors).toEqual([]);
    await popup.screenshot({ path: `/tmp/gas-tab-ja-${driver.name}.png`, fullPage: true });
    await browser.setSettings({ lang: 'en' });
    await popup.close();
  });

  it('the minute alarm syncs a chain in use once per 15 minutes: the schedule is kept across ticks (core/gas/idle-schedule.ts)', async () => {
    // In the background's own context (Chromium's service worker; in Firefox an extension page: alarms and storage are the extension's).
    type Chrome = { chrome: { alarms: { create(n: string, a: object): Promise<void> }; storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
    const fire = () => browser.inExtension(() => (globalThis as unknown as Chrome).chrome.alarms.create('gas-sample-and-alerts', { when: Date.now() + 100, periodInMinutes: 1 }));
    const syncedAt = () => browser.inExtension(async () => ((await (globalThis as unknown as Chrome).chrome.storage.local.get('gasIdle')).gasIdle as Record<string, { syncedAt?: number }> | undefined)?.['31337']?.syncedAt);
    await fire();
    await expect.poll(syncedAt, { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await syncedAt();
    // A new alert above the fee, then the next tick: the alert is read and fires (the tick ran), the chain is not synced again.
    const popup = await browser.openExtensionPage('popup.html');
    await popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ t: 'gas:alert:set', chainId: 31337, maxBaseFeeGwei: 1000 }));
    await popup.close();
    const armed = () => browser.inExtension(async () => ((await (globalThis as unknown as Chrome).chrome.storage.local.get('gasAlerts')).gasAlerts as { chainId: number; armed: boolean }[]).find((a) => a.chainId === 31337)?.armed);
    expect(await armed()).toBe(true);
    await fire();
    await expect.poll(armed, { timeout: 10_000 }).toBe(false);
    expect(await syncedAt()).toBe(first);
  });

  it('says clearly when a network has no RPC, or its node does not answer', async () => {
    // OP: "only my RPC" without an RPC. Polygon: an RPC nobody listens on.
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl, '137': 'http://127.0.0.1:9' }, privateRpc: { '31337': true, '10': true, '137': true } });
    const popup = await browser.openExtensionPage('popup.html');
    await popup.locator('[data-testid="gas-chain"]').selectOption('10');
    const error = popup.locator('[data-testid="gas-error"]');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.getAttribute('data-kind')).toBe('no-rpc');
    expect(await error.textContent()).toContain('Settings');
    await popup.locator('[data-testid="gas-chain"]').selectOption('137');
    const rpcError = popup.locator('[data-testid="gas-error"][data-kind="rpc"]');
    await rpcError.waitFor({ timeout: 20_000 });
    // One sentence and what to do; the technical detail folded away, without the JSON-RPC body or viem's version.
    expect(await rpcError.getAttribute('data-error-kind')).toBe('rpc-unreachable');
    expect(await rpcError.innerText()).toMatch(/^Gas outlook unavailable\s+The network’s node did not answer\. Check your connection and the RPC in Settings, then try again\.\s+Technical detail$/);
    const all = (await rpcError.textContent()) ?? '';
    for (const hidden of ['Request body', '"method"', 'eth_', 'viem@', '    at ']) expect(all).not.toContain(hidden);
    expect(await rpcError.locator('details').evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    // Back to a working chain: the error goes away.
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    await popup.locator('[data-testid="gas-now"]').waitFor({ timeout: 20_000 });
    expect(await popup.locator('[data-testid="gas-error"]').count()).toBe(0);
    await popup.close();
  });

  it('no MetaMask here: Withdraw reads the node’s account and its balances and plans a sale; Approvals lists what the chain holds, read only; Settings refuses a malformed id and probes a silent one', async () => {
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const user = devnet.accounts[0]! as `0x${string}`;
    const popup = await browser.openExtensionPage('popup.html', { width: 420, height: 1000 });
    const pageErrors: string[] = [];
    popup.on('pageerror', (e) => pageErrors.push(e.message));
    // The known MetaMask builds of this browser (core/metamask/extension-ids.ts): Chromium's five ids, Firefox's three gecko ids.
    const known = driver.name === 'firefox' ? 3 : 5;

    // Withdraw: every known id probed and none answered (a port to an absent add-on closes, in Firefox too); the node's accounts instead.
    await popup.locator('[data-testid="tab-withdraw"]').click();
    await popup.locator('[data-testid="withdraw-chain"]').selectOption('31337');
    await popup.locator('[data-testid="withdraw-wallet"][data-kind="node-accounts"]').waitFor({ timeout: 20_000 });
    const mmLine = popup.locator('[data-testid="withdraw-metamask"][data-state="missing"]');
    await mmLine.waitFor({ timeout: 20_000 });
    expect(await mmLine.textContent()).toContain(`No MetaMask answered (tried ${known} extension ids)`);
    expect((await popup.locator('[data-testid="withdraw-account"]').inputValue()).toLowerCase()).toBe(user.toLowerCase());
    const weth = popup.locator('[data-testid="withdraw-balance"][data-symbol="WETH"]');
    await weth.waitFor({ timeout: 20_000 });
    const wethOnChain = await client.readContract({ address: devnet.contracts.weth, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    expect(await weth.getAttribute('data-raw')).toBe(String(wethOnChain));
    await popup.locator('[data-testid="withdraw-asset"]').selectOption('WETH');
    await popup.locator('[data-testid="withdraw-amount"]').fill('-3');
    await popup.locator('[data-testid="withdraw-create"]').click();
    expect(await popup.locator('[data-testid="withdraw-form"] [role="alert"]').textContent()).toContain('positive number');
    await popup.locator('[data-testid="withdraw-amount"]').fill('2');
    await popup.locator('[data-testid="withdraw-create"]').click();
    await popup.locator('[data-testid="withdraw-plan"]').waitFor({ timeout: 60_000 });
    const kinds = await popup.locator('[data-testid="plan-step"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds[0]).toBe('approve');
    expect(kinds).toContain('swap');

    // Approvals: the account's standing approvals as the chain has them (the devnet user approved the routers), each
    // token row with its value at risk; Revoke is disabled (no wallet that signs for Preflight).
    await popup.locator('[data-testid="tab-approvals"]').click();
    await popup.locator('[data-testid="approvals-chain"]').selectOption('31337');
    await popup.locator('[data-testid="approvals-metamask"][data-state="missing"]').waitFor({ timeout: 20_000 });
    await popup.locator('[data-testid="approvals-account"]').fill(user);
    await popup.locator('[data-testid="approvals-scan"]').click();
    await popup.locator('[data-testid="approvals-progress"][data-state="done"]').waitFor({ timeout: 30_000 });
    const k = devnet.contracts;
    const expected = new Set<string>();
    for (const token of [k.weth, k.usdc, k.vol]) {
      for (const spender of [k.v2Router, k.swapRouter, k.swapRouter02].filter((r): r is `0x${string}` => !!r)) {
        if ((await client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [user, spender] })) > 0n) expected.add(`erc20:${token.toLowerCase()}:${spender.toLowerCase()}`);
      }
    }
    expect(expected.size).toBeGreaterThanOrEqual(6);
    const rows = await popup.locator('[data-testid="approval-row"]').evaluateAll((els) => els.map((e) => ({ key: e.getAttribute('data-key') ?? '', usd: e.getAttribute('data-value-at-risk-usd') ?? '' })));
    expect(new Set(rows.map((r) => r.key))).toEqual(expected);
    for (const r of rows) expect(Number(r.usd), r.key).toBeGreaterThan(0);
    expect(await popup.locator('[data-testid="approval-revoke"]').evaluateAll((els) => els.every((e) => (e as HTMLButtonElement).disabled))).toBe(true);

    // Settings → MetaMask: this browser's id format; a well-formed id nothing answers on is said silent and tried first.
    await popup.locator('[data-testid="tab-settings"]').click();
    const id = popup.locator('[data-testid="settings-metamask-id"]');
    const status = popup.locator('[data-testid="settings-metamask-id-status"]');
    await id.fill('metamask');
    await popup.locator('[data-testid="settings-metamask-id-save"]').click();
    expect(await status.getAttribute('data-ok')).toBe('false');
    expect(await status.textContent()).toContain(driver.name === 'firefox' ? 'name@example.org or {GUID}' : '32 letters a–p');
    await id.fill(driver.name === 'firefox' ? 'nobody@preflight.test' : 'ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP');
    await popup.locator('[data-testid="settings-metamask-id-save"]').click();
    await popup.locator('[data-testid="settings-metamask-id-status"]', { hasText: 'nothing answered' }).waitFor({ timeout: 15_000 });
    await popup.locator('[data-testid="tab-withdraw"]').click();
    await popup.locator('[data-testid="withdraw-chain"]').selectOption('31337');
    await popup.locator('[data-testid="withdraw-metamask"][data-state="missing"]', { hasText: `tried ${known + 1} extension ids` }).waitFor({ timeout: 20_000 });
    await popup.locator('[data-testid="tab-settings"]').click();
    await id.fill('');
    await popup.locator('[data-testid="settings-metamask-id-save"]').click();
    await popup.locator('[data-testid="settings-metamask-id-status"][data-ok="true"]').waitFor();
    expect(pageErrors).toEqual([]);
    await popup.close();
  });
});
