import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createPublicClient, createWalletClient, encodeFunctionData, hexToString, http, maxUint256, numberToHex, parseAbi, parseEther, parseUnits, verifyMessage, type Hex, type PublicClient } from 'viem';
import { reviewRequest } from '../../core/review/engine';
import type { SigningRequest } from '../../core/review/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintableErc20Abi, quoterV2Abi, swapRouterAbi, v2RouterAbi } from '../../scripts/devnet/abis';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startTraffic } from '../../scripts/devnet/traffic';
import { startDapp } from '../../scripts/devnet/dapp-server';

let devnet: Devnet;
const client = () => createPublicClient({ transport: http(devnet.rpcUrl), pollingInterval: 50 });
const wallet = () => createWalletClient({ transport: http(devnet.rpcUrl) });

beforeAll(async () => {
  devnet = await startDevnet({ seed: 11, quiet: true });
}, 60_000);
afterAll(async () => devnet?.stop());

/** Issue 21 on the devnet's own contracts (scripts/devnet/contracts): what the node's simulation adds to the review. */
describe('drains in disguise, reviewed against the devnet', () => {
  const claimAbi = parseAbi(['function claim() payable', 'function SecurityUpdate() payable']);
  const review = (request: SigningRequest) => reviewRequest(request, { client: client() as PublicClient, now: () => Date.now() }, { timeoutMs: 10_000 });
  const send = (to: string, data: Hex, value: bigint): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: devnet.accounts[0], to, data, value: numberToHex(value), gas: '0x7a120' }], origin: 'http://localhost:5173', chainId: devnet.chainId });

  it('ETH into claim() / SecurityUpdate() of a contract that keeps it: danger, and the simulation says nothing comes back', async () => {
    for (const functionName of ['claim', 'SecurityUpdate'] as const) {
      const r = await review(send(devnet.contracts.claimScam, encodeFunctionData({ abi: claimAbi, functionName }), parseEther('1')));
      const f = r.findings.find((x) => x.code === 'scam-function-call');
      expect(r.verdict).toBe('danger');
      expect(f?.severity).toBe('danger');
      expect(f?.detail?.en).toContain('the only effect is 1 ETH leaving your wallet');
      expect(r.assetChanges).toEqual([{ direction: 'out', asset: 'native', standard: 'native', symbol: 'ETH', amount: '1' }]);
    }
  });

  it('an honest claim() that takes a fee and pays tokens back is not called a scam', async () => {
    const r = await review(send(devnet.contracts.airdrop, encodeFunctionData({ abi: claimAbi, functionName: 'claim' }), parseEther('0.001')));
    expect(r.findings.map((f) => f.code)).not.toContain('scam-function-call');
    expect(r.assetChanges).toContainEqual(expect.objectContaining({ direction: 'in', symbol: 'DROP', amount: '100' }));
    expect(r.verdict).toBe('ok');
  });

  it('a swap inside wallet_sendCalls (approve + swap) gets the same sandwich check as the swap sent alone', async () => {
    const c = client();
    const k = devnet.contracts;
    const amountIn = parseEther('1');
    const [, quoted] = await c.readContract({ address: k.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [k.weth, k.vol]] });
    const swap = encodeFunctionData({ abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, (quoted! * 9_000n) / 10_000n, [k.weth, k.vol], devnet.accounts[0]!, maxUint256] });
    const approve = encodeFunctionData({ abi: mintableErc20Abi, functionName: 'approve', args: [k.v2Router, amountIn] });
    const alone = await review(send(k.v2Router, swap, 0n));
    const batch = await review({ method: 'wallet_sendCalls', params: [{ version: '2.0.0', from: devnet.accounts[0], chainId: numberToHex(devnet.chainId), atomicRequired: true, calls: [{ to: k.weth, data: approve }, { to: k.v2Router, data: swap }] }], origin: 'http://localhost:5173', chainId: devnet.chainId });
    const risk = (r: typeof alone) => r.findings.find((f) => f.code === 'sandwich-risk');
    expect(risk(alone)?.severity).toBe('danger');
    expect(risk(batch)?.severity).toBe(risk(alone)?.severity);
    // The same loss, named for call 2 of the batch.
    expect(risk(batch)?.title.en).toBe(`${risk(alone)!.title.en} (call 2)`);
    expect(batch.cards.some((card) => card.kind === 'mev')).toBe(true);
  });
});

describe('devnet (anvil + real Uniswap from npm artifacts)', () => {
  it('starts in seconds with the real contracts deployed', async () => {
    expect(devnet.startupMs).toBeLessThan(20_000);
    for (const address of [devnet.contracts.v2Router, devnet.contracts.swapRouter, devnet.contracts.positionManager, devnet.contracts.usdc]) {
      expect((await client().getCode({ address }))?.length ?? 0).toBeGreaterThan(100);
    }
  });

  it('USDC has 6 decimals and EIP-2612 permit', async () => {
    const c = client();
    expect(await c.readContract({ address: devnet.contracts.usdc, abi: mintableErc20Abi, functionName: 'decimals' })).toBe(6);
    expect(await c.readContract({ address: devnet.contracts.usdc, abi: mintableErc20Abi, functionName: 'nonces', args: [devnet.accounts[0]!] })).toBe(0n);
    expect(await c.readContract({ address: devnet.contracts.usdc, abi: mintableErc20Abi, functionName: 'DOMAIN_SEPARATOR' })).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('the V2 router quotes from the pair (init-code hash matches) and a swap delivers the quote', async () => {
    const c = client();
    const user = devnet.accounts[0]!;
    const amountIn = parseUnits('1000', 6);
    const [, quoted] = await c.readContract({ address: devnet.contracts.v2Router, abi: v2RouterAbi, functionName: 'getAmountsOut', args: [amountIn, [devnet.contracts.usdc, devnet.contracts.weth]] });
    expect(quoted).toBeGreaterThan(parseEther('0.3'));
    expect(quoted).toBeLessThan(parseEther('0.34'));
    const before = await c.readContract({ address: devnet.contracts.weth, abi: mintableErc20Abi, functionName: 'balanceOf', args: [user] });
    // Explicit gas, as for V3 below: anvil estimates against the latest block, and the pair writes its
    // price accumulators when the swap lands in a later second.
    const hash = await wallet().writeContract({ account: user, chain: null, gas: 300_000n, address: devnet.contracts.v2Router, abi: v2RouterAbi, functionName: 'swapExactTokensForTokens', args: [amountIn, quoted!, [devnet.contracts.usdc, devnet.contracts.weth], user, maxUint256] });
    expect((await c.waitForTransactionReceipt({ hash })).status).toBe('success');
    const after = await c.readContract({ address: devnet.contracts.weth, abi: mintableErc20Abi, functionName: 'balanceOf', args: [user] });
    expect(after - before).toBe(quoted);
  });

  it('a V3 SwapRouter swap delivers what QuoterV2 quoted', async () => {
    const c = client();
    const user = devnet.accounts[0]!;
    const amountIn = parseEther('1');
    const { result } = await c.simulateContract({ address: devnet.contracts.quoterV2!, abi: quoterV2Abi, functionName: 'quoteExactInputSingle', args: [{ tokenIn: devnet.contracts.weth, tokenOut: devnet.contracts.usdc, amountIn, fee: 3000, sqrtPriceLimitX96: 0n }] });
    const before = await c.readContract({ address: devnet.contracts.usdc, abi: mintableErc20Abi, functionName: 'balanceOf', args: [user] });
    // Explicit gas: an estimate made within the same second as the last block misses the oracle write
    // the pool does once the timestamp moves on, and the swap would run out of gas.
    const hash = await wallet().writeContract({ account: user, chain: null, gas: 500_000n, address: devnet.contracts.swapRouter, abi: swapRouterAbi, functionName: 'exactInputSingle', args: [{ tokenIn: devnet.contracts.weth, tokenOut: devnet.contracts.usdc, fee: 3000, recipient: user, deadline: maxUint256, amountIn, amountOutMinimum: result[0], sqrtPriceLimitX96: 0n }] });
    expect((await c.waitForTransactionReceipt({ hash })).status).toBe('success');
    const after = await c.readContract({ address: devnet.contracts.usdc, abi: mintableErc20Abi, functionName: 'balanceOf', args: [user] });
    expect(after - before).toBe(result[0]);
    expect(result[0]).toBeGreaterThan(parseUnits('2900', 6));
  });

  it('traffic fills blocks unevenly so the base fee moves both ways', async () => {
    const stop = await startTraffic(devnet, { seed: 5, blockTimeSec: 1 });
    const c = client();
    const start = await c.getBlockNumber();
    await new Promise((r) => setTimeout(r, 12_000));
    await stop();
    const end = await c.getBlockNumber();
    const fees: bigint[] = [];
    for (let b = start + 1n; b <= end; b++) fees.push((await c.getBlock({ blockNumber: b })).baseFeePerGas ?? 0n);
    expect(fees.length).toBeGreaterThanOrEqual(6);
    const ups = fees.slice(1).filter((f, i) => f > fees[i]!).length;
    const downs = fees.slice(1).filter((f, i) => f < fees[i]!).length;
    expect(new Set(fees.map(String)).size).toBeGreaterThanOrEqual(4);
    expect(ups).toBeGreaterThan(0);
    expect(downs).toBeGreaterThan(0);
    // Besides the block fillers: transfers and swaps that succeed, with more than one tip level.
    const routers = new Set([devnet.contracts.v2Router, devnet.contracts.swapRouter].map((a) => a.toLowerCase()));
    let swaps = 0;
    const tips = new Set<string>();
    for (let b = start + 1n; b <= end; b++) {
      for (const tx of (await c.getBlock({ blockNumber: b, includeTransactions: true })).transactions) {
        if (tx.to && routers.has(tx.to.toLowerCase()) && (await c.getTransactionReceipt({ hash: tx.hash })).status === 'success') swaps++;
        tips.add(String(tx.maxPriorityFeePerGas));
      }
    }
    expect(swaps).toBeGreaterThan(3);
    expect(tips.size).toBeGreaterThan(3);
  }, 40_000);

  it('the demo dApp works with its own wallet in headless Chromium (no extension)', async () => {
    const dapp = await startDapp({ devnet });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(dapp.url);
      await page.waitForSelector('body[data-ready="1"]');

      await page.click('[data-testid="btn-eth-transfer"]');
      const transfer = page.locator('[data-testid="result-eth-transfer"]');
      await transfer.and(page.locator('[data-mined="1"]')).waitFor({ timeout: 15_000 });
      expect(await transfer.getAttribute('data-status')).toBe('ok');
      expect(await transfer.textContent()).toMatch(/^0x[0-9a-f]{64}/);

      await page.click('[data-testid="btn-personal-sign-siwe"]');
      const siwe = page.locator('[data-testid="result-personal-sign-siwe"]');
      await siwe.and(page.locator('[data-status]')).waitFor();
      expect(await siwe.getAttribute('data-status')).toBe('ok');
      const signature = (await siwe.textContent()) as Hex;
      // The SIWE message names the page's own host, and anvil signed it with account 0.
      const request = (await (await fetch(new URL('/api/case/personal-sign-siwe', dapp.url))).json()) as { params: [Hex, Hex] };
      expect(hexToString(request.params[0])).toMatch(new RegExp(`^${new URL(dapp.url).host} wants you to sign in`));
      expect(await verifyMessage({ address: devnet.accounts[0]!, message: { raw: request.params[0] }, signature })).toBe(true);

      // EIP-5792 batch: mined, and its status readable; legacy send(method) answers with the whole response.
      await page.click('[data-testid="btn-send-calls"]');
      const calls = page.locator('[data-testid="result-send-calls"]');
      await calls.and(page.locator('[data-mined="1"]')).waitFor({ timeout: 15_000 });
      const id = (JSON.parse((await calls.textContent())!.split(' ')[0]!) as { id: string }).id;
      const status = await page.evaluate(
        (bundle) => (window as unknown as { ethereum: { request(a: unknown): Promise<{ status: number; receipts: unknown[] }> } }).ethereum.request({ method: 'wallet_getCallsStatus', params: [bundle] }),
        id,
      );
      expect(status.status).toBe(200);
      expect(status.receipts).toHaveLength(2);
      const legacy = await page.evaluate(() => (window as unknown as { ethereum: { send(m: string, p: unknown[]): Promise<unknown> } }).ethereum.send('eth_chainId', []));
      expect(legacy).toMatchObject({ jsonrpc: '2.0', result: '0x7a69' });
    } finally {
      await browser.close();
      await dapp.stop();
    }
  }, 60_000);

  it('stop() ends anvil and leaves no process behind', async () => {
    // vitest runs this file in its own worker process, so our anvil is this process's only anvil child.
    const anvilChildren = () =>
      readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .flatMap((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').trim();
            const [, comm, rest] = /^\d+ \((.*)\) (.*)$/.exec(stat) ?? [];
            const [state, ppid] = (rest ?? '').split(' ');
            return comm === 'anvil' && Number(ppid) === process.pid && state !== 'Z' ? [Number(pid)] : [];
          } catch {
            return [];
          }
        });
    expect(anvilChildren().length).toBe(1);
    await devnet.stop();
    expect(anvilChildren()).toEqual([]);
    await expect(client().getBlockNumber()).rejects.toThrow();
  });
});
