/**
 * `npx vitest bench --run core/review/review.bench.ts`
 * Per-request cost of all local checks (every analyzer, no RPC) over the fixture table, against a
 * trivial baseline in the same run, and of a full review with eth_simulateV1 against a real anvil.
 * vitest prints mean/p75/p99; the p95 of each case is printed at the end ("p95 …").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createPublicClient, createWalletClient, encodeFunctionData, http, parseEther, type Abi, type Address, type Hex, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { ANVIL_KEYS, startAnvilBinary, type Anvil } from '../../tests/integration/anvil-binary';
import { createTokenCache } from '../chain/token';
import { reviewRequest } from './engine';
import { APPROVAL_FIXTURES } from './fixtures/approvals';
import { NOW_MS } from './fixtures/build';
import { CHAIN_FIXTURES } from './fixtures/chains';
import { MESSAGE_FIXTURES } from './fixtures/messages';
import { ORDER_FIXTURES } from './fixtures/orders';
import { PERMIT_FIXTURES } from './fixtures/permits';
import { TRANSFER_FIXTURES } from './fixtures/transfers';
import type { SigningRequest } from './types';
import { SAFE_FIXTURES } from './fixtures/safe';
import { createClients } from '../../scripts/devnet/chain';
import { deploySafe, type SafeDeployment } from '../../scripts/devnet/deploy-safe';

const REQUESTS = [...APPROVAL_FIXTURES, ...PERMIT_FIXTURES, ...ORDER_FIXTURES, ...MESSAGE_FIXTURES, ...TRANSFER_FIXTURES, ...CHAIN_FIXTURES].map((f) => ({ request: f.request, deps: f.deps }));
const samples: Record<string, number[]> = {};
function timed(name: string, fn: () => Promise<unknown> | unknown): () => Promise<void> {
  const list: number[] = (samples[name] = []);
  return async () => {
    const t0 = performance.now();
    await fn();
    list.push(performance.now() - t0);
  };
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN;
}

let i = 0;
const next = () => REQUESTS[i++ % REQUESTS.length]!;
let unique = 0;

let anvil: Anvil | undefined;
let client: PublicClient;
let token: Address;
const alice = privateKeyToAccount(ANVIL_KEYS.alice);
const bob = privateKeyToAccount(ANVIL_KEYS.bob);
let tokenCache: ReturnType<typeof createTokenCache>;
let safe: SafeDeployment;

beforeAll(async () => {
  anvil = await startAnvilBinary();
  client = createPublicClient({ chain: foundry, transport: http(anvil.url) }) as PublicClient;
  tokenCache = createTokenCache(client);
  const require = createRequire(import.meta.url);
  const erc20 = JSON.parse(readFileSync(require.resolve('@uniswap/v2-core/build/ERC20.json'), 'utf8')) as { abi: Abi; bytecode: string };
  const wallet = createWalletClient({ account: alice, chain: foundry, transport: http(anvil.url) });
  const hash = await wallet.deployContract({ abi: erc20.abi, bytecode: `0x${erc20.bytecode.replace(/^0x/, '')}` as Hex, args: [10n ** 24n] });
  token = (await client.waitForTransactionReceipt({ hash, pollingInterval: 20 })).contractAddress!;
  safe = await deploySafe(createClients(anvil.url), bob.address, [alice.address, bob.address, '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'], 2);
}, 30_000);

afterAll(async () => {
  await anvil?.stop();
  const rows = Object.entries(samples).map(([name, v]) => `p95 ${name}: ${p95(v).toFixed(3)} ms over ${v.length} requests`);
  process.stdout.write(`\n${rows.join('\n')}\n`);
});

describe('review: all local checks per request (no RPC)', () => {
  bench('baseline: JSON round-trip of the request', timed('baseline', () => JSON.parse(JSON.stringify(next().request)) as unknown), { time: 1_500 });
  bench(`all local checks, fixture table (${REQUESTS.length} requests)`, timed('local', () => { const f = next(); return reviewRequest(f.request, { now: () => NOW_MS, ...f.deps }); }), { time: 3_000 });
  bench(
    'all local checks, a new origin every time (uncached phishing fuzzy scan)',
    timed('local-new-origin', () => { const f = next(); return reviewRequest({ ...f.request, origin: `https://site-${unique++}.example` }, { now: () => NOW_MS, ...f.deps }); }),
    { time: 3_000 },
  );
});

describe('review with eth_simulateV1 against anvil', () => {
  const transfer = (): SigningRequest => ({
    method: 'eth_sendTransaction',
    params: [{ from: alice.address, to: token, data: encodeFunctionData({ abi: [{ type: 'function', name: 'transfer', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [{ type: 'bool' }] }], functionName: 'transfer', args: [bob.address, parseEther('1')] }) }],
    origin: 'http://localhost:5173',
    chainId: 31337,
  });
  const ethSend = (): SigningRequest => ({ method: 'eth_sendTransaction', params: [{ from: alice.address, to: bob.address, value: '0xde0b6b3a7640000' }], origin: 'http://localhost:5173', chainId: 31337 });
  bench('token transfer: simulation + every check (token cache warm)', timed('anvil-token-transfer', () => reviewRequest(transfer(), { client, token: tokenCache, now: () => Date.now() })), { time: 3_000 });
  bench('ETH transfer: simulation + balance + every check', timed('anvil-eth-transfer', () => reviewRequest(ethSend(), { client, token: tokenCache, now: () => Date.now() })), { time: 3_000 });
  const signIn = (): SigningRequest => ({ method: 'personal_sign', params: ['0x48656c6c6f', alice.address], origin: 'http://localhost:5173', chainId: 31337 });
  bench('personal_sign: the signer\'s code read (EIP-7702) + every check', timed('anvil-personal-sign', () => reviewRequest(signIn(), { client, token: tokenCache, now: () => Date.now() })), { time: 3_000 });
});

describe('Safe transactions (issue 21)', () => {
  const SAFE_REQUESTS = SAFE_FIXTURES.filter((f) => !f.chain).map((f) => f.request);
  let k = 0;
  bench(`SafeTx / SafeMessage fixtures, every local check (${SAFE_REQUESTS.length} requests, no RPC)`, timed('safe-local', () => reviewRequest(SAFE_REQUESTS[k++ % SAFE_REQUESTS.length]!, { now: () => NOW_MS })), { time: 3_000 });
  // addOwnerWithThreshold on the real Safe 1.4.1: getOwners, getThreshold, nonce, VERSION read in parallel, then before → after.
  const addOwner = (): SigningRequest => ({
    method: 'eth_signTypedData_v4',
    params: [alice.address, JSON.stringify({
      types: {
        EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
        SafeTx: [
          { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'data', type: 'bytes' }, { name: 'operation', type: 'uint8' }, { name: 'safeTxGas', type: 'uint256' },
          { name: 'baseGas', type: 'uint256' }, { name: 'gasPrice', type: 'uint256' }, { name: 'gasToken', type: 'address' }, { name: 'refundReceiver', type: 'address' }, { name: 'nonce', type: 'uint256' },
        ],
      },
      primaryType: 'SafeTx',
      domain: { chainId: 31337, verifyingContract: safe.address },
      message: { to: safe.address, value: '0', data: encodeFunctionData({ abi: [{ type: 'function', name: 'addOwnerWithThreshold', stateMutability: 'nonpayable', inputs: [{ type: 'address' }, { type: 'uint256' }], outputs: [] }], functionName: 'addOwnerWithThreshold', args: ['0x000000000000000000000000000000000000dead', 2n] }), operation: 0, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: '0x0000000000000000000000000000000000000000', refundReceiver: '0x0000000000000000000000000000000000000000', nonce: '0' },
    })],
    origin: 'https://app.safe.global',
    chainId: 31337,
  });
  bench('SafeTx owner change against anvil: the Safe\'s owners, threshold, nonce, version read + every check', timed('anvil-safe-owner-change', () => reviewRequest(addOwner(), { client, token: tokenCache, now: () => Date.now() })), { time: 3_000 });
});
