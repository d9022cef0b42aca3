import { encodeFunctionData, maxUint256, parseAbi } from 'viem';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from './analyzer';
import { DEFAULT_ANALYZERS } from './analyzers';
import { reviewRequest } from './engine';
import type { SigningRequest } from './types';

const abi = parseAbi(['function approve(address,uint256)', 'function setApprovalForAll(address,bool)']);
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const ROUTER = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
const STRANGER = '0x1234567890123456789012345678901234567890';
const deps = { now: () => Date.now() };
const tx = (data: string): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: STRANGER, to: USDC, data }], origin: 'https://app.example', chainId: 1 });

describe('reviewRequest', () => {
  it('names an unlimited approval to a known router in a plain sentence (info, not alarm)', async () => {
    const r = await reviewRequest(tx(encodeFunctionData({ abi, functionName: 'approve', args: [ROUTER, maxUint256] })), deps);
    expect(r.summary.en).toBe('Approve 0x7a25…488D (Uniswap V2 Router) to spend unlimited 0xa0b8…eb48');
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['unlimited-approval', 'info']]);
    expect(r.verdict).toBe('ok');
  });

  it('warns on an unlimited approval to an unknown spender', async () => {
    const r = await reviewRequest(tx(encodeFunctionData({ abi, functionName: 'approve', args: [STRANGER, maxUint256] })), deps);
    expect(r.findings[0]).toMatchObject({ code: 'unlimited-approval', severity: 'warn' });
    expect(r.verdict).toBe('caution');
  });

  it('does not call an exact approval unlimited', async () => {
    const r = await reviewRequest(tx(encodeFunctionData({ abi, functionName: 'approve', args: [ROUTER, 100_000_000n] })), deps);
    expect(r.findings).toEqual([]);
    expect(r.summary.en).toBe('Approve 0x7a25…488D (Uniswap V2 Router) to spend 100,000,000 base units of 0xa0b8…eb48');
  });

  it('flags setApprovalForAll', async () => {
    const r = await reviewRequest(tx(encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [STRANGER, true] })), deps);
    expect(r.findings.map((f) => f.code)).toEqual(['nft-approval-for-all']);
  });

  it('eth_sign of a hash is danger', async () => {
    const r = await reviewRequest({ method: 'eth_sign', params: [STRANGER, `0x${'ab'.repeat(32)}`], origin: 'https://x.example', chainId: 1 }, deps);
    expect(r.verdict).toBe('danger');
    expect(r.findings[0]!.code).toBe('eth-sign');
  });

  it('chain switch to a known chain is info, to an unknown one a caution', async () => {
    const known = await reviewRequest({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0xa' }], origin: 'https://x.example', chainId: 1 }, deps);
    expect(known.findings.map((f) => [f.code, f.severity])).toEqual([['chain-switch', 'info']]);
    const unknown = await reviewRequest({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x99999' }], origin: 'https://x.example', chainId: 1 }, deps);
    expect(unknown.findings.map((f) => f.code)).toEqual(['unknown-chain']);
  });

  it('onSettled hears each applicable analyzer once, failed ones too, and changes nothing in the review', async () => {
    const broken: Analyzer = { id: 'broken', kinds: ['transaction'], analyze: () => { throw new TypeError('boom'); } };
    const analyzers = [broken, ...DEFAULT_ANALYZERS];
    const request = tx(encodeFunctionData({ abi, functionName: 'approve', args: [STRANGER, maxUint256] }));
    const heard: string[] = [];
    const r = await reviewRequest(request, deps, { analyzers, id: 'x', onSettled: (id) => heard.push(id) });
    const plain = await reviewRequest(request, deps, { analyzers, id: 'x' });
    expect(heard.sort()).toEqual(analyzers.filter((a) => a.kinds.includes('transaction')).map((a) => a.id).sort());
    expect({ ...r, createdAt: 0, analysisMs: 0 }).toEqual({ ...plain, createdAt: 0, analysisMs: 0 });
  });

  it('an analyzer that throws gives verdict error with analysis-failed, others still report', async () => {
    const broken: Analyzer = { id: 'broken', kinds: ['transaction'], analyze: () => { throw new TypeError('boom'); } };
    const r = await reviewRequest(tx(encodeFunctionData({ abi, functionName: 'approve', args: [STRANGER, maxUint256] })), deps, { analyzers: [broken, ...DEFAULT_ANALYZERS] });
    expect(r.verdict).toBe('error');
    expect(r.findings.map((f) => f.code).sort()).toEqual(['analysis-failed', 'unlimited-approval']);
    expect(r.findings.find((f) => f.code === 'analysis-failed')!.detail!.en).toContain('TypeError: boom');
  });

  it('an analyzer that never answers times out into analysis-failed', async () => {
    const slow: Analyzer = { id: 'slow', kinds: ['transaction'], analyze: () => new Promise(() => {}) };
    const r = await reviewRequest(tx('0x'), deps, { analyzers: [slow], timeoutMs: 50 });
    expect(r.verdict).toBe('error');
  });

  it('requests MetaMask refuses say so (caution, non-canonical-encoding), never "could not check"', async () => {
    for (const params of [[{ to: 'nope' }], 'x', [], null, [{ to: USDC, value: 100 }]]) {
      const r = await reviewRequest({ method: 'eth_sendTransaction', params, origin: 'https://x.example', chainId: 1 }, deps);
      expect(r.verdict).toBe('caution');
      expect(r.findings.map((f) => f.code)).toEqual(['non-canonical-encoding']);
      expect(r.refusal?.en.length).toBeGreaterThan(0);
      expect(r.summary.en).toMatch(/^MetaMask will refuse this eth_sendTransaction request/);
    }
  });

  it('a request that cannot be read at all gives verdict error, never a throw', async () => {
    const r = await reviewRequest({ method: 'eth_sendTransaction', params: [{ to: USDC, data: '0xzz' }], origin: 'https://x.example', chainId: 1 }, deps);
    expect(r.verdict).toBe('error');
    expect(r.findings[0]!.code).toBe('analysis-failed');
  });
});
