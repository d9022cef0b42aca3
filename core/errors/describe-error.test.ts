import { createPublicClient, http } from 'viem';
import { describe, expect, it } from 'vitest';
import { describeError, technicalDetail } from './describe-error';

/** What viem 2 says when a node does not answer (captured from viem@2.57 against a closed port). */
const VIEM_HTTP = 'HttpRequestError: HTTP request failed.\n\nURL: https://mainnet.infura.io/v3/SECRETKEY\nRequest body: {"method":"eth_feeHistory","params":["0x5","latest",[10]]}\n\nDetails: fetch failed\nVersion: viem@2.57.20';

describe('describeError', () => {
  it("a node that does not answer: rpc-unreachable; no request body, API key or version on screen", () => {
    const d = describeError(`BackgroundError: ${VIEM_HTTP}`);
    expect(d.kind).toBe('rpc-unreachable');
    expect(d.names).toEqual(['BackgroundError', 'HttpRequestError']);
    expect(d.detail).toContain('HTTP request failed.');
    expect(d.detail).toContain('Details: fetch failed');
    expect(d.detail).toContain('https://mainnet.infura.io/…');
    for (const secret of ['SECRETKEY', 'eth_feeHistory', 'Request body', 'viem@']) expect(d.detail).not.toContain(secret);
  });

  it('the real viem error from a closed port classifies and cleans the same way', async () => {
    const client = createPublicClient({ transport: http('http://127.0.0.1:9/v3/KEY123', { retryCount: 0 }) });
    const error = await client.getBlockNumber().then(() => undefined, (e: unknown) => e);
    const d = describeError(error);
    expect(d.kind).toBe('rpc-unreachable');
    expect(d.detail).not.toMatch(/KEY123|eth_blockNumber|Request body|viem@/);
  });

  it('stack traces never reach the detail', () => {
    const e = new TypeError('boom');
    e.stack = 'TypeError: boom\n    at f (chrome-extension://abc/background.js:1:2)\n    at g (chrome-extension://abc/background.js:3:4)';
    expect(technicalDetail(`${e.name}: ${e.message}\n${e.stack}`)).not.toContain('background.js');
    expect(describeError(e).kind).toBe('unknown');
  });

  it("Preflight's own errors keep their sentence", () => {
    const d = describeError('BackgroundError: WithdrawInputError: this needs 70.0000 WETH but the wallet holds 50.0000');
    expect(d).toMatchObject({ kind: 'stated', message: 'This needs 70.0000 WETH but the wallet holds 50.0000' });
  });

  it('kinds by name and by text', () => {
    expect(describeError('NoGasRpcError: No RPC for chain 10: add one in Settings.').kind).toBe('no-rpc');
    expect(describeError('InsufficientHistoryError: need 3 blocks').kind).toBe('history');
    expect(describeError('WrongChainError: the RPC answers as chain 1, not 137').kind).toBe('rpc-wrong-chain');
    expect(describeError('MethodNotFoundRpcError: The method "eth_feeHistory" does not exist / is not available.').kind).toBe('rpc-unsupported');
    expect(describeError('HttpRequestError: HTTP request failed.\n\nStatus: 429').kind).toBe('rpc-rate-limited');
    expect(describeError('Error: Could not establish connection. Receiving end does not exist.').kind).toBe('background');
    expect(describeError('QuotaExceededError: The quota has been exceeded.').kind).toBe('storage-full');
    expect(describeError({ code: 4001 }).kind).toBe('unknown');
    expect(describeError('UserRejectedRequestError: User rejected the request.').kind).toBe('rejected');
  });

  it("MetaMask's own errors keep their sentence, though they say 'did not answer'", () => {
    const d = describeError('BackgroundError: MetaMaskNotFoundError: MetaMask did not answer (tried 5 extension ids). Install or enable MetaMask, or enter its extension id in Settings → MetaMask.');
    expect(d.kind).toBe('stated');
    expect(d.message).toMatch(/^MetaMask did not answer/);
  });

  it('an inlined JSON-RPC body is dropped', () => {
    expect(technicalDetail('RpcError: bad answer to {"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{"to":"0x1"}]}')).toBe('RpcError: bad answer to {…}');
  });
});
