/**
 * Gas on the chains people use, against real anvil nodes: an OP-stack chain (anvil --network optimism, chain id 10),
 * a chain with its own base-fee rule (Linea's id: the node's answer is used), and a chain without EIP-1559 (berlin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveGasReport } from '../../core/gas/live-report';
import { opStackNextBaseFee } from '../../core/gas/op-stack-params';
import type { RpcRequest } from '../../core/gas/history-rpc';
import { startAnvilBinary, type Anvil } from './anvil-binary';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C8d4B3F6b5Eb2B4e0d4';

function rpcOf(url: string): RpcRequest {
  let id = 0;
  return async (method, params) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
  };
}

/** A deterministic pseudo-random sequence (the block fullness pattern). */
function* lcg(seed: number) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

/** Mines `blocks` blocks of 0..max plain transfers each (gas price `gasPrice` on legacy chains). */
async function traffic(rpc: RpcRequest, blocks: number, max: number, legacy = false, seed = 7): Promise<void> {
  const rand = lcg(seed);
  for (let b = 0; b < blocks; b++) {
    const n = Math.floor(rand.next().value! * (max + 1));
    for (let i = 0; i < n; i++) {
      const fee = legacy ? { gasPrice: `0x${(1_000_000_000 + Math.floor(rand.next().value! * 4) * 250_000_000).toString(16)}` } : {};
      await rpc('eth_sendTransaction', [{ from: ALICE, to: BOB, value: '0x1', gas: '0x5208', ...fee }]);
    }
    await rpc('evm_mine', []);
  }
}

type Head = { number: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string; extraData: string; blobGasUsed?: string };
const block = (rpc: RpcRequest, n: number | 'latest') => rpc('eth_getBlockByNumber', [typeof n === 'number' ? `0x${n.toString(16)}` : n, false]) as Promise<Head>;

describe('OP-stack chain on anvil (--network optimism, chain id 10)', () => {
  let anvil: Anvil;
  let rpc: RpcRequest;
  beforeAll(async () => {
    // A small gas limit so that a few transfers cross the target (limit / elasticity 6 = 70,000 gas).
    anvil = await startAnvilBinary(['--network', 'optimism', '--chain-id', '10', '--gas-limit', '420000', '--no-mining']);
    rpc = rpcOf(anvil.url);
    await traffic(rpc, 60, 20);
  }, 120_000);
  afterAll(async () => anvil?.stop());

  it('computes every next base fee exactly (anvil headers carry no parameters: the chain constants apply)', async () => {
    const head = Number(BigInt((await block(rpc, 'latest')).number));
    let checked = 0;
    let above = 0;
    let below = 0;
    for (let n = 1; n < head; n++) {
      const [p, c] = await Promise.all([block(rpc, n), block(rpc, n + 1)]);
      expect(p.extraData).toBe('0x');
      const parent = { baseFeePerGas: BigInt(p.baseFeePerGas!), gasUsed: BigInt(p.gasUsed), gasLimit: BigInt(p.gasLimit), extraData: p.extraData };
      expect(opStackNextBaseFee(parent, { elasticityMultiplier: 6n, baseFeeChangeDenominator: 250n })).toBe(BigInt(c.baseFeePerGas!));
      if (parent.gasUsed * 6n > parent.gasLimit) above++;
      else if (parent.gasUsed * 6n < parent.gasLimit) below++;
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(59);
    expect(above).toBeGreaterThan(10);
    expect(below).toBeGreaterThan(5);
  });

  it('the live report’s next base fee is the one the node then mines', async () => {
    const report = await liveGasReport({ request: rpc, chainId: 10, gasLimit: 21_000n, withinHours: 1, now: Math.floor(Date.now() / 1000) });
    expect(report.chain.name).toBe('OP Mainnet');
    expect(report.nextBaseFeeFrom.source).toBe('header');
    await rpc('evm_mine', []);
    const mined = await block(rpc, report.nextBlock);
    expect(report.nextBaseFee).toBe(BigInt(mined.baseFeePerGas!));
  });
});

describe('a chain with its own base-fee rule (Linea’s id on anvil): the node’s answer', () => {
  let anvil: Anvil;
  let rpc: RpcRequest;
  beforeAll(async () => {
    anvil = await startAnvilBinary(['--chain-id', '59144', '--gas-limit', '420000', '--no-mining']);
    rpc = rpcOf(anvil.url);
    await traffic(rpc, 20, 20, false, 11);
  }, 120_000);
  afterAll(async () => anvil?.stop());

  it('takes the next base fee from eth_feeHistory and it is what the node mines', async () => {
    await traffic(rpc, 1, 20, false, 3); // leave a full-ish block on top
    const report = await liveGasReport({ request: rpc, chainId: 59144, gasLimit: 21_000n, withinHours: 1, now: Math.floor(Date.now() / 1000) });
    expect(report.nextBaseFeeFrom.source).toBe('node');
    await rpc('evm_mine', []);
    expect(report.nextBaseFee).toBe(BigInt((await block(rpc, report.nextBlock)).baseFeePerGas!));
  });
});

describe('a chain without EIP-1559 (anvil --hardfork berlin)', () => {
  let anvil: Anvil;
  let rpc: RpcRequest;
  beforeAll(async () => {
    anvil = await startAnvilBinary(['--hardfork', 'berlin', '--chain-id', '424242', '--no-mining']);
    rpc = rpcOf(anvil.url);
    await traffic(rpc, 25, 6, true, 5);
  }, 120_000);
  afterAll(async () => anvil?.stop());

  it('gives gas price tiers from the cheapest price each recent block included', async () => {
    const report = await liveGasReport({ request: rpc, chainId: 424242, gasLimit: 21_000n, withinHours: 1, now: Math.floor(Date.now() / 1000) });
    expect(report.sync.mode).toBe('legacy');
    expect(report.nextBaseFeeFrom.source).toBe('legacy');
    const legacy = report.legacy!;
    const head = Number(BigInt((await block(rpc, 'latest')).number));
    expect(legacy.blocks).toEqual(Array.from({ length: 20 }, (_, i) => head - 19 + i));
    // Recompute from the blocks themselves: the cheapest gas price of each block (the node's gas price for an empty
    // one), nearest-rank 70/90/99 %.
    const nodePrice = BigInt((await rpc('eth_gasPrice', [])) as string);
    const mins: bigint[] = [];
    let empty = 0;
    for (const n of legacy.blocks) {
      const b = (await rpc('eth_getBlockByNumber', [`0x${n.toString(16)}`, true])) as { transactions: { gasPrice: string }[] };
      if (b.transactions.length === 0) empty++;
      mins.push(b.transactions.length ? b.transactions.map((t) => BigInt(t.gasPrice)).reduce((a, x) => (x < a ? x : a)) : nodePrice);
    }
    expect(legacy.minGasPrices).toEqual(mins);
    expect(new Set(mins).size).toBeGreaterThan(2);
    expect(empty).toBeLessThan(10);
    const sorted = [...mins].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const at = (q: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
    expect(report.priorityFees.map((p) => p.priorityFee)).toEqual([at(0.7), at(0.9), at(0.99)]);
    // One gas price is paid: no tip on top, and "now" is the 90 % tier.
    expect(report.recommended.maxPriorityFeePerGas).toBe(0n);
    expect(report.nextBaseFee).toBe(at(0.9));
  });
});
