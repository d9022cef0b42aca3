import { encodeFunctionData, maxUint256, parseAbi } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from './engine';
import { walletElsewhere } from './no-chain-access';
import type { SigningRequest } from './types';

const ME = '0x1111111111111111111111111111111111111111';
const TOKEN = '0x2222222222222222222222222222222222222222';
const SPENDER = '0x3333333333333333333333333333333333333333';
const UNKNOWN_CHAIN = 424_242;
const erc20 = parseAbi(['function approve(address,uint256)', 'function transfer(address,uint256)']);
const req = (method: SigningRequest['method'], params: unknown, chainId = UNKNOWN_CHAIN): SigningRequest => ({ method, params, origin: 'https://dapp.example', chainId });
const run = (r: SigningRequest, noChainAccess = true) => reviewRequest(r, { now: Date.now, ...(noChainAccess ? { noChainAccess: {} } : {}) });

describe('no-chain-access: a chain nobody knows, and no RPC', () => {
  it('a plain transfer is no longer "ok" with no word: it lists what was not checked', async () => {
    const r = await run(req('eth_sendTransaction', [{ from: ME, to: SPENDER, value: '0xde0b6b3a7640000' }]));
    const f = r.findings.find((x) => x.code === 'no-chain-access')!;
    expect(f.severity).toBe('info');
    expect(f.title.en).toContain('chain 424242 is in no registry');
    expect(f.detail!.en).toContain('simulated asset changes');
    expect(f.detail!.en).toContain('next network fee');
    expect(f.detail!.ja).toContain('シミュレーション');
  });
  it('an unlimited approve still gets its calldata findings, and says the spender was not checked', async () => {
    const data = encodeFunctionData({ abi: erc20, functionName: 'approve', args: [SPENDER, maxUint256] });
    const r = await run(req('eth_sendTransaction', [{ from: ME, to: TOKEN, data }]));
    expect(r.findings.map((x) => x.code)).toEqual(expect.arrayContaining(['unlimited-approval', 'no-chain-access']));
    expect(r.findings.find((x) => x.code === 'no-chain-access')!.detail!.en).toContain('spender is a contract');
  });
  it('names a registry chain that merely has no RPC', async () => {
    const r = await run(req('eth_sendTransaction', [{ from: ME, to: SPENDER, value: '0x1' }], 59144));
    expect(r.findings.find((x) => x.code === 'no-chain-access')!.title.en).toMatch(/no RPC is available for Linea/);
  });
  it('says nothing for requests that never read the chain (eth_sign, personal_sign, chain switches)', async () => {
    const sign = await run(req('eth_sign', [ME, `0x${'ab'.repeat(32)}`]));
    expect(sign.findings.map((x) => x.code)).toEqual(['eth-sign']);
    const text = await run(req('personal_sign', ['0x68656c6c6f', ME]));
    expect(text.findings.some((x) => x.code === 'no-chain-access')).toBe(false);
    const sw = await run(req('wallet_switchEthereumChain', [{ chainId: '0x1' }]));
    expect(sw.findings.some((x) => x.code === 'no-chain-access')).toBe(false);
  });
  it('is only said when the caller has no chain access (not in chain-free unit setups)', async () => {
    const r = await run(req('eth_sendTransaction', [{ from: ME, to: SPENDER, value: '0x1' }]), false);
    expect(r.findings.some((x) => x.code === 'no-chain-access')).toBe(false);
  });
  it('says when MetaMask is there but serves another network to Preflight', async () => {
    const why = walletElsewhere(59144, 1);
    expect(why.en).toContain('MetaMask serves Ethereum to Preflight');
    const r = await reviewRequest(req('eth_sendTransaction', [{ from: ME, to: SPENDER, value: '0x1' }], 59144), { now: Date.now, noChainAccess: { reason: why } });
    const f = r.findings.find((x) => x.code === 'no-chain-access')!;
    expect(f.title.en).toContain('MetaMask serves Ethereum to Preflight (switching it would ask you)');
    expect(f.title.ja).toContain('MetaMask');
  });
});
