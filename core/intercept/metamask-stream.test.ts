import { describe, expect, it } from 'vitest';
import { chainIdOfScope, classifyPortMessage, classifyStreamMessage, isContentScriptHandshake, portRejection, rejectionMessage, withParams } from './metamask-stream';

const ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const provider = (data: unknown) => ({ target: 'metamask-contentscript', data: { name: 'metamask-provider', data } });
const legacy = (data: unknown) => ({ target: 'contentscript', data: { name: 'provider', data } });
const multichain = (data: unknown) => ({ target: 'metamask-contentscript', data: { name: 'metamask-multichain-provider', data } });

describe('classifyStreamMessage', () => {
  it('finds a personal_sign posted straight to MetaMask’s provider stream', () => {
    const m = classifyStreamMessage(provider({ jsonrpc: '2.0', id: 7, method: 'personal_sign', params: ['0x68690a', ACCOUNT] }));
    expect(m).toEqual({ kind: 'provider', batch: false, ids: [7], reviewed: [{ id: 7, method: 'personal_sign', params: ['0x68690a', ACCOUNT], chainId: null, index: 0 }] });
  });

  it('finds transactions and typed data on the legacy stream too', () => {
    const tx = classifyStreamMessage(legacy({ jsonrpc: '2.0', id: 'a', method: 'eth_sendTransaction', params: [{ from: ACCOUNT, to: ACCOUNT, value: '0x1' }] }));
    expect(tx?.kind).toBe('legacy-provider');
    expect(tx?.reviewed.map((r) => r.method)).toEqual(['eth_sendTransaction']);
    const typed = classifyStreamMessage(provider({ id: 1, method: 'eth_signTypedData_v4', params: [ACCOUNT, '{}'] }));
    expect(typed?.reviewed.map((r) => r.method)).toEqual(['eth_signTypedData_v4']);
  });

  it('finds the reviewed requests inside a batch and keeps every id for the answer', () => {
    const m = classifyStreamMessage(provider([{ id: 1, method: 'eth_chainId' }, { id: 2, method: 'personal_sign', params: ['0x00', ACCOUNT] }, { id: 3, method: 'eth_sign', params: [ACCOUNT, '0x00'] }]));
    expect(m?.batch).toBe(true);
    expect(m?.ids).toEqual([1, 2, 3]);
    expect(m?.reviewed.map((r) => [r.method, r.index])).toEqual([['personal_sign', 1], ['eth_sign', 2]]);
  });

  it('finds a signing request wrapped in a multichain wallet_invokeMethod, with the chain from its scope', () => {
    const m = classifyStreamMessage(multichain({ id: 9, method: 'wallet_invokeMethod', params: { scope: 'eip155:137', request: { method: 'eth_sendTransaction', params: [{ to: ACCOUNT }] } } }));
    expect(m?.kind).toBe('multichain');
    expect(m?.reviewed).toEqual([{ id: 9, method: 'eth_sendTransaction', params: [{ to: ACCOUNT }], chainId: '0x89', index: 0 }]);
  });

  it('raises nothing for reads, events, connects, subscriptions and other namespaces (no false alarm)', () => {
    const noise = [
      provider({ id: 1, method: 'eth_requestAccounts' }),
      provider({ id: 2, method: 'eth_subscribe', params: ['newHeads'] }),
      provider({ id: 3, method: 'eth_call', params: [{ to: ACCOUNT, data: '0x' }, 'latest'] }),
      provider({ id: 4, method: 'metamask_getProviderState' }),
      provider({ jsonrpc: '2.0', method: 'metamask_chainChanged', params: { chainId: '0x1' } }),
      multichain({ id: 5, method: 'wallet_createSession', params: { optionalScopes: {} } }),
      multichain({ id: 6, method: 'wallet_invokeMethod', params: { scope: 'eip155:1', request: { method: 'eth_getBalance', params: [] } } }),
      multichain({ id: 7, method: 'wallet_invokeMethod', params: { scope: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp', request: { method: 'personal_sign', params: [] } } }),
    ];
    for (const n of noise) expect(classifyStreamMessage(n)?.reviewed ?? []).toEqual([]);
  });

  it('is not fooled by near misses: another target, another substream, a method name that only looks alike', () => {
    expect(classifyStreamMessage({ target: 'metamask-inpage', data: { name: 'metamask-provider', data: { id: 1, method: 'personal_sign' } } })).toBeUndefined();
    expect(classifyStreamMessage({ target: 'metamask-contentscript', data: { name: 'publicConfig', data: { id: 1, method: 'personal_sign' } } })).toBeUndefined();
    expect(classifyStreamMessage({ target: 'contentscript', data: 'ACK' })).toBeUndefined();
    expect(classifyStreamMessage(provider({ id: 1, method: 'personal_sign ' }))?.reviewed).toEqual([]);
    expect(classifyStreamMessage(provider({ id: 1, method: 'toString' }))?.reviewed).toEqual([]);
    expect(classifyStreamMessage(null)).toBeUndefined();
    expect(classifyStreamMessage('personal_sign')).toBeUndefined();
  });
});

describe('answers in MetaMask’s shape', () => {
  it('rejects a single request with 4001 on the stream it came from', () => {
    expect(rejectionMessage(classifyStreamMessage(provider({ id: 7, method: 'personal_sign', params: [] }))!)).toEqual({
      target: 'metamask-inpage',
      data: { name: 'metamask-provider', data: { jsonrpc: '2.0', id: 7, error: { code: 4001, message: 'User rejected the request.' } } },
    });
    expect(rejectionMessage(classifyStreamMessage(legacy({ id: 'x', method: 'eth_sign', params: [] }))!).target).toBe('inpage');
  });

  it('rejects every request of a batch, as an array', () => {
    const answer = rejectionMessage(classifyStreamMessage(provider([{ id: 1, method: 'eth_chainId' }, { id: 2, method: 'personal_sign' }]))!);
    expect(answer.data.data).toEqual([1, 2].map((id) => ({ jsonrpc: '2.0', id, error: { code: 4001, message: 'User rejected the request.' } })));
  });

  it('replaces one request’s params (fees chosen in the panel) and leaves the rest alone', () => {
    const batch = provider([{ id: 1, method: 'eth_chainId' }, { id: 2, method: 'eth_sendTransaction', params: [{ to: ACCOUNT }] }]);
    expect(withParams(batch, 'provider', 1, [{ to: ACCOUNT, maxFeePerGas: '0x1' }])).toEqual(provider([{ id: 1, method: 'eth_chainId' }, { id: 2, method: 'eth_sendTransaction', params: [{ to: ACCOUNT, maxFeePerGas: '0x1' }] }]));
    const caip = multichain({ id: 3, method: 'wallet_invokeMethod', params: { scope: 'eip155:1', request: { method: 'eth_sendTransaction', params: [{}] } } });
    expect(withParams(caip, 'multichain', 0, [{ maxFeePerGas: '0x2' }])).toEqual(multichain({ id: 3, method: 'wallet_invokeMethod', params: { scope: 'eip155:1', request: { method: 'eth_sendTransaction', params: [{ maxFeePerGas: '0x2' }] } } }));
  });
});

describe('stream details', () => {
  it('reads the chain of a CAIP scope', () => {
    expect(chainIdOfScope('eip155:1')).toBe('0x1');
    expect(chainIdOfScope('eip155:31337')).toBe('0x7a69');
    expect(chainIdOfScope('eip155:01')).toBeNull();
    expect(chainIdOfScope('wallet:eip155')).toBeNull();
    expect(chainIdOfScope(undefined)).toBeNull();
  });

  it('recognises the handshake MetaMask’s content script posts when it starts, and only that', () => {
    expect(isContentScriptHandshake({ target: 'metamask-inpage', data: 'SYN' })).toBe(true);
    expect(isContentScriptHandshake({ target: 'inpage', data: 'SYN' })).toBe(true);
    expect(isContentScriptHandshake({ target: 'metamask-contentscript', data: 'SYN' })).toBe(false); // the inpage's, not the content script's
    expect(isContentScriptHandshake({ target: 'metamask-inpage', data: 'ACK' })).toBe(false);
  });
});

describe('MetaMask’s multichain API over chrome.runtime.connect (classified in the page’s own world)', () => {
  const invoke = (id: number, method: string, scope = 'eip155:1') => ({ type: 'caip-348', data: { jsonrpc: '2.0', id, method: 'wallet_invokeMethod', params: { scope, request: { method, params: ['0x00', ACCOUNT] } } } });

  it('finds a reviewed wallet_invokeMethod and answers a rejection on the port in MetaMask’s shape', () => {
    const m = classifyPortMessage(invoke(4, 'personal_sign'));
    expect(m?.reviewed.map((r) => [r.method, r.chainId])).toEqual([['personal_sign', '0x1']]);
    expect(portRejection(m!)).toEqual({ type: 'caip-348', data: { jsonrpc: '2.0', id: 4, error: { code: 4001, message: 'User rejected the request.' } } });
    expect(classifyPortMessage({ type: 'caip-348', data: { id: 5, method: 'wallet_getSession' } })?.reviewed).toEqual([]);
    expect(classifyPortMessage({ type: 'other', data: invoke(6, 'personal_sign').data })).toBeUndefined();
  });

  it('a page that patched built-ins after load cannot make a signing request look unreviewed', () => {
    const saved = {
      push: Array.prototype.push,
      map: Array.prototype.map,
      iterator: Array.prototype[Symbol.iterator],
      startsWith: String.prototype.startsWith,
      indexOf: String.prototype.indexOf,
      exec: RegExp.prototype.exec,
      isArray: Array.isArray,
    };
    try {
      Array.prototype.push = () => 0;
      Array.prototype.map = () => [];
      Array.prototype[Symbol.iterator] = function* () {} as unknown as typeof saved.iterator;
      String.prototype.startsWith = () => false;
      String.prototype.indexOf = () => -1;
      RegExp.prototype.exec = () => null;
      Array.isArray = ((_: unknown) => false) as unknown as typeof Array.isArray;
      Object.defineProperty(Array.prototype, '0', { set() {}, configurable: true });
      const m = classifyPortMessage(invoke(7, 'eth_sendTransaction', 'eip155:137'));
      expect(m?.reviewed.length).toBe(1);
      expect(m?.reviewed[0]?.method).toBe('eth_sendTransaction');
      expect(m?.reviewed[0]?.chainId).toBe('0x89');
      const batch = classifyPortMessage({ type: 'caip-348', data: [invoke(8, 'personal_sign').data] });
      expect(batch?.reviewed.length).toBe(1);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)['0'];
      Array.prototype.push = saved.push;
      Array.prototype.map = saved.map;
      Array.prototype[Symbol.iterator] = saved.iterator;
      String.prototype.startsWith = saved.startsWith;
      String.prototype.indexOf = saved.indexOf;
      RegExp.prototype.exec = saved.exec;
      Array.isArray = saved.isArray;
    }
  });
});
