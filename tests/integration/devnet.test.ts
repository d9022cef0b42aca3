import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createPublicClient, createWalletClient, hexToString, http, maxUint256, parseEther, parseUnits, verifyMessage, type Hex } from 'viem';
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
