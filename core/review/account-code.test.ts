import { createPublicClient, custom, stringToHex, type PublicClient } from 'viem';
import { describe, expect, it } from 'vitest';
import { CODE_BUDGET_MS, classifyCode, readAccountCode } from './account-code';
import { reviewRequest } from './engine';
import type { SigningRequest } from './types';

const ACCOUNT = '0x7702000000000000000000000000000000000009';
const node = (getCode: () => Promise<unknown>): PublicClient =>
  createPublicClient({ transport: custom({ request: async ({ method }: { method: string }) => (method === 'eth_getCode' ? getCode() : method === 'eth_chainId' ? '0x1' : Promise.reject(new Error(`${method} not served`))) }, { retryCount: 0 }) }) as PublicClient;
const signal = new AbortController().signal;
const personal: SigningRequest = { method: 'personal_sign', params: [stringToHex('hello'), ACCOUNT], origin: 'https://dapp.example', chainId: 1 };

describe('the account code read', () => {
  it('tells an EIP-7702 delegation designator from no code and from contract code', () => {
    expect(classifyCode('0x')).toEqual({ status: 'no-code' });
    expect(classifyCode('0xEF01000000000000000000000000000000000000000000A11')).toEqual({ status: 'contract' }); // 19 bytes: not a designator
    expect(classifyCode('0xef010063c0c19a282a1b52b07dd5a65b58948a07dae32b')).toEqual({ status: 'delegated', delegate: '0x63c0c19a282a1b52b07dd5a65b58948a07dae32b' });
    expect(classifyCode('0x6080604052')).toEqual({ status: 'contract' });
  });

  it('is bounded: a node that never answers costs the budget, and says so', async () => {
    const started = Date.now();
    const code = await readAccountCode({ client: node(() => new Promise(() => undefined)), signal }, ACCOUNT);
    expect(code).toEqual({ status: 'unread', reason: `no answer within ${CODE_BUDGET_MS} ms` });
    expect(Date.now() - started).toBeLessThan(CODE_BUDGET_MS + 500);
  });

  it('a failing node: the review says what it could not read and stays ok', async () => {
    const r = await reviewRequest(personal, { now: Date.now, client: node(() => Promise.reject(new Error('connection refused'))) });
    expect(r.verdict).toBe('ok');
    expect(r.cards.find((c) => c.kind === 'account-code')?.note?.en).toMatch(/^Its code could not be read \(.*connection refused.*\)/);
  });

  it('runs alongside the other checks: one eth_getCode per review, none without an account', async () => {
    let reads = 0;
    const client = node(async () => (reads++, '0xef010089383882fc2d0cd4d7952a3267a3b6dae967e704'));
    const r = await reviewRequest(personal, { now: Date.now, client });
    expect(reads).toBe(1);
    expect(r.verdict).toBe('danger');
    expect(r.findings[0]).toMatchObject({ code: 'eip7702-delegated-account', severity: 'danger' });
    await reviewRequest({ ...personal, params: [stringToHex('hello')] }, { now: Date.now, client });
    expect(reads).toBe(1);
  });

  it('a wallet maker\'s own published implementation is named, not alarming: Coinbase Smart Wallet\'s EIP7702Proxy', async () => {
    const r = await reviewRequest(personal, { now: Date.now, client: node(async () => '0xef01007702cb554e6bfb442cb743a7df23154544a7176c') });
    expect(r.verdict).toBe('ok');
    expect(r.findings[0]).toMatchObject({ code: 'eip7702-delegated-account', severity: 'info' });
    expect(r.findings[0]!.title.en).toContain("Coinbase Smart Wallet's EIP7702Proxy");
  });

  it('a delegate on the scam list is danger even when it would otherwise not be', async () => {
    const client = node(async () => '0xef0100000000009b1d0af20d8c6d0a44e162d11f9b8f00');
    expect((await reviewRequest(personal, { now: Date.now, client })).verdict).toBe('ok');
    const listed = await reviewRequest(personal, { now: Date.now, client, scamAddresses: new Set(['0x000000009b1d0af20d8c6d0a44e162d11f9b8f00']) });
    expect(listed.verdict).toBe('danger');
    expect(listed.findings[0]!.detail!.en).toContain("It is on ScamSniffer's scam-address list.");
  });
});
