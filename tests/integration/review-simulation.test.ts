import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createPublicClient, createWalletClient, custom, encodeFunctionData, http, parseEther, type Abi, type Address, type Hex, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRequest } from '../../core/review/engine';
import type { SigningRequest } from '../../core/review/types';
import { ANVIL_KEYS, startAnvilBinary, type Anvil } from './anvil-binary';

const require = createRequire(import.meta.url);
const ERC20 = JSON.parse(readFileSync(require.resolve('@uniswap/v2-core/build/ERC20.json'), 'utf8')) as { abi: Abi; bytecode: string };
const alice = privateKeyToAccount(ANVIL_KEYS.alice);
const bob = privateKeyToAccount(ANVIL_KEYS.bob);
const ORIGIN = 'http://localhost:5173';

let anvil: Anvil;
let client: PublicClient;
let token: Address;
let spenderContract: Address;

async function deployToken(supply: bigint): Promise<Address> {
  const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(anvil.url) });
  const hash = await wallet.deployContract({ abi: ERC20.abi, bytecode: `0x${ERC20.bytecode.replace(/^0x/, '')}` as Hex, args: [supply] });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  return receipt.contractAddress!;
}

const call = (functionName: 'transfer' | 'approve', args: readonly unknown[]) => encodeFunctionData({ abi: ERC20.abi, functionName, args });
const send = (tx: Record<string, unknown>): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: alice.address, ...tx }], origin: ORIGIN, chainId: 31337 });
const review = (req: SigningRequest, c: PublicClient = client) => reviewRequest(req, { client: c, now: () => Date.now() }, { timeoutMs: 10_000 });

beforeAll(async () => {
  anvil = await startAnvilBinary();
  client = createPublicClient({ chain: foundry, transport: http(anvil.url) }) as PublicClient;
  token = await deployToken(10n ** 24n);
  spenderContract = await deployToken(1n);
}, 30_000);
afterAll(async () => anvil?.stop());

describe('review with eth_simulateV1 on a real anvil', () => {
  it('a token transfer: you send 100 UNI-V2', async () => {
    const r = await review(send({ to: token, data: call('transfer', [bob.address, parseEther('100')]) }));
    expect(r.verdict).toBe('ok');
    expect(r.assetChanges).toEqual([{ direction: 'out', asset: token.toLowerCase(), standard: 'erc20', symbol: 'UNI-V2', amount: '100' }]);
    expect(r.findings.find((f) => f.code === 'asset-changes')!.title.en).toBe('You send 100 UNI-V2; you receive nothing');
  });

  it('an ETH transfer: you send 1.5 ETH (native value traced from 0xeeee…)', async () => {
    const r = await review(send({ to: bob.address, value: `0x${parseEther('1.5').toString(16)}` }));
    expect(r.verdict).toBe('ok');
    expect(r.assetChanges).toEqual([{ direction: 'out', asset: 'native', standard: 'native', symbol: 'ETH', amount: '1.5' }]);
  });

  it('tiny amounts keep full precision (1 wei)', async () => {
    const r = await review({ method: 'eth_sendTransaction', params: [{ from: bob.address, to: alice.address, value: '0x1' }], origin: ORIGIN, chainId: 31337 });
    expect(r.assetChanges?.[0]).toMatchObject({ direction: 'out', amount: '0.000000000000000001' });
  });

  it('a revert: simulation-revert with the decoded reason', async () => {
    const r = await review({ method: 'eth_sendTransaction', params: [{ from: bob.address, to: token, data: call('transfer', [alice.address, 1n]) }], origin: ORIGIN, chainId: 31337 });
    expect(r.verdict).toBe('caution');
    const f = r.findings.find((x) => x.code === 'simulation-revert')!;
    expect(f.severity).toBe('warn');
    expect(f.title.en).toContain('ds-math-sub-underflow');
  });

  it('wallet_sendCalls is simulated as one sequence: the second call sees the first', async () => {
    const batch = (amounts: bigint[]): SigningRequest => ({
      method: 'wallet_sendCalls',
      params: [{ version: '2.0.0', from: alice.address, chainId: '0x7a69', atomicRequired: true, calls: amounts.map((a) => ({ to: token, data: call('transfer', [bob.address, a]) })) }],
      origin: ORIGIN,
      chainId: 31337,
    });
    const ok = await review(batch([parseEther('1'), parseEther('2')]));
    expect(ok.assetChanges).toEqual([{ direction: 'out', asset: token.toLowerCase(), standard: 'erc20', symbol: 'UNI-V2', amount: '3' }]);
    const all = await client.readContract({ address: token, abi: ERC20.abi, functionName: 'balanceOf', args: [alice.address] });
    const failing = await review(batch([all as bigint, 1n]));
    expect(failing.findings.find((f) => f.code === 'simulation-revert')!.title.en).toMatch(/at call 2 \(send < 0\.000001 UNI-V2 to 0x[0-9a-f]{4}…[0-9a-f]{4}\): ds-math-sub-underflow/);
  });

  it('approving a contract deployed minutes ago is a caution; approving an EOA is danger (real eth_getCode history)', async () => {
    const fresh = await review(send({ to: token, data: call('approve', [spenderContract, 1000n]) }));
    expect(fresh.findings.find((f) => f.code === 'new-spender-contract')).toMatchObject({ severity: 'warn' });
    expect(fresh.findings.find((f) => f.code === 'new-spender-contract')!.title.en).toMatch(/deployed only \d+ minutes? ago/);
    expect(fresh.findings.map((f) => f.code)).not.toContain('approval-to-eoa');
    const eoa = await review(send({ to: token, data: call('approve', [bob.address, 1000n]) }));
    expect(eoa.verdict).toBe('danger');
  });

  it('sending almost the whole ETH balance is drains-native-balance', async () => {
    const balance = await client.getBalance({ address: bob.address });
    const fee = 2_000_000_000n;
    const r = await review({ method: 'eth_sendTransaction', params: [{ from: bob.address, to: alice.address, value: `0x${(balance - 21_000n * fee - 1000n).toString(16)}`, gas: '0x5208', maxFeePerGas: `0x${fee.toString(16)}` }], origin: ORIGIN, chainId: 31337 });
    expect(r.findings.map((f) => f.code)).toContain('drains-native-balance');
    expect(r.verdict).toBe('caution');
  });

  it('an RPC without eth_simulateV1 falls back to eth_call and says the asset list is unavailable', async () => {
    const inner = http(anvil.url)({ chain: foundry });
    const limited = createPublicClient({
      chain: foundry,
      transport: custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          if (method === 'eth_simulateV1') throw Object.assign(new Error('the method eth_simulateV1 does not exist/is not available'), { code: -32601 });
          return inner.request({ method, params } as Parameters<typeof inner.request>[0]);
        },
      }),
    }) as PublicClient;
    const ok = await review(send({ to: token, data: call('transfer', [bob.address, 5n]) }), limited);
    expect(ok.assetChanges).toBeUndefined();
    expect(ok.findings.find((f) => f.code === 'asset-changes')!.title.en).toContain('does not support eth_simulateV1');
    const bad = await review({ method: 'eth_sendTransaction', params: [{ from: bob.address, to: token, data: call('transfer', [alice.address, 10n ** 30n]) }], origin: ORIGIN, chainId: 31337 }, limited);
    expect(bad.findings.find((f) => f.code === 'simulation-revert')!.title.en).toContain('ds-math-sub-underflow');
  });
});
