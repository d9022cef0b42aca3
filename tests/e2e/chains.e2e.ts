/**
 * Every network, no set-up: the same devnet (real Uniswap and tokens) on anvil as Linea (chain id 59144, the RPC
 * set through Settings' network search) and as a chain no registry knows (424242, no RPC at all).
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { clickCase, decide, launchWithExtension, readVerdict, reviewFrame, type ExtensionBrowser } from './harness';

const LINEA = 59144;
const UNKNOWN = 424242;

let linea: Devnet;
let unknown: Devnet;
let lineaDapp: { url: string; stop(): Promise<void> };
let unknownDapp: { url: string; stop(): Promise<void> };
let browser: ExtensionBrowser;
let page: Page | undefined;

beforeAll(async () => {
  [linea, unknown] = await Promise.all([startDevnet({ chainId: LINEA, seed: 3, quiet: true }), startDevnet({ chainId: UNKNOWN, seed: 4, quiet: true })]);
  [lineaDapp, unknownDapp] = await Promise.all([startDapp({ devnet: linea }), startDapp({ devnet: unknown })]);
  browser = await launchWithExtension();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([lineaDapp?.stop(), unknownDapp?.stop()]);
  await Promise.all([linea?.stop(), unknown?.stop()]);
});
afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function review(url: string, caseName: string) {
  page = await browser.context.newPage();
  await page.goto(url);
  await page.locator('body[data-ready="1"]').waitFor();
  const c = await clickCase(page, caseName);
  const frame = await reviewFrame(page, 20_000);
  const v = await readVerdict(frame, 30_000);
  const text = async (code: string) => (await frame.locator(`[data-testid="finding"][data-code="${code}"]`).first().textContent()) ?? '';
  return { ...v, frame, c, text };
}

async function rejectAndSettle(r: Awaited<ReturnType<typeof review>>) {
  await decide(r.frame, 'reject');
  expect((await r.c.settled()).status).toBe('error');
}

// The Linea reviews below rely on the RPC the first test sets through Settings (tests in a file run in order).
describe('a chain in the registry (Linea), its RPC set in Settings', () => {
  it('Settings finds Linea by name, takes its RPC and "only my RPC", and offers a field for any chain id', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('[data-testid="tab-settings"]').click();
    const search = popup.locator('[data-testid="settings-chain-search"]');
    // Before a search, Linea is not listed (nothing set up, nothing used yet): the list is long, the search reveals it.
    expect(await popup.locator(`[data-testid="settings-rpc-${LINEA}"]`).count()).toBe(0);
    await search.fill('linea');
    await popup.locator(`[data-testid="settings-rpc-${LINEA}"]`).fill(linea.rpcUrl);
    await popup.locator(`[data-testid="settings-only-mine-${LINEA}"]`).check();
    await popup.locator('[data-testid="settings-save"]').click();
    await popup.locator('[role="status"]', { hasText: 'Saved' }).waitFor();
    // Any chain id gets a field, known or not.
    await search.fill(String(UNKNOWN));
    await popup.locator(`[data-testid="settings-rpc-${UNKNOWN}"]`).waitFor();
    expect(await popup.locator(`[data-testid="settings-chain"][data-chain-id="${UNKNOWN}"]`).textContent()).toContain(`Chain ${UNKNOWN}`);
    // Saved: the setup survives a reopened popup, and Linea is now listed without a search.
    await popup.reload();
    await popup.locator('[data-testid="tab-settings"]').click();
    const saved = new URL(linea.rpcUrl).toString(); // as Settings normalises it
    expect(await popup.locator(`[data-testid="settings-rpc-${LINEA}"]`).inputValue()).toBe(saved);
    const w = await browser.worker();
    const stored = (await w.evaluate(async () => ((await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('settings')).settings))) as { rpcs: Record<string, string>; privateRpc: Record<string, boolean> };
    expect(stored.rpcs[String(LINEA)]).toBe(saved);
    expect(stored.privateRpc[String(LINEA)]).toBe(true);
    await popup.close();
  });

  it('an unlimited approve to an EOA: the spender is read on Linea (danger)', async () => {
    const r = await review(lineaDapp.url, 'approve-eoa');
    expect(r.verdict).toBe('danger');
    expect(r.codes).toEqual(expect.arrayContaining(['approval-to-eoa', 'unlimited-approval']));
    expect(r.codes).not.toContain('no-chain-access');
    await rejectAndSettle(r);
  });

  it('eth_sign: danger, as on any chain', async () => {
    const r = await review(lineaDapp.url, 'eth-sign');
    expect(r.verdict).toBe('danger');
    expect(r.codes).toContain('eth-sign');
    await rejectAndSettle(r);
  });

  it('a transfer is simulated on Linea and priced in its currency', async () => {
    const r = await review(lineaDapp.url, 'eth-transfer');
    expect(r.verdict).toBe('ok');
    expect(r.codes).toContain('asset-changes');
    expect(r.codes).not.toContain('no-chain-access');
    expect(await r.text('asset-changes')).toMatch(/you send 0\.01 ETH/i);
    await rejectAndSettle(r);
  });
});

describe('a chain no registry knows (424242), no RPC', () => {
  it('a transfer is not "ok" with no word: the panel lists the on-chain checks it skipped', async () => {
    const r = await review(unknownDapp.url, 'eth-transfer');
    expect(r.codes).toContain('no-chain-access');
    expect(r.codes).not.toContain('asset-changes');
    const said = await r.text('no-chain-access');
    expect(said).toContain(`chain ${UNKNOWN} is in no registry and has no RPC`);
    expect(said).toContain('Not checked: the simulated asset changes');
    expect(said).toContain('next network fee');
    expect(r.severities[r.codes.indexOf('no-chain-access')]).toBe('info');
    await rejectAndSettle(r);
  });

  it('an unlimited approve to an EOA: the calldata checks still run, the spender check is said to be skipped', async () => {
    const r = await review(unknownDapp.url, 'approve-eoa');
    expect(r.codes).toEqual(expect.arrayContaining(['unlimited-approval', 'no-chain-access']));
    expect(r.codes).not.toContain('approval-to-eoa'); // cannot be known without the chain, and is not guessed
    expect(r.verdict).toBe('caution');
    expect(await r.text('no-chain-access')).toContain('whether the spender is a contract or a personal account');
    await rejectAndSettle(r);
  });

  it('eth_sign needs no chain: danger, and no word about chain access', async () => {
    const r = await review(unknownDapp.url, 'eth-sign');
    expect(r.verdict).toBe('danger');
    expect(r.codes).toContain('eth-sign');
    expect(r.codes).not.toContain('no-chain-access');
    await rejectAndSettle(r);
  });
});
