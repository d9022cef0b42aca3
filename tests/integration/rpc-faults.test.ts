import { createServer, type Server } from 'node:http';
import { encodeFunctionData, maxUint256, parseAbi, type Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChainClient } from '../../core/chain/client';
import { verifyChain, WrongChainError } from '../../core/chain/verify-chain';
import { reviewRequest } from '../../core/review/engine';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';

type Fault = 'ok' | '500' | '429-once' | 'hang' | 'garbage' | 'wrong-chain';

/** A JSON-RPC proxy in front of anvil that misbehaves on demand (loopback only, bounded). */
async function faultyProxy(upstream: string, fault: Fault): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  let throttled = false;
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
  });

  it('HTTP 429 once: retried, then the same node answers', async () => {
    const flaky = await proxy('429-once');
    const client = createChainClient({ chainId: 31337, userRpc: flaky.url, usePublicFallbacks: false, timeoutMs: 1_000, retryCount: 2 });
    const r = await reviewRequest(approval(), { client, now: Date.now });
    expect(r.summary.en).toContain('USDC');
    expect(r.verdict).not.toBe('error');
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
});
