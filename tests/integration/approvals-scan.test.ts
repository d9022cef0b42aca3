/**
 * The approvals inventory on a real chain: anvil with the devnet's Uniswap, tokens and Multicall3, Permit2's
 * allowance contract at Permit2's address, and an account with 27 approvals made by real transactions (some revoked
 * or expired again) on top of the devnet's 9 router approvals. Scanned directly, behind a proxy that refuses ranges
 * or results the way providers do, and behind one that serves no logs (the fallback); stopped and resumed from the
 * stored cursor; incremental afterwards. What the scan lists is compared with the approvals the test made, and the
 * value at risk with the pool's reserves read here.
 * `npx vitest run tests/integration/approvals-scan.test.ts`
 */
import { createPublicClient, erc20Abi, http, parseAbi, parseUnits, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnemonicToAccount } from 'viem/accounts';
import type { RpcRequest } from '../../core/chain/account-scan';
import { knownTokensOf, priceReaderFor } from '../../core/approvals/chains';
import { scanInventory, type ScanDeps } from '../../core/approvals/scan';
import { candidateKey, type Inventory } from '../../core/approvals/types';
import { rowValueAtRisk } from '../../core/approvals/valuation';
import { createClients, type DevnetClients } from '../../scripts/devnet/chain';
import { DEVNET_MNEMONIC } from '../../scripts/devnet/anvil';
import { createStandingApprovals, installApprovalContracts, type PlannedApproval } from '../../scripts/devnet/approvals-world';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startLimitingProxy, type LimitingProxy } from '../../scripts/devnet/limiting-proxy';
import { SCAM_LISTED_SPENDER } from '../../scripts/devnet/dapp-cases';

let devnet: Devnet;
let c: DevnetClients;
let owner: Address;
let planned: PlannedApproval[];
let expected: Set<string>;
const proxies: LimitingProxy[] = [];

const rpcOf = (url: string): RpcRequest => {
  const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 20_000 }) });
  return (method, params) => client.request({ method: method as never, params: params as never });
};

function deps(rpc: RpcRequest, store: { inv?: Inventory }, extra: Partial<ScanDeps> = {}): ScanDeps {
  return {
    chainId: 31337, account: owner, rpc, now: Date.now, sleep: async () => undefined,
    load: async () => store.inv, save: async (inv) => void (store.inv = structuredClone(inv)),
    prices: ({ client, mode }) => priceReaderFor(31337, client, mode), priceAlso: knownTokensOf(31337),
    fallbackLists: async () => ({ tokens: knownTokensOf(31337).map((t) => t.address), collections: [devnet.contracts.nft], spenders: [devnet.contracts.v2Router, devnet.contracts.swapRouter, devnet.contracts.swapRouter02!], reviewed: [] }),
    knownSpender: () => false, blockTimeSeconds: 12, ...extra,
  };
}
const keys = (inv: Inventory | undefined) => new Set((inv?.rows ?? []).map(candidateKey));

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, quiet: true });
  c = createClients(devnet.rpcUrl);
  owner = devnet.accounts[0]!.toLowerCase() as Address;
  const k = devnet.contracts;
  const extras = await installApprovalContracts(c, devnet.accounts[8]!);
  const eoas = Array.from({ length: 8 }, (_, i) => mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: 10 + i }).address);
  const now = Number((await c.publicClient.getBlock()).timestamp);
  planned = await createStandingApprovals(c, owner, { weth: k.weth, usdc: k.usdc, vol: k.vol, nft: k.nft, multi: extras.multi }, {
    contracts: { v2Router: k.v2Router, swapRouter: k.swapRouter, swapRouter02: k.swapRouter02, universalRouter: k.universalRouter, positionManager: k.positionManager, quoterV2: k.quoterV2, v2Factory: k.v2Factory, gasBurner: k.gasBurner },
    eoas, scam: SCAM_LISTED_SPENDER,
  }, [1n, 2n, 3n], now);
  // The devnet's own set-up: its user approved every router for WETH, USDC and VOL (unlimited).
  const defaults = [k.weth, k.usdc, k.vol].flatMap((t) => [k.v2Router, k.swapRouter, k.swapRouter02!].map((r) => candidateKey({ kind: 'erc20', token: t.toLowerCase() as Address, spender: r.toLowerCase() as Address })));
  expected = new Set([...planned.filter((p) => p.standing).map(candidateKey), ...defaults]);
}, 180_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  await devnet?.stop();
});

describe('approvals inventory on the devnet', () => {
  it('lists every standing approval (ERC-20, ERC-721 and ERC-1155 operators, single NFTs, Permit2) and nothing revoked or expired', async () => {
    expect(planned.filter((p) => p.standing).length).toBeGreaterThanOrEqual(27);
    const store: { inv?: Inventory } = {};
    const r = await scanInventory(deps(rpcOf(devnet.rpcUrl), store));
    expect(r.status).toBe('done');
    expect(keys(r.inventory)).toEqual(expected);
    expect(new Set(r.inventory.rows.map((x) => x.kind))).toEqual(new Set(['erc20', 'nft-all', 'nft-one', 'permit2']));
    // Spender facts: the scam-listed address and the plain accounts are EOAs, the routers contracts.
    expect(r.inventory.spenders[SCAM_LISTED_SPENDER]?.isContract).toBe(false);
    expect(r.inventory.spenders[devnet.contracts.v2Router.toLowerCase()]?.isContract).toBe(true);
    // One Multicall3 batch per window: a handful of eth_call for ~36 approvals and their tokens.
    expect(r.requests.eth_call ?? 0).toBeLessThanOrEqual(8);
    // The ERC-1155 collection is known as one, and counts no balance (it has none per owner).
    const multi = r.inventory.rows.find((x) => x.kind === 'nft-all' && r.inventory.tokens[x.token]?.standard === 'erc1155');
    expect(multi).toBeDefined();
  }, 120_000);

  it('value at risk is min(allowance, balance) × the pool price read here', async () => {
    const store: { inv?: Inventory } = {};
    const { inventory } = await scanInventory(deps(rpcOf(devnet.rpcUrl), store));
    const k = devnet.contracts;
    const pair = await c.publicClient.readContract({ address: k.v2Factory, abi: parseAbi(['function getPair(address,address) view returns (address)']), functionName: 'getPair', args: [k.weth, k.usdc] });
    const [r0, r1] = await c.publicClient.readContract({ address: pair, abi: parseAbi(['function getReserves() view returns (uint112,uint112,uint32)']), functionName: 'getReserves' });
    const wethIs0 = BigInt(k.weth) < BigInt(k.usdc);
    const ethUsd = (Number(wethIs0 ? r1 : r0) / 1e6) / (Number(wethIs0 ? r0 : r1) / 1e18);
    const balance = await c.publicClient.readContract({ address: k.weth, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
    const nowSec = Math.floor(Date.now() / 1000);
    const fiveWeth = inventory.rows.find((x) => x.kind === 'erc20' && x.token === k.weth.toLowerCase() && x.amount === (5n * 10n ** 18n).toString())!;
    const want = (Number(balance < 5n * 10n ** 18n ? balance : 5n * 10n ** 18n) / 1e18) * ethUsd;
    expect(rowValueAtRisk(fiveWeth, inventory.tokens[k.weth.toLowerCase()], nowSec)).toBeCloseTo(want, 6);
    const usdc = inventory.rows.find((x) => x.kind === 'erc20' && x.token === k.usdc.toLowerCase() && x.amount === parseUnits('1000', 6).toString())!;
    expect(rowValueAtRisk(usdc, inventory.tokens[k.usdc.toLowerCase()], nowSec)).toBe(1_000);
    expect(inventory.tokens[k.weth.toLowerCase()]?.price?.source).toBe('pool');
  }, 120_000);

  it('behind nodes that refuse wide ranges or big answers (as providers word it), the same rows', async () => {
    for (const rules of [{ maxRange: 50, style: 'quicknode' as const }, { maxRange: 40, style: 'alchemy' as const }, { maxRange: 30, style: 'infura' as const }, { maxResults: 3 }]) {
      const proxy = await startLimitingProxy(devnet.rpcUrl, rules);
      proxies.push(proxy);
      const r = await scanInventory(deps(rpcOf(proxy.url), {}));
      expect(r.status, JSON.stringify(rules)).toBe('done');
      expect(keys(r.inventory), JSON.stringify(rules)).toEqual(expected);
      expect((r as { refusals: number }).refusals).toBeGreaterThan(0);
    }
  }, 180_000);

  it('stopped mid-scan, resumed from the stored cursor; incremental afterwards', async () => {
    const proxy = await startLimitingProxy(devnet.rpcUrl, { maxRange: 20 });
    proxies.push(proxy);
    const store: { inv?: Inventory } = {};
    const controller = new AbortController();
    let windows = 0;
    const first = await scanInventory(deps(rpcOf(proxy.url), store, { signal: controller.signal, concurrency: 1, onProgress: (p) => p.phase === 'logs' && ++windows >= 4 && controller.abort() }));
    expect(first.status).toBe('cancelled');
    const stoppedAt = store.inv!.cursor!.scannedTo;
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(store.inv!.cursor!.toBlock);
    const partial = keys(store.inv);
    expect([...partial].every((k) => expected.has(k))).toBe(true); // what was found stays
    proxy.reset();
    const second = await scanInventory(deps(rpcOf(proxy.url), store));
    expect(second.status).toBe('done');
    expect(keys(second.inventory)).toEqual(expected);
    // The learnt cap came back with the cursor: no refusal on the resumed pass.
    expect((second as { refusals: number }).refusals).toBe(0);
    // Incremental: a new approval; the next pass reads only the blocks since the last one (minus the reorg margin).
    const head = Number(await c.publicClient.getBlockNumber());
    const approved = await c.walletClient.writeContract({ account: owner, address: devnet.contracts.usdc, abi: erc20Abi, functionName: 'approve', args: ['0x00000000000000000000000000000000000c0ffe', 7n], chain: null });
    await c.publicClient.waitForTransactionReceipt({ hash: approved }); // mined before the pass reads the head
    proxy.reset();
    const third = await scanInventory(deps(rpcOf(proxy.url), store));
    expect(third.status).toBe('done');
    expect(keys(third.inventory).has(candidateKey({ kind: 'erc20', token: devnet.contracts.usdc.toLowerCase() as Address, spender: '0x00000000000000000000000000000000000c0ffe' }))).toBe(true);
    expect(third.inventory.cursor!.fromBlock).toBe(head - 64 + 1);
    expect(proxy.counts.eth_getLogs).toBeLessThanOrEqual(5);
  }, 180_000);

  it('a node that serves no logs: the bounded fallback finds the known pairs, and says so', async () => {
    const proxy = await startLimitingProxy(devnet.rpcUrl, { noLogs: true });
    proxies.push(proxy);
    const r = await scanInventory(deps(rpcOf(proxy.url), {}));
    expect(r).toMatchObject({ status: 'done', note: 'no-logs' });
    expect(r.inventory.method).toBe('fallback');
    const k = devnet.contracts;
    // Known tokens × known spenders: the routers' allowances and the router's Permit2 allowance, nothing to plain accounts.
    const found = keys(r.inventory);
    for (const t of [k.weth, k.usdc, k.vol]) expect(found.has(candidateKey({ kind: 'erc20', token: t.toLowerCase() as Address, spender: k.v2Router.toLowerCase() as Address }))).toBe(true);
    expect(found.has(candidateKey({ kind: 'permit2', token: k.vol.toLowerCase() as Address, spender: k.v2Router.toLowerCase() as Address }))).toBe(true);
    expect([...found].every((x) => expected.has(x))).toBe(true);
    expect(r.inventory.rows.every((x) => x.foundBy === 'fallback')).toBe(true);
  }, 120_000);

  it('a dead node: failed in words, what was found stays', async () => {
    const store: { inv?: Inventory } = {};
    await scanInventory(deps(rpcOf(devnet.rpcUrl), store));
    const before = keys(store.inv);
    const r = await scanInventory(deps(rpcOf('http://127.0.0.1:9'), store));
    expect(r.status).toBe('failed');
    expect((r as { reason: string }).reason).toMatch(/did not answer/);
    expect(keys(r.inventory)).toEqual(before);
  }, 60_000);
});
