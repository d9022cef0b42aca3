import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeeDataFile } from '../../core/gas';
import { gasDataFile } from '../../core/gas/shared-data';
import { startDapp } from '../../scripts/devnet/dapp-server';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { clickCase, launchWithExtension, readVerdict, reviewFrame, type ExtensionBrowser } from './harness';

const ZONE = 'Asia/Tokyo';

/** Real mainnet base fees (the first 600 blocks of the 2026 file) replayed block by block on anvil. */
const REPLAYED = 600;

let devnet: Devnet;
let dapp: { url: string; stop(): Promise<void> };
let browser: ExtensionBrowser;

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const r = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = (await r.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function mineWithBaseFee(wei: bigint): Promise<void> {
  await rpc('anvil_setNextBlockBaseFeePerGas', [`0x${wei.toString(16)}`]);
  await rpc('evm_mine', []);
}

beforeAll(async () => {
  // Each stage's time on stderr: this set-up once outlived its 180 s under CI load, and which stage did is the question.
  let t = Date.now();
  const stage = (name: string) => {
    process.stderr.write(`[gas-wait set-up] ${name}: ${Date.now() - t} ms\n`);
    t = Date.now();
  };
  devnet = await startDevnet({ seed: 41, quiet: true });
  stage('devnet');
  const file = parseFeeDataFile(readFileSync(gasDataFile('mainnet-2026-01-blocks.json'), 'utf8'), 'mainnet-2026-01-blocks.json');
  if (file.kind !== 'blocks') throw new Error('expected a block file');
  for (const b of file.blocks.slice(0, REPLAYED)) await mineWithBaseFee(b.baseFeePerGas);
  stage(`${REPLAYED} blocks replayed`);
  dapp = await startDapp({ devnet });
  // A browser in Tokyo's time zone (the machine's is usually UTC): every time the UI prints must be Tokyo's.
  browser = await launchWithExtension({ timeZone: ZONE });
  stage('browser');
  await browser.setSettings({ rpcs: { '31337': devnet.rpcUrl }, privateRpc: { '31337': true } });
  stage('settings');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await dapp?.stop();
  await devnet?.stop();
});

describe('waiting for a target fee, on a real mainnet fee path replayed on anvil (built extension, Chromium)', () => {
  it('the Gas tab advises a target fee with its past record and the deadline, in English and Japanese', async () => {
    const popup = await browser.context.newPage();
    const errors: string[] = [];
    popup.on('pageerror', (e) => errors.push(e.message));
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    const advice = popup.locator('[data-testid="gas-advice"]');
    await advice.waitFor({ timeout: 30_000 });
    expect(await advice.getAttribute('data-action')).toBe('wait');
    const target = popup.locator('[data-testid="gas-advice-target"]');
    expect(await target.textContent()).toMatch(/Reached in \d+ % of \d+ past cases on this chain, typically by .+; if not by .+, send at the going fee\. Waiting cost more in \d+ % of those cases/);
    expect(await advice.textContent()).toMatch(/Wait for a base fee ≤ [\d.]+ gwei · save about \d+ %/);
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.screenshot({ path: '/tmp/gas-wait-popup.png', fullPage: true });
    // One click sets the alert at the advised target; the button then goes away.
    const shown = (await advice.locator('strong').textContent())!.match(/≤ ([\d.]+) gwei/)![1]!;
    await popup.locator('[data-testid="gas-alert-suggested"]').click();
    expect(await popup.locator('[data-testid="gas-alert-current"]').textContent({ timeout: 10_000 })).toContain(`≤ ${shown} gwei`);
    await popup.locator('[data-testid="gas-alert-suggested"]').waitFor({ state: 'detached' });
    await browser.setSettings({ lang: 'ja' });
    await popup.reload();
    await popup.locator('[data-testid="gas-chain"]').selectOption('31337');
    await popup.locator('[data-testid="gas-advice-target"]').waitFor({ timeout: 30_000 });
    expect(await popup.locator('[data-testid="gas-advice-target"]').textContent()).toContain('過去');
    await browser.setSettings({ lang: 'en' });
    expect(errors).toEqual([]);
    await popup.close();
  });

  it('the panel says so (wait-for-cheaper-gas), holds until the deadline it shows, and goes on once the fee reaches the target', async () => {
    const page: Page = await browser.context.newPage();
    await page.goto(dapp.url);
    await page.locator('body[data-ready="1"]').waitFor();
    const c = await clickCase(page, 'eth-transfer');
    const frame = await reviewFrame(page);
    const v = await readVerdict(frame);
    expect(v.codes).toContain('wait-for-cheaper-gas');
    const finding = frame.locator('[data-testid="finding"][data-code="wait-for-cheaper-gas"]');
    expect(await finding.textContent()).toMatch(/Waiting for a base fee of [\d.]+ gwei or less should save about \d+ %/);
    await frame.locator('[data-testid="review-hold-start"]').evaluate((el: HTMLButtonElement) => el.click());
    await frame.locator('[data-testid="review-hold"]').waitFor();
    // The deadline in the browser's zone (Tokyo), with the day when it is not today there; no UTC anywhere.
    const shownAt = frame.locator('[data-testid="review-hold-deadline"]');
    const deadlineMs = Number(await shownAt.getAttribute('data-deadline')) * 1000;
    const tokyo = (ms: number, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, ...o }).format(ms);
    const sameDay = tokyo(deadlineMs, { dateStyle: 'short' }) === tokyo(Date.now(), { dateStyle: 'short' });
    const hhmm = tokyo(deadlineMs, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(await shownAt.textContent()).toBe(`Holding stops at ${sameDay ? '' : 'tomorrow '}${hhmm}`);
    expect(await finding.textContent()).not.toContain('UTC');
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: '/tmp/gas-wait-panel.png' });
    expect(await c.result.getAttribute('data-status')).toBeNull(); // held: nothing forwarded
    // The fee falls to a fifth: below any target the advice can give (at most e^−0.5 below the fee then).
    const head = (await rpc('eth_getBlockByNumber', ['latest', false])) as { baseFeePerGas: string };
    await mineWithBaseFee(BigInt(head.baseFeePerGas) / 5n);
    const result = await c.settled(40_000);
    expect(result.status).toBe('ok');
    await page.close();
  });
});
