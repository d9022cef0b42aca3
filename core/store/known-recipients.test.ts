import 'fake-indexeddb/auto'; // idb's wrap() checks instanceof against the IDB globals
import { IDBFactory } from 'fake-indexeddb';
import { encodeFunctionData, parseAbi } from 'viem';
import { describe, expect, it } from 'vitest';
import { openPreflightDb } from './db';
import { dealtWith, KnownRecipients, recipientsOf } from './known-recipients';

const abi = parseAbi(['function transfer(address to, uint256 amount)', 'function approve(address spender, uint256 amount)', 'function setApprovalForAll(address operator, bool approved)']);
const USER = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const PAYEE = '0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be';
const SPENDER = '0x1111111111111111111111111111111111111111';
const OPERATOR = '0x2222222222222222222222222222222222222222';
const send = (to: string, data?: `0x${string}`) => ({ method: 'eth_sendTransaction' as const, params: [{ from: USER, to, ...(data ? { data } : { value: '0x1' }) }], origin: 'https://a.example', chainId: 1 });

describe('known recipients: whom the user paid or let spend, as MetaMask reads the request', () => {
  it('a token transfer records its recipient (and the token) as paid, an approval its spender as approved, a batch every call', () => {
    expect(recipientsOf({ decision: 'continue', request: send(USDC, encodeFunctionData({ abi, functionName: 'transfer', args: [PAYEE, 1n] })) })).toEqual([USDC.toLowerCase(), PAYEE.toLowerCase()]);
    expect(dealtWith({ decision: 'continue', request: send(USDC, encodeFunctionData({ abi, functionName: 'approve', args: [SPENDER, 5n] })) })).toEqual({ paid: [USDC.toLowerCase()], approved: [SPENDER] });
    const batch = { method: 'wallet_sendCalls' as const, params: [{ version: '2.0.0', from: USER, chainId: '0x1', atomicRequired: true, calls: [{ to: USDC, data: encodeFunctionData({ abi, functionName: 'approve', args: [SPENDER, 5n] }) }, { to: '0xed5af388653567af2f388e6224dc7c4b3241c544', data: encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [OPERATOR, true] }) }] }], origin: 'https://a.example', chainId: 1 };
    expect(dealtWith({ decision: 'continue', request: batch })).toEqual({ paid: [USDC.toLowerCase(), '0xed5af388653567af2f388e6224dc7c4b3241c544'], approved: [SPENDER, OPERATOR] });
  });

  it('nothing from a rejected request, a signature, or a request MetaMask refuses', () => {
    expect(recipientsOf({ decision: 'reject', request: send(PAYEE) })).toEqual([]);
    expect(recipientsOf({ decision: 'continue', request: { method: 'personal_sign', params: ['0x68', USER], origin: 'https://a.example', chainId: 1 } })).toEqual([]);
    expect(recipientsOf({ decision: 'continue', request: { method: 'eth_sendTransaction', params: [{ from: USER, to: PAYEE, value: 1 }], origin: 'https://a.example', chainId: 1 } })).toEqual([]);
  });

  it('keeps them newest last, once each; spenders apart from recipients ("sent to before" keeps its meaning)', async () => {
    const db = await openPreflightDb(new IDBFactory());
    const known = new KnownRecipients(async () => db);
    await known.noteDecision({ decision: 'continue', request: send(PAYEE) });
    await known.noteDecision({ decision: 'continue', request: send(USDC, encodeFunctionData({ abi, functionName: 'transfer', args: [PAYEE, 1n] })) });
    await known.noteDecision({ decision: 'continue', request: send(USDC, encodeFunctionData({ abi, functionName: 'approve', args: [SPENDER, 5n] })) });
    expect(await known.list()).toEqual([PAYEE.toLowerCase(), USDC.toLowerCase()]);
    expect(await known.spenders()).toEqual([SPENDER]);
    expect(await new KnownRecipients(async () => db).spenders()).toEqual([SPENDER]);
  });
});
