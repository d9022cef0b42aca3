import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headOf, nonceOf, type RpcRequest } from '../../core/chain/account-scan';
import { findSentTransaction } from '../../core/withdraw/sent-recovery';
import { startAnvil, type AnvilProcess } from '../../scripts/devnet/anvil';

let anvil: AnvilProcess;
let rpc: RpcRequest;
let from: string;

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, quiet: true });
  let id = 0;
  rpc = async (method, params) => {
    const res = await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(body.error.message);
    return body.result;
  };
  from = ((await rpc('eth_accounts', [])) as string[])[2]!;
}, 60_000);
afterAll(async () => {
  await anvil?.stop();
});

const ROUTER = '0x00000000000000000000000000000000000000a1';
const OTHER = '0x00000000000000000000000000000000000000a2';
/** The step's transaction: a swap-like call with calldata and value. */
const STEP = { to: ROUTER, data: '0x38ed1739' + '00'.repeat(31) + '2a', value: '0x10' };

async function send(tx: Record<string, string>): Promise<string> {
  const hash = (await rpc('eth_sendTransaction', [{ from, ...tx }])) as string;
  for (let i = 0; i < 500 && (await rpc('eth_getTransactionReceipt', [hash])) === null; i++) await new Promise((r) => setTimeout(r, 10));
  return hash;
}

describe('recovering a withdrawal step sent while its hash was lost (anvil)', () => {
  it('says "not sent" while the account has sent nothing since the step was prepared', async () => {
    const at = { fromBlock: (await headOf(rpc)) + 1, nonce: await nonceOf(rpc, from) };
    await rpc('anvil_mine', ['0x3']);
    expect(await findSentTransaction(rpc, { from, ...STEP, ...at })).toEqual({ kind: 'not-sent' });
  });

  it('finds the step\'s transaction by sender, recipient, calldata and value among others, with its hash and block', async () => {
    const at = { fromBlock: (await headOf(rpc)) + 1, nonce: await nonceOf(rpc, from) };
    await send({ to: OTHER, value: '0x1' }); // another transaction of the same account
    await send({ to: ROUTER, data: STEP.data, value: '0x11' }); // same call, other value: not it
    await rpc('anvil_mine', ['0x2']);
    const hash = await send({ ...STEP, gas: '0x30000' }); // the wallet adds gas fields: they do not matter
    const mined = (await rpc('eth_getTransactionReceipt', [hash])) as { blockNumber: string };
    const r = await findSentTransaction(rpc, { from: from.toUpperCase().replace('0X', '0x'), ...STEP, value: '16', ...at });
    expect(r).toEqual({ kind: 'found', hash, blockNumber: Number(BigInt(mined.blockNumber)) });
  });

  it('scans a bounded number of blocks per call and resumes where it stopped', async () => {
    const at = { fromBlock: (await headOf(rpc)) + 1, nonce: await nonceOf(rpc, from) };
    await send({ to: OTHER, value: '0x1' });
    await rpc('anvil_mine', ['0x5']);
    const hash = await send(STEP);
    const first = await findSentTransaction(rpc, { from, ...STEP, ...at }, { maxBlocks: 4 });
    expect(first).toEqual({ kind: 'not-found', scannedTo: at.fromBlock + 3 }); // not at the head yet: no nonce
    if (first.kind !== 'not-found') throw new Error('unreachable');
    const second = await findSentTransaction(rpc, { from, ...STEP, ...at, fromBlock: first.scannedTo + 1 }, { maxBlocks: 4 });
    expect(second).toMatchObject({ kind: 'found', hash });
  });

  it('reports "not found" up to the head when another transaction raised the nonce', async () => {
    const at = { fromBlock: (await headOf(rpc)) + 1, nonce: await nonceOf(rpc, from) };
    await send({ to: OTHER, value: '0x3' });
    const head = await headOf(rpc);
    const r = await findSentTransaction(rpc, { from, ...STEP, ...at });
    expect(r).toEqual({ kind: 'not-found', scannedTo: head, nonce: at.nonce + 1 });
    // Caught up: with the nonce it gave, nothing more is scanned until the account sends again.
    expect(await findSentTransaction(rpc, { from, ...STEP, fromBlock: head + 1, nonce: at.nonce + 1 })).toEqual({ kind: 'not-sent' });
  });
});
