import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { concatHex, createPublicClient, encodeFunctionData, http, keccak256, parseAbi, parseEther, zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRequest } from '../../core/review/engine';
import { safeContractAt } from '../../core/review/safe/libraries';
import type { Review, SigningRequest } from '../../core/review/types';
import { DEVNET_MNEMONIC, startAnvil, type AnvilProcess } from '../../scripts/devnet/anvil';
import { createClients, type DevnetClients } from '../../scripts/devnet/chain';
import { deploySafe, type SafeDeployment } from '../../scripts/devnet/deploy-safe';

/** The review of Safe transactions against the real Safe 1.4.1 contracts (npm artifacts) on anvil. */

const require = createRequire(import.meta.url);
const ASSETS = join(dirname(require.resolve('@safe-global/safe-deployments/package.json')), 'dist', 'assets', 'v1.4.1');
const account = (i: number) => mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: i });
const [A0, A1, A2, A3] = [0, 1, 2, 3].map((i) => account(i).address.toLowerCase() as Address) as [Address, Address, Address, Address];
const safeAbi = parseAbi([
  'function getTransactionHash(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, uint256 _nonce) view returns (bytes32)',
  'function domainSeparator() view returns (bytes32)',
  'function nonce() view returns (uint256)',
  'function getOwners() view returns (address[])',
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function changeThreshold(uint256 _threshold)',
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
]);
const SAFE_TX_TYPES = {
  EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
  SafeTx: [
    { name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'data', type: 'bytes' }, { name: 'operation', type: 'uint8' }, { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' }, { name: 'gasPrice', type: 'uint256' }, { name: 'gasToken', type: 'address' }, { name: 'refundReceiver', type: 'address' }, { name: 'nonce', type: 'uint256' },
  ],
} as const;

let anvil: AnvilProcess;
let c: DevnetClients;
let client: PublicClient;
let safe: SafeDeployment;

interface Tx { to: Address; value: bigint; data: Hex; operation: number; nonce: bigint }
const message = (t: Tx) => ({ ...t, safeTxGas: 0n, baseGas: 0n, gasPrice: 0n, gasToken: zeroAddress, refundReceiver: zeroAddress });
const request = (t: Tx): SigningRequest => ({
  method: 'eth_signTypedData_v4',
  params: [A0, JSON.stringify({ types: SAFE_TX_TYPES, primaryType: 'SafeTx', domain: { chainId: 31337, verifyingContract: safe.address }, message: message(t) }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))],
  origin: 'https://app.safe.global',
  chainId: 31337,
});
const review = (t: Tx, on: PublicClient | undefined = client) => reviewRequest(request(t), { client: on, now: () => Date.now() }, { timeoutMs: 5_000 });
const row = (r: Review, label: string) => {
  const v = r.cards.find((x) => x.kind === 'safe')?.rows.find((x) => x.label.en === label)?.value;
  return typeof v === 'string' ? v : v?.en;
};
const nonce = () => client.readContract({ address: safe.address, abi: safeAbi, functionName: 'nonce' });
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** Executes a Safe transaction with the owners' EIP-712 signatures (sorted by owner, as the Safe requires). */
async function execute(t: Tx, signers: number[]): Promise<void> {
  const typed = { domain: { chainId: 31337n, verifyingContract: safe.address }, types: SAFE_TX_TYPES, primaryType: 'SafeTx' as const, message: message(t) };
  const sigs = await Promise.all(signers.map(async (i) => ({ owner: account(i).address.toLowerCase(), sig: await account(i).signTypedData(typed) })));
  sigs.sort((a, b) => (a.owner < b.owner ? -1 : 1));
  const data = encodeFunctionData({ abi: safeAbi, functionName: 'execTransaction', args: [t.to, t.value, t.data, t.operation, 0n, 0n, 0n, zeroAddress, zeroAddress, concatHex(sigs.map((s) => s.sig))] });
  const hash = await c.walletClient.sendTransaction({ account: A3, to: safe.address, data, chain: null });
  expect((await client.waitForTransactionReceipt({ hash, pollingInterval: 20 })).status).toBe('success');
}

beforeAll(async () => {
  anvil = await startAnvil({ port: 0, quiet: true });
  c = createClients(anvil.rpcUrl);
  client = c.publicClient as unknown as PublicClient;
  safe = await deploySafe(c, A3, [A0, A1, A2], 2);
}, 60_000);
afterAll(async () => anvil?.stop());

describe('Safe 1.4.1 from npm on anvil, at the canonical addresses', () => {
  it('each contract runs the code @safe-global/safe-deployments lists for 1.4.1 (code hash), at the address it lists', async () => {
    const files: Record<string, string> = { safe: 'safe', safeL2: 'safe_l2', proxyFactory: 'safe_proxy_factory', multiSend: 'multi_send', multiSendCallOnly: 'multi_send_call_only', fallbackHandler: 'compatibility_fallback_handler', signMessageLib: 'sign_message_lib', createCall: 'create_call' };
    for (const [key, address] of Object.entries(safe.contracts)) {
      const listed = (JSON.parse(readFileSync(join(ASSETS, `${files[key]}.json`), 'utf8')) as { deployments: { canonical: { address: string; codeHash: string } } }).deployments.canonical;
      expect(address.toLowerCase(), key).toBe(listed.address.toLowerCase());
      expect(keccak256((await client.getCode({ address }))!), key).toBe(listed.codeHash);
    }
    expect(safeContractAt(safe.contracts.multiSend)).toMatchObject({ contract: 'MultiSend', library: true, versions: ['1.4.1'] });
  });

  it('the Safe: owners accounts 0, 1, 2, threshold 2', async () => {
    expect((await client.readContract({ address: safe.address, abi: safeAbi, functionName: 'getOwners' })).map((o) => o.toLowerCase())).toEqual([A0, A1, A2]);
  });
});

describe('reviewing SafeTx typed data for the devnet Safe', () => {
  it('the safeTxHash and domain hash shown are the Safe contract’s own getTransactionHash() and domainSeparator()', async () => {
    const t: Tx = { to: A3, value: parseEther('1'), data: '0x', operation: 0, nonce: await nonce() };
    const r = await review(t);
    expect(r.verdict).toBe('ok');
    const onChain = await client.readContract({ address: safe.address, abi: safeAbi, functionName: 'getTransactionHash', args: [t.to, t.value, t.data, t.operation, 0n, 0n, 0n, zeroAddress, zeroAddress, t.nonce] });
    expect(row(r, 'safeTxHash')).toBe(onChain);
    const separator = await client.readContract({ address: safe.address, abi: safeAbi, functionName: 'domainSeparator' });
    expect(row(r, 'Domain hash')).toBe(`0x${separator.slice(2).toUpperCase()}`);
    expect(row(r, 'Nonce')).toMatch(/the next one the Safe will run/);
    expect(row(r, 'You')).toBe('an owner');
  });

  it('an owner change shows the owners read from the Safe, before and after; after a real change on chain, the new ones', async () => {
    const add: Tx = { to: safe.address, value: 0n, data: encodeFunctionData({ abi: safeAbi, functionName: 'addOwnerWithThreshold', args: [A3, 3n] }), operation: 0, nonce: await nonce() };
    const before = await review(add);
    const f = before.findings.find((x) => x.code === 'safe-owner-change')!;
    expect(before.verdict).toBe('danger');
    expect(f.title.en).toBe(`The Safe's owners change: ${short(A0)} (you), ${short(A1)}, ${short(A2)}, 2 of 3 → ${short(A3)}, ${short(A0)} (you), ${short(A1)}, ${short(A2)}, 3 of 4`);
    expect(before.summary.en).toContain(`add owner ${short(A3)} and require 3 of 4 signatures`);

    // Accounts 0 and 1 sign changeThreshold(1) and it runs: the review reads the Safe as it now is.
    await execute({ to: safe.address, value: 0n, data: encodeFunctionData({ abi: safeAbi, functionName: 'changeThreshold', args: [1n] }), operation: 0, nonce: await nonce() }, [0, 1]);
    const after = await review({ ...add, nonce: await nonce() });
    expect(after.findings.find((x) => x.code === 'safe-owner-change')!.title.en).toContain(`${short(A2)}, 1 of 3 →`);
    // An old nonce: the signature can never run.
    expect(row(await review({ ...add, nonce: 0n }), 'Nonce')).toMatch(/already used/);
  });

  it('a DELEGATECALL to MultiSend of the devnet (Safe’s own, found through the same table as mainnet) unpacks the batch', async () => {
    const packed = concatHex([`0x00${A3.slice(2)}${(10n ** 17n).toString(16).padStart(64, '0')}${'0'.repeat(64)}` as Hex]);
    const data = encodeFunctionData({ abi: parseAbi(['function multiSend(bytes transactions)']), functionName: 'multiSend', args: [packed] });
    const r = await review({ to: safe.contracts.multiSend, value: 0n, data, operation: 1, nonce: await nonce() });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.summary.en).toBe(`The Safe ${short(safe.address.toLowerCase())} will send 0.1 ETH to ${short(A3)}`);
  });

  it('a dead node: the review says the owners could not be read, and still judges the request', async () => {
    const dead = createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) }) as PublicClient;
    const r = await review({ to: safe.address, value: 0n, data: encodeFunctionData({ abi: safeAbi, functionName: 'addOwnerWithThreshold', args: [A3, 2n] }), operation: 0, nonce: 0n }, dead);
    expect(r.verdict).toBe('danger');
    expect(r.findings.find((x) => x.code === 'safe-owner-change')!.detail?.en).toMatch(/The current owners could not be read \(the node answered: /);
  });

  it('a node that never answers: the Safe reads give up within their budget (1.5 s), said so', async () => {
    const sockets: import('node:net').Socket[] = [];
    const server: Server = createServer((s) => void sockets.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const silent = createPublicClient({ transport: http(`http://127.0.0.1:${port}`, { retryCount: 0, timeout: 60_000 }) }) as PublicClient;
    const started = Date.now();
    const r = await review({ to: safe.address, value: 0n, data: encodeFunctionData({ abi: safeAbi, functionName: 'changeThreshold', args: [1n] }), operation: 0, nonce: 0n }, silent);
    const took = Date.now() - started;
    for (const s of sockets) s.destroy();
    server.close();
    expect(r.findings.find((x) => x.code === 'safe-owner-change')!.detail?.en).toContain('the node gave no answer within 1.5 s');
    expect(took).toBeLessThan(2_500);
  });
});
