import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBypass, continuedTx, emptyBypassState, watchContinued, type BypassState, type RpcRequest } from '../../core/review/bypass-watch';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';

let devnet: Devnet;
let rpc: RpcRequest;
let calls = 0;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, seed: 11, traffic: false, quiet: true });
  let id = 0;
  rpc = async (method, params) => {
    calls++;
    const res = await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
  };
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

const CHAIN = 31337;
const B = '0x00000000000000000000000000000000000000b0';
const C = '0x00000000000000000000000000000000000000c0';
/**
 * Sends straight to the node (the path Preflight's wrapper never sees) and returns once it is mined: anvil
 * answers eth_sendTransaction before its automined block is always visible, and a check in between would
 * read a head without it.
 */
async function send(tx: Record<string, string>): Promise<string> {
  const hash = (await rpc('eth_sendTransaction', [tx])) as string;
  for (let i = 0; i < 500 && (await rpc('eth_getTransactionReceipt', [hash])) === null; i++) await new Promise((r) => setTimeout(r, 10));
  return hash;
}
const mine = (n: number) => rpc('anvil_mine', [`0x${n.toString(16)}`]);

describe('bypass watcher on anvil', () => {
  it('a continued request that reaches the chain is accounted for; a transaction sent around Preflight is reported with its hash, once', async () => {
    const from = devnet.accounts[3]!;
    const reviewed = { from, to: B, value: '0x1' };
    let state: BypassState = await watchContinued(emptyBypassState(), CHAIN, continuedTx('k1', 'eth_sendTransaction', [reviewed], Date.now())!, rpc);
    // Nothing happened yet.
    let r = await checkBypass(state, () => rpc, { now: Date.now() });
    expect(r.found).toEqual([]);
    state = r.state;
    // The reviewed one goes through (MetaMask adds gas fields: they do not matter), and one goes around Preflight.
    await send({ ...reviewed, gas: '0x5208' });
    const around = await send({ from, to: C, value: '0x2' });
    r = await checkBypass(state, () => rpc, { now: Date.now() });
    expect(r.found).toHaveLength(1);
    expect(r.found[0]).toMatchObject({ chainId: CHAIN, account: from.toLowerCase(), count: 1, hash: around, to: C });
    expect(r.state.accounts[`${CHAIN}:${from.toLowerCase()}`]!.pending).toEqual([]);
    // Checked again: nothing new.
    const again = await checkBypass(r.state, () => rpc, { now: Date.now() });
    expect(again.found).toEqual([]);
    expect(again.state.events).toHaveLength(1);
  });

  it('a request the user rejected but that reached the chain anyway is reported; other accounts sending do not count', async () => {
    const from = devnet.accounts[4]!;
    let state = await watchContinued(emptyBypassState(), CHAIN, continuedTx('k2', 'eth_sendTransaction', [{ from, to: B, value: '0x5' }], Date.now())!, rpc);
    await send({ from: devnet.accounts[5]!, to: B, value: '0x7' }); // someone else
    const sneaked = await send({ from, to: B, value: '0x6', data: '0xdeadbeef' }); // same recipient, different request
    const r = await checkBypass(state, () => rpc, { now: Date.now() });
    expect(r.found.map((e) => e.hash)).toEqual([sneaked]);
    state = r.state;
    expect(state.accounts[`${CHAIN}:${from.toLowerCase()}`]!.pending).toHaveLength(1); // the continued one is still expected
  });

  it('beyond the scan window it counts: nonce rise minus continued requests', async () => {
    const from = devnet.accounts[6]!;
    const state = await watchContinued(emptyBypassState(), CHAIN, continuedTx('k3', 'eth_sendTransaction', [{ from, to: B, value: '0x1' }], Date.now())!, rpc);
    await send({ from, to: B, value: '0x1' });
    await send({ from, to: C, value: '0x1' });
    await send({ from, to: C, value: '0x2' });
    await mine(20);
    const before = calls;
    const r = await checkBypass(state, () => rpc, { now: Date.now(), maxBlocks: 5 });
    expect(calls - before).toBe(2); // head and nonce only, no block reads
    expect(r.found).toEqual([expect.objectContaining({ count: 2, account: from.toLowerCase() })]);
    expect(r.found[0]!.hash).toBeUndefined();
  });

  it('a node that does not answer loses nothing: the watch is kept for the next check', async () => {
    const from = devnet.accounts[7]!;
    const state = await watchContinued(emptyBypassState(), CHAIN, continuedTx('k4', 'eth_sendTransaction', [{ from, to: B, value: '0x1' }], Date.now())!, rpc);
    const dead: RpcRequest = async () => {
      throw new Error('connection refused');
    };
    const r = await checkBypass(state, () => dead, { now: Date.now() });
    expect(r.found).toEqual([]);
    expect(r.state.accounts).toEqual(state.accounts);
    const sneaked = await send({ from, to: C, value: '0x9' });
    const later = await checkBypass(r.state, () => rpc, { now: Date.now() });
    expect(later.found.map((e) => e.hash)).toEqual([sneaked]);
  });

  it('only eth_sendTransaction with a valid from is watched; stale continued requests expire', async () => {
    expect(continuedTx('k', 'personal_sign', ['0x68', B], 1)).toBeUndefined();
    expect(continuedTx('k', 'eth_sendTransaction', [{ to: B }], 1)).toBeUndefined();
    expect(continuedTx('k', 'eth_sendTransaction', [{ from: 'nope', to: B }], 1)).toBeUndefined();
    const from = devnet.accounts[8]!;
    const state = await watchContinued(emptyBypassState(), CHAIN, continuedTx('k5', 'eth_sendTransaction', [{ from, to: B }], 0)!, rpc);
    const r = await checkBypass(state, () => rpc, { now: 25 * 3_600_000 });
    expect(r.state.accounts[`${CHAIN}:${from.toLowerCase()}`]!.pending).toEqual([]);
  });
});
