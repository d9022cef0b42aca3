import { createServer, type Server } from 'node:http';
import { encodeFunctionData, maxUint256, parseAbi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClient } from '../../core/chain/client';
import { batchLimitOf } from '../../core/chain/batching-http';
import { FeeHistoryStore, MemoryFeeHistoryStorage } from '../../core/gas/history';
import { verifyChain, WrongChainError } from '../../core/chain/verify-chain';
import { reviewRequest } from '../../core/review/engine';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import { startLimitingProxy } from '../../scripts/devnet/limiting-proxy';

type Fault = 'ok' | '500' | '429-once' | 'hang' | 'garbage' | 'wrong-chain' | 'lying';

/** A JSON-RPC proxy in front of anvil that misbehaves on demand (loopback only, bounded). */
async function faultyProxy(upstream: string, fault: Fault): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  let throttled = false;
  let lies = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      if (fault === 'hang') return; // never answers; the client's timeout must fire
      if (fault === '500') return void res.writeHead(500).end('internal error');
      if (fault === '429-once' && !throttled) {
        throttled = true;
        return void res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      }
      if (fault === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","id":1,"result":');
      const upstreamRes = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      let text = await upstreamRes.text();
      if (fault === 'wrong-chain') text = text.replace(/"result":"0x7a69"/g, '"result":"0x1"');
      if (fault === 'lying' && /eth_getCode|eth_getBalance/.test(body)) {
        // Code and balances that change between calls: every other answer is swapped for a different one.
        lies++;
        if (lies % 2 === 0) text = text.replace(/"result":"0x[0-9a-f]*"/, /eth_getCode/.test(body) ? '"result":"0x"' : '"result":"0xffffffffffffffffffffffffffffffff"');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

let devnet: Devnet;
const proxies: { close(): Promise<void> }[] = [];
const erc20 = parseAbi(['function approve(address,uint256)']);
const approval = () => ({
  method: 'eth_sendTransaction' as const,
  params: [{ from: devnet.accounts[0], to: devnet.contracts.usdc, data: encodeFunctionData({ abi: erc20, functionName: 'approve', args: [devnet.contracts.v2Router as Address, maxUint256] }) }],
  origin: 'https://app.example',
  chainId: 31337,
});

beforeAll(async () => {
  devnet = await startDevnet({ seed: 5, quiet: true });
}, 60_000);
afterAll(async () => {
  for (const p of proxies) await p.close();
  await devnet?.stop();
});

async function proxy(fault: Fault) {
  const p = await faultyProxy(devnet.rpcUrl, fault);
  proxies.push(p);
  return p;
}

describe('reviews against faulty RPCs (real anvil behind a misbehaving proxy)', () => {
  it('HTTP 500 on the user RPC: the fallback answers and the review is complete', async () => {
    const bad = await proxy('500');
    const client = createChainClient({ chainId: 31337, userRpc: bad.url, fallbackRpcs: [devnet.rpcUrl], timeoutMs: 1_000, retryCount: 0 });
    const r = await reviewRequest(approval(), { client, now: Date.now });
    expect(r.findings.map((f) => f.code)).not.toContain('analysis-failed');
    expect(r.summary.en).toContain('USDC');
    expect(bad.hits()).toBeGreaterThan(0);
    expect(batchLimitOf(bad.url)).toBe('none'); // failing alone too: nothing learned about batches
  });

  it('HTTP 429 once: retried, then the same node answers', async () => {
    const flaky = await proxy('429-once');
    const client = createChainClient({ chainId: 31337, userRpc: flaky.url, usePublicFallbacks: false, timeoutMs: 1_000, retryCount: 2 });
    const r = await reviewRequest(approval(), { client, now: Date.now });
    expect(r.summary.en).toContain('USDC');
    expect(r.verdict).not.toBe('error');
  });

  // Refused as a public free tier does (HTTP 500 over 3 calls), as geth does, or every batch refused.
  it.each([
    ['HTTP 500 over 3 calls', 3, 'http500', 'small'],
    ['geth, over 3 calls', 3, 'geth', 'small'],
    ['every batch refused', 0, 'http500', 'no-batches'],
  ] as const)('a node that refuses big batches or all (%s): the review is the same as on a node that takes them', async (_name, cap, batchRefusal, learned) => {
    const capped = await startLimitingProxy(devnet.rpcUrl, { maxBatch: cap, batchRefusal });
    proxies.push(capped);
    const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();
    const direct = createChainClient({ chainId: 31337, userRpc: devnet.rpcUrl, usePublicFallbacks: false, timeoutMs: 2_000 });
    const expected = await reviewRequest(approval(), { client: direct, now: Date.now });
    expect(codes(expected)).toContain('new-spender-contract'); // the spender's age search: batches of 7 calls and more
    const client = createChainClient({ chainId: 31337, userRpc: capped.url, usePublicFallbacks: false, timeoutMs: 2_000 });
    const r = await reviewRequest(approval(), { client, now: Date.now });
    expect(capped.batchSizes.some((n) => n > cap)).toBe(true); // batches were refused
    expect(codes(r)).toEqual(codes(expected));
    expect(r.verdict).toBe(expected.verdict);
    expect(batchLimitOf(capped.url)).toBe(learned);
    // Learned for this node: the next review sends nothing it would refuse.
    const seen = capped.batchSizes.length;
    const hits = capped.http;
    const again = await reviewRequest(approval(), { client, now: Date.now });
    expect(codes(again)).toEqual(codes(expected));
    expect(capped.http).toBeGreaterThan(hits);
    expect(capped.batchSizes.slice(seen).filter((n) => n > cap)).toEqual([]);
  });

  it('a node that never answers: verdict error within the time budget, never a hang', async () => {
    const hang = await proxy('hang');
    const client = createChainClient({ chainId: 31337, userRpc: hang.url, usePublicFallbacks: false, timeoutMs: 400, retryCount: 0 });
    const started = Date.now();
    const r = await reviewRequest(approval(), { client, now: Date.now }, { timeoutMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.verdict).toBe('error');
    expect(r.findings.map((f) => f.code)).toContain('analysis-failed');
  });

  it('malformed JSON: verdict error with analysis-failed, no throw', async () => {
    const garbage = await proxy('garbage');
    const client = createChainClient({ chainId: 31337, userRpc: garbage.url, usePublicFallbacks: false, timeoutMs: 1_000, retryCount: 0 });
    const r = await reviewRequest(approval(), { client, now: Date.now });
    expect(r.verdict).toBe('error');
  });

  it('an RPC for another chain is caught before its answers are believed', async () => {
    const liar = await proxy('wrong-chain');
    const client = createChainClient({ chainId: 31337, userRpc: liar.url, usePublicFallbacks: false, timeoutMs: 1_000 });
    await expect(verifyChain(client, 31337)).rejects.toBeInstanceOf(WrongChainError);
    const honest = createChainClient({ chainId: 31337, userRpc: devnet.rpcUrl, usePublicFallbacks: false });
    await expect(verifyChain(honest, 31337)).resolves.toBeUndefined();
    // Reviewed without chain access, the panel says why on-chain checks are missing.
    const r = await reviewRequest(approval(), { now: Date.now, rpcProblem: new WrongChainError(31337, 1) });
    expect(r.verdict).toBe('error');
    expect(r.findings.find((f) => f.code === 'analysis-failed')?.detail?.en).toContain('answers as chain 1');
    // A plain message needs no chain: a broken RPC does not make its review an error.
    const message = await reviewRequest({ method: 'personal_sign', params: ['0x68656c6c6f', devnet.accounts[0]], origin: 'https://app.example', chainId: 31337 }, { now: Date.now, rpcProblem: new WrongChainError(31337, 1) });
    expect(message.verdict).toBe('ok');
  });

  it('a node whose code and balances change between calls: the local findings stand, the review finishes, nothing throws', async () => {
    const liar = await proxy('lying');
    const client = createChainClient({ chainId: 31337, userRpc: liar.url, usePublicFallbacks: false, timeoutMs: 1_000, retryCount: 0 });
    const drain = { method: 'eth_sendTransaction' as const, params: [{ from: devnet.accounts[0], to: devnet.accounts[1], value: '0x56bc75e2d63100000' }], origin: 'https://app.example', chainId: 31337 };
    for (let i = 0; i < 4; i++) {
      const r = await reviewRequest(approval(), { client, now: Date.now }, { timeoutMs: 3_000 });
      // What is decoded locally cannot be lied away: the unlimited approval is always reported.
      expect(r.findings.map((f) => f.code)).toContain('unlimited-approval');
      expect(r.verdict).not.toBe('ok');
      const d = await reviewRequest(drain, { client, now: Date.now }, { timeoutMs: 3_000 });
      expect(['ok', 'caution', 'danger', 'error']).toContain(d.verdict);
    }
  });

  it('a reorg (the block hash at a height changes): fee history drops the orphaned blocks and matches the new chain', async () => {
    const request = (method: string, params: unknown[]) => fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then(async (r) => ((await r.json()) as { result: unknown }).result);
    const hashAt = async (n: number) => ((await request('eth_getBlockByNumber', [`0x${n.toString(16)}`, false])) as { hash: string }).hash;
    const store = new FeeHistoryStore({ chainId: 31337, request, storage: new MemoryFeeHistoryStorage(), retentionBlocks: 500 });
    const snapshot = (await request('evm_snapshot', [])) as string;
    // The original branch: a few full-ish blocks.
    for (let i = 0; i < 3; i++) {
      await request('eth_sendTransaction', [{ from: devnet.accounts[2], to: devnet.accounts[3], value: '0x1' }]);
      await request('evm_mine', []);
    }
    await store.sync();
    const forkHeight = Number(BigInt((await request('eth_blockNumber', [])) as string));
    const orphan = await hashAt(forkHeight);
    // Reorg: back to the snapshot, then a different, longer branch (empty blocks: other base fees).
    await request('evm_revert', [snapshot]);
    await request('anvil_mine', ['0x6']);
    expect(await hashAt(forkHeight)).not.toBe(orphan);
    const r = await store.sync();
    expect(r.reorged).toBe(true);
    const samples = await store.samples();
    const head = Number(BigInt((await request('eth_blockNumber', [])) as string));
    const truth = (await request('eth_feeHistory', ['0xa', `0x${head.toString(16)}`, []])) as { baseFeePerGas: string[]; oldestBlock: string };
    const oldest = Number(BigInt(truth.oldestBlock));
    for (let n = oldest; n <= head; n++) {
      const i = samples.blocks.indexOf(n);
      expect(i, `block ${n} stored`).toBeGreaterThanOrEqual(0);
      expect(samples.baseFee[i]).toBe(Number(BigInt(truth.baseFeePerGas[n - oldest]!)));
    }
  });
});
