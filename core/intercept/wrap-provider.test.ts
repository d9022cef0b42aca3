import { describe, expect, it } from 'vitest';
import { applyFees, wrapProvider, type Eip1193Like, type Verdict } from './wrap-provider';

function fakeWallet() {
  const calls: { via: string; method: string; params: unknown }[] = [];
  const provider = {
    isMetaMask: true,
    async request(args: { method: string; params?: unknown }) {
      calls.push({ via: 'request', method: args.method, params: args.params });
      return `result:${args.method}`;
    },
    sendAsync(payload: { id: number; method: string; params?: unknown }, cb: (e: unknown, r?: unknown) => void) {
      calls.push({ via: 'sendAsync', method: payload.method, params: payload.params });
      cb(null, { id: payload.id, jsonrpc: '2.0', result: `result:${payload.method}` });
    },
    send(...args: unknown[]) {
      const [first, second] = args;
      if (typeof first === 'string') {
        calls.push({ via: 'send', method: first, params: second });
        return Promise.resolve(`result:${first}`);
      }
      const p = first as { id: number; method: string; params?: unknown };
      calls.push({ via: 'send-cb', method: p.method, params: p.params });
      (second as (e: unknown, r?: unknown) => void)(null, { id: p.id, result: `result:${p.method}` });
      return undefined;
    },
  };
  return { provider, calls };
}

function hooksAnswering(verdict: Verdict) {
  const seen: string[] = [];
  const settled: [string, boolean][] = [];
  return {
    seen,
    settled,
    hooks: {
      review: async (method: string) => (seen.push(method), verdict),
      settled: (ticket: string, ok: boolean) => void settled.push([ticket, ok]),
    },
  };
}

describe('wrapProvider', () => {
  it('passes unreviewed methods straight through without asking', async () => {
    const { provider, calls } = fakeWallet();
    const h = hooksAnswering({ decision: 'reject' });
    wrapProvider(provider as Eip1193Like, h.hooks);
    expect(await provider.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('result:eth_getBalance');
    expect(h.seen).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('forwards a reviewed request only after Continue, and reports when the wallet answered', async () => {
    const { provider, calls } = fakeWallet();
    const h = hooksAnswering({ decision: 'continue', ticket: 't1' });
    wrapProvider(provider as Eip1193Like, h.hooks);
    const params = [{ from: '0x1', to: '0x2' }];
    expect(await provider.request({ method: 'eth_sendTransaction', params })).toBe('result:eth_sendTransaction');
    expect(calls).toEqual([{ via: 'request', method: 'eth_sendTransaction', params }]);
    await Promise.resolve();
    expect(h.settled).toEqual([['t1', true]]);
  });

  it('Reject answers 4001 and never reaches the wallet', async () => {
    const { provider, calls } = fakeWallet();
    wrapProvider(provider as Eip1193Like, hooksAnswering({ decision: 'reject' }).hooks);
    await expect(provider.request({ method: 'personal_sign', params: ['0x68', '0x1'] })).rejects.toMatchObject({ code: 4001 });
    expect(calls).toEqual([]);
  });

  it('keeps legacy send/sendAsync callbacks working, reviewed or not', async () => {
    const { provider, calls } = fakeWallet();
    const h = hooksAnswering({ decision: 'reject' });
    wrapProvider(provider as Eip1193Like, h.hooks);
    const viaCb = (fn: (cb: (e: unknown, r?: unknown) => void) => void) => new Promise<[unknown, unknown]>((res) => fn((e, r) => res([e, r])));
    const [e1, r1] = await viaCb((cb) => provider.sendAsync({ id: 1, method: 'eth_chainId' }, cb));
    expect(e1).toBeNull();
    expect(r1).toMatchObject({ result: 'result:eth_chainId' });
    const [e2, r2] = await viaCb((cb) => provider.sendAsync({ id: 2, method: 'eth_sign', params: ['0x1', '0xab'] }, cb));
    expect(e2).toMatchObject({ code: 4001 });
    expect(r2).toMatchObject({ id: 2, error: { code: 4001 } });
    const [e3] = await viaCb((cb) => provider.send({ id: 3, method: 'personal_sign', params: [] }, cb));
    expect(e3).toMatchObject({ code: 4001 });
    await expect(provider.send('eth_sendTransaction', [{}]) as Promise<unknown>).rejects.toMatchObject({ code: 4001 });
    expect(await provider.send('eth_accounts', [])).toBe('result:eth_accounts');
    expect(calls.map((c) => c.method)).toEqual(['eth_chainId', 'eth_accounts']);
    expect(h.seen).toEqual(['eth_sign', 'personal_sign', 'eth_sendTransaction']);
  });

  it('a wallet whose sendAsync calls its own request() is reviewed once, not twice', async () => {
    const calls: string[] = [];
    const wallet: Eip1193Like & { sendAsync: NonNullable<Eip1193Like['sendAsync']> } = {
      async request(args) {
        calls.push(args.method);
        return 'sig';
      },
      sendAsync(payload, cb) {
        const p = payload as { id: number; method: string; params: unknown };
        wallet.request!({ method: p.method, params: p.params }).then((result) => cb(null, { id: p.id, result }), (e: unknown) => cb(e));
      },
    };
    const h = hooksAnswering({ decision: 'continue' });
    wrapProvider(wallet, h.hooks);
    const response = await new Promise((res) => wallet.sendAsync({ id: 1, method: 'personal_sign', params: ['0x68', '0x1'] }, (_e, r) => res(r)));
    expect(response).toMatchObject({ result: 'sig' });
    expect(h.seen).toEqual(['personal_sign']);
    expect(calls).toEqual(['personal_sign']);
  });

  it('says the page used the wallet on each call the page makes (any method, any entry point), never on a forward', async () => {
    const { provider } = fakeWallet();
    let used = 0;
    const h = hooksAnswering({ decision: 'continue' });
    wrapProvider(provider as Eip1193Like, { ...h.hooks, used: () => void used++ });
    expect(used).toBe(0);
    await provider.request({ method: 'eth_chainId' });
    expect(used).toBe(1);
    await new Promise((res) => provider.sendAsync({ id: 1, method: 'eth_accounts' }, res));
    await provider.send('eth_blockNumber');
    expect(used).toBe(3);
    // A reviewed request counts once: the wallet's own inner calls while it is forwarded do not.
    await provider.request({ method: 'personal_sign', params: ['0x68', '0x1'] });
    expect(used).toBe(4);
  });

  it('applies the recommended fees only when chosen, dropping a legacy gasPrice', () => {
    const params = [{ to: '0x2', gasPrice: '0x1' }];
    expect(applyFees('eth_sendTransaction', params, undefined)).toBe(params);
    expect(applyFees('eth_sendTransaction', params, { maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x2' })).toEqual([{ to: '0x2', maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x2' }]);
    expect(applyFees('personal_sign', params, { maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x2' })).toBe(params);
  });

  it('reports a frozen provider as unwrappable instead of throwing', () => {
    const { provider } = fakeWallet();
    Object.freeze(provider);
    expect(wrapProvider(provider as Eip1193Like, hooksAnswering({ decision: 'continue' }).hooks)).toBe(false);
  });
});
