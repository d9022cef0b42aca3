/**
 * A node that takes at most 3 calls a JSON-RPC batch and answers HTTP 500 to more (a public RPC's free tier,
 * hemilabs/ui-monorepo#887), in front of the real devnet: the review in the browser keeps the checks whose calls were
 * batched (the spender's age search sends 7 at a time), and what the worker learned of the node survives the worker
 * being stopped (core/chain/batching-http.ts, components/storage/batch-limits.ts).
 * `npx vitest run --config vitest.e2e.config.ts tests/e2e/rpc-batches.e2e.ts`
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startLimitingProxy, type LimitingProxy } from '../../scripts/devnet/limiting-proxy';
import { clickCase, decide, launchWithExtension, readVerdict, reviewFrame, type ExtensionBrowser } from './harness';

let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };
let proxy: LimitingProxy;
let browser: ExtensionBrowser;

beforeAll(async () => {
  devnet = await startDevnet({ seed: 5, quiet: true });
  dapp = await startDapp({ devnet });
  proxy = await startLimitingProxy(devnet.rpcUrl, { maxBatch: 3 });
  browser = await launchWithExtension();
  await browser.setSettings({ rpcs: { '31337': proxy.url }, privateRpc: { '31337': true } });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await dapp?.stop();
  await devnet?.stop();
});

async function reviewApprove(): Promise<{ page: Page; codes: string[] }> {
  const page = await browser.context.newPage();
  await page.goto(dapp.url);
  await page.locator('body[data-ready="1"]').waitFor();
  const c = await clickCase(page, 'approve-unlimited');
  const frame = await reviewFrame(page, 20_000);
  const v = await readVerdict(frame, 30_000);
  await decide(frame, 'reject');
  expect((await c.settled()).text).toContain('4001');
  return { page, codes: v.codes };
}

describe('a node that refuses batches of more than 3 calls (built extension, Chromium, anvil)', () => {
  it("the review keeps the spender's age, and a restarted worker sends the node no batch it refuses", async () => {
    const first = await reviewApprove();
    expect(first.codes).toContain('new-spender-contract');
    expect(proxy.refusedBatches).toBeGreaterThan(0); // the node was met as it is, and learned
    const refused = proxy.refusedBatches;
    await browser.stopWorker(first.page, { only: 'preflight' });
    await first.page.close();
    const http = proxy.http;
    const second = await reviewApprove();
    expect(second.codes).toContain('new-spender-contract');
    expect(proxy.http).toBeGreaterThan(http);
    expect(proxy.refusedBatches).toBe(refused);
    await second.page.close();
  });
});
