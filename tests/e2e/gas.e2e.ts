import { createPublicClient, http } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBaseFee } from '../../core/gas';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startTraffic } from '../../scripts/devnet/traffic';
import { launchWithExtension, type ExtensionBrowser } from './harness';

let devnet: Devnet;
let browser: ExtensionBrowser;

beforeAll(async () => {
  devnet = await startDevnet({ seed: 31, quiet: true });
  // Uneven blocks for a while, so the history has real ups and downs; then a still chain.
  const stop = await startTraffic({ rpcUrl: devnet.rpcUrl, accounts: devnet.accounts.slice(1, 9), gasBurner: devnet.contracts.gasBurner, seed: 3, blockTimeSec: 1 });
  await new Promise((r) => setTimeout(r, 8_000));
  await stop();
  const c = createPublicClient({ transport: http(devnet.rpcUrl) });
  await c.request({ method: 'evm_setIntervalMining' as never, params: [0] as never });
  browser = await launchWithExtension();
  await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await devnet?.stop();
});

describe('popup Gas tab (built extension, Chromium, anvil)', () => {
  it('shows the exact next-block base fee, the advice and the chart, in English and Japanese', async () => {
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const popup = await browser.context.newPage();
    const pageErrors: string[] = [];
    popup.on('pageerror', (e) => pageErrors.push(e.message));
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
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
    await popup.screenshot({ path: '/tmp/gas-tab.png', fullPage: true });
    await popup.screenshot({ path: '/tmp/gas-tab-en.png', fullPage: true });

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
    const worker = await browser.worker();
    const shown = await worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, unknown>> } } }).chrome.notifications.getAll()));
    expect(shown).toContain('gas-alert-31337');

    await browser.setSettings({ lang: 'ja' });
    await popup.reload();
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    await popup.locator('[data-testid="gas-now"]').waitFor({ timeout: 20_000 });
    expect(await popup.locator('[data-testid="gas"]').textContent()).toContain('次のブロックのベースフィー');
    expect(await popup.locator('[data-testid="gas-advice"]').textContent()).toMatch(/送信|待つ/);
    expect(pageErrors).toEqual([]);
    await popup.screenshot({ path: '/tmp/gas-tab-ja.png', fullPage: true });
    await browser.setSettings({ lang: 'en' });
    await popup.close();
  });

  it('says clearly when a network has no RPC, or its node does not answer', async () => {
    // OP: "only my RPC" without an RPC. Polygon: an RPC nobody listens on.
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl, '137': 'http://127.0.0.1:9' }, privateRpc: { '31337': true, '10': true, '137': true } });
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
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
});
