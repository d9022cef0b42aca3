import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createPublicClient, encodeFunctionData, http, parseAbi } from 'viem';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { SCAM_LISTED_SPENDER } from '../../scripts/devnet/dapp-cases';
import { SCAM_LIST_FILE } from '../../core/review/fixtures/scam-list';
import { clickCase, decide, drivers, readVerdict, type BrowserSession, type DriverPage } from './driver';

/**
 * Issue 12: verdicts that hold on what real dApps and drainers send (built extension, Chromium, anvil devnet):
 * requests read as MetaMask reads them, no false alarms on revocations and high fee caps.
 */
let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  devnet = await startDevnet({ seed: 12, quiet: true });
  dapp = await startDapp({ devnet });
});
afterAll(async () => {
  await dapp?.stop();
  await devnet?.stop();
});

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

describe.each(drivers)('verdicts on what real dApps and drainers send ($name)', (driver) => {
  let browser: BrowserSession;
  let page: DriverPage;

  beforeAll(async () => {
    browser = await driver.launch();
    await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => page?.close());

  async function review(caseName: string) {
    page = await browser.newPage();
    await page.goto(dapp.url);
    await page.locator('body[data-ready="1"]').waitFor();
    const c = await clickCase(page, caseName);
    const frame = await browser.reviewFrame(page);
    const v = await readVerdict(frame, 20_000);
    const summary = (await frame.locator('[data-testid="review-summary"]').textContent()) ?? '';
    const findings = await frame.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => ({ code: e.getAttribute('data-code'), severity: e.getAttribute('data-severity'), text: e.textContent ?? '' })));
    return { ...v, summary, findings, frame, c };
  }

  it('an approve whose selector lost its leading zero is reviewed as the approve MetaMask executes, plus non-canonical-encoding', async () => {
    const r = await review('approve-odd');
    expect(r.summary.toLowerCase()).toContain(`approve ${short(devnet.contracts.v2Router).toLowerCase()}`);
    expect(r.summary).toContain('to spend 100 USDC');
    expect(r.codes).toContain('non-canonical-encoding');
    expect(r.verdict).toBe('caution');
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).text).toContain('4001');
  });

  it('revoking setApprovalForAll of a personal account is ok and says what it revokes', async () => {
    const r = await review('revoke-eoa');
    expect(r.verdict).toBe('ok');
    expect(r.summary).toMatch(/^Revoke /);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    await r.frame.locator('[data-testid="card-revocation"]').waitFor();
    await decide(r.frame, 'continue');
    expect((await r.c.settled()).status).toBe('ok');
  });

  it('a max fee 100× the base fee with a normal tip is ok: no fee warning', async () => {
    const r = await review('high-cap-normal-tip');
    await r.frame.locator('[data-testid="card-gas"]').waitFor();
    expect(r.verdict).toBe('ok');
    expect(r.findings.filter((f) => f.code === 'fee-above-recommended' && f.severity !== 'info')).toEqual([]);
    await decide(r.frame, 'reject');
  });

  it('a 0x v4 order giving the NFT to a fixed taker for nothing is danger', async () => {
    const r = await review('zeroex-giveaway');
    expect(r.verdict).toBe('danger');
    expect(r.findings.find((f) => f.code === 'marketplace-order-signature')?.severity).toBe('danger');
    expect(r.summary).toMatch(/^Sign a 0x order: give .* #1, get 0 ETH/);
    await decide(r.frame, 'reject');
    expect((await r.c.settled()).text).toContain('4001');
  });

  it('a wallet_sendCalls batch is simulated as one: the swap sees the approve before it, net changes over both', async () => {
    // No standing allowance (the devnet pre-approves the router: set it to 0 first, straight on the node), so that
    // simulated alone the swap would revert; only after the batch's own approve can it run.
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const rpc = (method: string, params: unknown[]) => fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((x) => x.json() as Promise<{ result: string }>);
    const reset = await rpc('eth_sendTransaction', [{ from: devnet.accounts[0], to: devnet.contracts.usdc, data: encodeFunctionData({ abi: parseAbi(['function approve(address,uint256)']), functionName: 'approve', args: [devnet.contracts.v2Router, 0n] }) }]);
    await client.waitForTransactionReceipt({ hash: reset.result as `0x${string}` });
    const allowance = await client.readContract({ address: devnet.contracts.usdc, abi: parseAbi(['function allowance(address,address) view returns (uint256)']), functionName: 'allowance', args: [devnet.accounts[0]!, devnet.contracts.v2Router] });
    expect(allowance).toBe(0n);
    const r = await review('send-calls');
    await r.frame.locator('[data-testid="card-batch"]').waitFor();
    expect(r.summary).toMatch(/^Batch of 2 calls: approve .* for 1,000 USDC; swapExactTokensForTokens on /);
    // The USDC out and WETH in come from the whole batch, simulated in order in one block.
    expect(r.codes).not.toContain('simulation-revert');
    await expect.poll(() => r.frame.locator('[data-testid="asset-change"][data-direction="out"]').allTextContents()).toEqual([expect.stringContaining('USDC')]);
    expect(await r.frame.locator('[data-testid="asset-change"][data-direction="in"]').allTextContents()).toEqual([expect.stringContaining('WETH')]);
    await decide(r.frame, 'reject');
  });

  it('a batch whose second call fails names that call', async () => {
    const r = await review('send-calls-revert');
    const revert = r.findings.find((f) => f.code === 'simulation-revert');
    expect(revert?.text).toMatch(/fail at call 2 \(swapExactTokensForTokens on 0x/);
    await decide(r.frame, 'reject');
  });

  it('the public scam-address list: fetched from the Settings URL (served on localhost), a listed spender is danger; a failed fetch says why and keeps the list', async () => {
    // The shared copy of ScamSniffer's list, served the way raw.githubusercontent.com serves it (CORS open to all).
    const list = readFileSync(SCAM_LIST_FILE, 'utf8');
    const count = (JSON.parse(list) as string[]).length;
    const requests: { url: string; cookie?: string; referer?: string }[] = [];
    const server: Server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', cookie: req.headers.cookie, referer: req.headers.referer });
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/address.json') return void res.end(list);
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const popup = await browser.openExtensionPage('popup.html');
      await popup.locator('[data-testid="tab-settings"]').click();
      const url = popup.locator('[data-testid="settings-threat-url"]');
      const save = popup.locator('[data-testid="settings-threat-save"]');
      const status = popup.locator('[data-testid="settings-threat-status"]');
      await url.fill(`${base}/address.json`);
      await save.click();
      await popup.locator(`[data-testid="settings-threat-status"][data-ok="true"][data-count="${count}"]`).waitFor({ timeout: 20_000 });
      expect(await status.textContent()).toContain(`${count.toLocaleString('en-US')} addresses`);
      expect(requests.map((r) => r.url)).toContain('/address.json');
      expect(requests.every((r) => r.url === '/address.json' && !r.cookie && !r.referer)).toBe(true);

      // The list moved away: the error says what happened, the list fetched before stays in use.
      await url.fill(`${base}/gone.json`);
      await save.click();
      await popup.locator(`[data-testid="settings-threat-status"][data-ok="false"][data-count="${count}"]`).waitFor({ timeout: 20_000 });
      expect(await status.textContent()).toMatch(/The last fetch failed: .*answered HTTP 404.*The list fetched before is still used\./);
      await popup.close();

      const r = await review('approve-scam-spender');
      expect(r.verdict).toBe('danger');
      const hit = r.findings.find((f) => f.code === 'known-scam-address');
      expect(hit?.severity).toBe('danger');
      expect(hit?.text).toContain(`The spender ${short(SCAM_LISTED_SPENDER)} is on ScamSniffer's scam-address list`);
      await decide(r.frame, 'reject');
      expect((await r.c.settled()).text).toContain('4001');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
