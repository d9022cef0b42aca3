import { DELEGATOR_CONTRACTS } from '@metamask/delegation-deployments';
import * as abis from '@metamask/delegation-abis';
import * as bytecode from '@metamask/delegation-abis/bytecode';
import { createPublicClient, createWalletClient, encodeAbiParameters, encodeFunctionData, encodePacked, http, parseAbi, parseEther, parseUnits, type Abi, type Address, type Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRequest } from '../../core/review/engine';
import { decodeTerms, type CaveatTerms } from '../../core/review/delegation/terms';
import { mintableErc20Abi } from '../../scripts/devnet/abis';
import { buildCase, DELEGATED_ACCOUNT_INDEX } from '../../scripts/devnet/dapp-cases';
import { startDevnet, type Devnet } from '../../scripts/devnet/index';
import type { SigningRequest } from '../../core/review/types';

/**
 * The Delegation Framework on the devnet (real contracts from @metamask/delegation-abis at the addresses
 * @metamask/delegation-deployments lists): Preflight's reading of each enforcer's terms against the enforcer's own
 * getTermsInfo, and the demo dApp's restricted delegation redeemed through the real DelegationManager, so that what
 * the panel says it limits is what the contracts enforce.
 */
let devnet: Devnet;
const client = () => createPublicClient({ transport: http(devnet.rpcUrl), pollingInterval: 50 });
const wallet = () => createWalletClient({ transport: http(devnet.rpcUrl) });
const rpc = async <T,>(method: string, params: unknown[]): Promise<T> => {
  const r = (await fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((x) => x.json())) as { result?: T; error?: { message: string } };
  if (r.error) throw new Error(r.error.message);
  return r.result as T;
};
const abiOf = (name: string) => (abis as unknown as Record<string, Abi>)[name]!;

beforeAll(async () => {
  devnet = await startDevnet({ seed: 21, quiet: true });
}, 60_000);
afterAll(async () => devnet?.stop());

async function deployFresh(name: string, args: readonly unknown[] = []): Promise<Address> {
  const hash = await wallet().deployContract({ account: devnet.accounts[9]!, abi: abiOf(name), bytecode: (bytecode as unknown as Record<string, Hex>)[name]!, args, chain: null });
  const receipt = await client().waitForTransactionReceipt({ hash });
  return receipt.contractAddress!;
}

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';
const batch = encodeAbiParameters([{ type: 'tuple[]', components: [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes' }] }], [[[A, 5n, '0xa9059cbb'], [B, 0n, '0x']]]);

/** Sample terms per enforcer, and how getTermsInfo's outputs line up with Preflight's decoding. */
const CASES: { name: string; terms: Hex; outputs: (t: CaveatTerms) => unknown }[] = [
  { name: 'AllowedTargetsEnforcer', terms: encodePacked(['address', 'address'], [A, B]), outputs: (t) => t.kind === 'allowed-targets' && t.targets },
  { name: 'AllowedMethodsEnforcer', terms: '0xa9059cbb095ea7b3', outputs: (t) => t.kind === 'allowed-methods' && t.selectors },
  { name: 'AllowedCalldataEnforcer', terms: encodePacked(['uint256', 'bytes'], [36n, encodeAbiParameters([{ type: 'uint256' }], [7n])]), outputs: (t) => t.kind === 'allowed-calldata' && [BigInt(t.start), t.value] },
  { name: 'BlockNumberEnforcer', terms: encodePacked(['uint128', 'uint128'], [10n, 20n]), outputs: (t) => t.kind === 'block-number' && [t.after, t.before] },
  { name: 'TimestampEnforcer', terms: encodePacked(['uint128', 'uint128'], [1_700_000_000n, 1_800_000_000n]), outputs: (t) => t.kind === 'timestamp' && [t.after, t.before] },
  { name: 'DeployedEnforcer', terms: encodePacked(['address', 'bytes32', 'bytes'], [A, `0x${'07'.repeat(32)}`, '0x6080']), outputs: (t) => t.kind === 'deployed' && [t.address, t.salt, '0x6080'] },
  { name: 'ERC20TransferAmountEnforcer', terms: encodePacked(['address', 'uint256'], [A, 100n]), outputs: (t) => t.kind === 'erc20-transfer-amount' && [t.token, t.max] },
  { name: 'ERC20PeriodTransferEnforcer', terms: encodePacked(['address', 'uint256', 'uint256', 'uint256'], [A, 10n, 86_400n, 5n]), outputs: (t) => t.kind === 'erc20-period' && [t.token, t.amount, t.period, t.start] },
  { name: 'ERC20StreamingEnforcer', terms: encodePacked(['address', 'uint256', 'uint256', 'uint256', 'uint256'], [A, 1n, 10n, 2n, 3n]), outputs: (t) => t.kind === 'erc20-streaming' && [t.token, t.initial, t.max, t.perSecond, t.start] },
  { name: 'NativeTokenPeriodTransferEnforcer', terms: encodePacked(['uint256', 'uint256', 'uint256'], [10n, 3_600n, 5n]), outputs: (t) => t.kind === 'native-period' && [t.amount, t.period, t.start] },
  { name: 'NativeTokenStreamingEnforcer', terms: encodePacked(['uint256', 'uint256', 'uint256', 'uint256'], [1n, 10n, 2n, 3n]), outputs: (t) => t.kind === 'native-streaming' && [t.initial, t.max, t.perSecond, t.start] },
  { name: 'NativeTokenTransferAmountEnforcer', terms: encodeAbiParameters([{ type: 'uint256' }], [parseEther('1')]), outputs: (t) => t.kind === 'native-transfer-amount' && t.max },
  { name: 'ValueLteEnforcer', terms: encodePacked(['uint256'], [9n]), outputs: (t) => t.kind === 'value-lte' && t.max },
  { name: 'LimitedCallsEnforcer', terms: encodePacked(['uint256'], [3n]), outputs: (t) => t.kind === 'limited-calls' && t.limit },
  { name: 'NonceEnforcer', terms: encodePacked(['uint256'], [4n]), outputs: (t) => t.kind === 'nonce' && t.nonce },
  { name: 'IdEnforcer', terms: encodePacked(['uint256'], [42n]), outputs: (t) => t.kind === 'id' && t.id },
  { name: 'RedeemerEnforcer', terms: encodePacked(['address', 'address'], [B, A]), outputs: (t) => t.kind === 'redeemer' && t.redeemers },
  { name: 'OwnershipTransferEnforcer', terms: encodePacked(['address'], [A]), outputs: (t) => t.kind === 'ownership-transfer' && t.target },
  { name: 'ERC721TransferEnforcer', terms: encodePacked(['address', 'uint256'], [A, 77n]), outputs: (t) => t.kind === 'erc721-transfer' && [t.token, t.tokenId] },
  { name: 'NativeTokenPaymentEnforcer', terms: encodePacked(['address', 'uint256'], [A, 5n]), outputs: (t) => t.kind === 'native-payment' && [t.recipient, t.amount] },
  { name: 'NativeBalanceChangeEnforcer', terms: encodePacked(['bool', 'address', 'uint256'], [true, A, 5n]), outputs: (t) => t.kind === 'balance-change' && [t.decrease, t.recipient, t.amount] },
  { name: 'ERC20BalanceChangeEnforcer', terms: encodePacked(['bool', 'address', 'address', 'uint256'], [false, A, B, 5n]), outputs: (t) => t.kind === 'balance-change' && [t.decrease, t.token, t.recipient, t.amount] },
  { name: 'ERC721BalanceChangeEnforcer', terms: encodePacked(['bool', 'address', 'address', 'uint256'], [true, A, B, 1n]), outputs: (t) => t.kind === 'balance-change' && [t.decrease, t.token, t.recipient, t.amount] },
  { name: 'ERC1155BalanceChangeEnforcer', terms: encodePacked(['bool', 'address', 'address', 'uint256', 'uint256'], [true, A, B, 3n, 2n]), outputs: (t) => t.kind === 'balance-change' && [t.decrease, t.token, t.recipient, t.tokenId, t.amount] },
  { name: 'ExactCalldataEnforcer', terms: '0xa9059cbb00', outputs: (t) => t.kind === 'exact-calldata' && t.callData },
  { name: 'ExactExecutionEnforcer', terms: encodePacked(['address', 'uint256', 'bytes'], [A, 5n, '0xa9059cbb']), outputs: (t) => t.kind === 'exact-execution' && { target: t.executions[0]!.target, value: t.executions[0]!.value, callData: t.executions[0]!.callData } },
  { name: 'ExactExecutionBatchEnforcer', terms: batch, outputs: (t) => t.kind === 'exact-execution' && t.executions },
  { name: 'ExactCalldataBatchEnforcer', terms: batch, outputs: (t) => t.kind === 'exact-calldata-batch' && t.executions },
];

const lower = (v: unknown): unknown =>
  typeof v === 'string' ? v.toLowerCase() : Array.isArray(v) ? v.map(lower) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lower(x)])) : v;

describe('Preflight reads caveat terms as the enforcers do (getTermsInfo of the npm bytecode, on anvil)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const args = c.name === 'NativeTokenPaymentEnforcer' ? [devnet.delegation.delegationManager, A] : [];
    const address = await deployFresh(c.name, args);
    const info = await client().readContract({ address, abi: abiOf(c.name), functionName: 'getTermsInfo', args: [c.terms] });
    expect(lower(c.outputs(decodeTerms(c.name, c.terms)!))).toEqual(lower(info));
  });

  it('MultiTokenPeriodEnforcer: every configuration, by index', async () => {
    const terms = encodePacked(['address', 'uint256', 'uint256', 'uint256', 'address', 'uint256', 'uint256', 'uint256'], [A, 1n, 60n, 2n, '0x0000000000000000000000000000000000000000', 3n, 120n, 4n]);
    const address = await deployFresh('MultiTokenPeriodEnforcer');
    const decoded = decodeTerms('MultiTokenPeriodEnforcer', terms);
    if (decoded?.kind !== 'multi-token-period') throw new Error('not decoded');
    for (const [i, cfg] of decoded.configs.entries()) {
      const info = await client().readContract({ address, abi: abiOf('MultiTokenPeriodEnforcer'), functionName: 'getTermsInfo', args: [terms, BigInt(i)] });
      expect(lower([cfg.token, cfg.amount, cfg.period, cfg.start])).toEqual(lower(info));
    }
  });

  it('terms Preflight rejects, the enforcer rejects too', async () => {
    for (const [name, terms] of [['TimestampEnforcer', '0x01'], ['AllowedTargetsEnforcer', '0x1234'], ['ERC20TransferAmountEnforcer', encodePacked(['address'], [A])]] as const) {
      expect(() => decodeTerms(name, terms)).toThrow();
      const address = await deployFresh(name);
      await expect(client().readContract({ address, abi: abiOf(name), functionName: 'getTermsInfo', args: [terms] })).rejects.toThrow(/invalid-terms-length/);
    }
  });
});

describe('the framework on the devnet, where @metamask/delegation-deployments lists it', () => {
  it('the DelegationManager answers at its 1.3.0 address with its own EIP-712 domain', async () => {
    const listed = DELEGATOR_CONTRACTS['1.3.0']![1]!;
    expect(devnet.delegation.delegationManager).toBe(listed.DelegationManager);
    const [, name, version, chainId, verifyingContract] = await client().readContract({ address: listed.DelegationManager as Address, abi: parseAbi(['function eip712Domain() view returns (bytes1, string, string, uint256, address, bytes32, uint256[])']), functionName: 'eip712Domain' });
    expect({ name, version, chainId, verifyingContract: verifyingContract.toLowerCase() }).toEqual({ name: 'DelegationManager', version: '1', chainId: BigInt(devnet.chainId), verifyingContract: listed.DelegationManager!.toLowerCase() });
    for (const name of ['EIP7702StatelessDeleGatorImpl', 'AllowedTargetsEnforcer', 'TimestampEnforcer']) expect(((await client().getCode({ address: listed[name] as Address })) ?? '0x').length, name).toBeGreaterThan(1000);
  });

  it('the demo dApp\'s restricted delegation does what the panel says: USDC transfer() up to 100 USDC, nothing else', async () => {
    const user = devnet.accounts[0]!;
    const agent = devnet.accounts[1]!;
    const k = devnet.contracts;
    const dm = devnet.delegation.delegationManager;
    const req = (await buildCase('delegation-restricted', devnet, 'http://127.0.0.1')) as { method: string; params: [Address, string] };
    const review = await reviewRequest({ method: 'eth_signTypedData_v4', params: req.params, origin: 'http://127.0.0.1', chainId: devnet.chainId } as SigningRequest, { now: Date.now, client: client() as never });
    expect(review.verdict).toBe('ok');
    expect(review.findings.map((f) => f.code)).toEqual(['delegation-restricted']);
    expect(review.findings[0]!.title.en).toMatch(/only calls to 0x\w{4}…\w{4} \(USDC\); only the function transfer\(address,uint256\); only transfer\(\) of 0x\w{4}…\w{4} \(USDC\), at most 100 USDC in total; only between /);

    // Account 0 signs it for its smart account (HybridDeleGator checks its owner's signature, ERC-1271).
    const data = JSON.parse(req.params[1]) as { message: { delegate: Address; delegator: Address; authority: Hex; caveats: { enforcer: Address; terms: Hex }[]; salt: string } };
    const signature = await rpc<Hex>('eth_signTypedData_v4', [user, req.params[1]]);
    const delegation = { ...data.message, caveats: data.message.caveats.map((c) => ({ ...c, args: '0x' as Hex })), salt: BigInt(data.message.salt), signature };
    const context = encodeAbiParameters(
      [{ type: 'tuple[]', components: [{ name: 'delegate', type: 'address' }, { name: 'delegator', type: 'address' }, { name: 'authority', type: 'bytes32' }, { name: 'caveats', type: 'tuple[]', components: [{ name: 'enforcer', type: 'address' }, { name: 'terms', type: 'bytes' }, { name: 'args', type: 'bytes' }] }, { name: 'salt', type: 'uint256' }, { name: 'signature', type: 'bytes' }] }],
      [[delegation]],
    );
    const smartAccount = devnet.delegation.smartAccount;
    await wallet().writeContract({ account: user, address: k.usdc, abi: mintableErc20Abi, functionName: 'mint', args: [smartAccount, parseUnits('1000', 6)], chain: null });
    const redeem = (target: Address, callData: Hex) => ({
      account: agent,
      to: dm,
      data: encodeFunctionData({ abi: abiOf('DelegationManager'), functionName: 'redeemDelegations', args: [[context], [`0x${'00'.repeat(32)}`], [encodePacked(['address', 'uint256', 'bytes'], [target, 0n, callData])]] }),
      chain: null,
    });
    const transfer = (amount: string) => encodeFunctionData({ abi: mintableErc20Abi, functionName: 'transfer', args: [agent, parseUnits(amount, 6)] });
    const mined = async (hash: Hex) => (await client().waitForTransactionReceipt({ hash })).status;

    expect(await mined(await wallet().sendTransaction({ ...redeem(k.usdc, transfer('60')), gas: 1_000_000n }))).toBe('success');
    expect(await client().readContract({ address: k.usdc, abi: mintableErc20Abi, functionName: 'balanceOf', args: [agent] })).toBeGreaterThanOrEqual(parseUnits('60', 6));
    // Over the 100 USDC cap in all, another function, another contract: the enforcers refuse.
    await expect(client().call(redeem(k.usdc, transfer('50')))).rejects.toThrow(/ERC20TransferAmountEnforcer:allowance-exceeded/);
    await expect(client().call(redeem(k.usdc, encodeFunctionData({ abi: mintableErc20Abi, functionName: 'approve', args: [agent, 1n] })))).rejects.toThrow(/AllowedMethodsEnforcer:method-not-allowed/);
    await expect(client().call(redeem(k.weth, transfer('1')))).rejects.toThrow(/AllowedTargetsEnforcer:target-address-not-allowed/);
  });

  it('the open delegation is danger, and the account the dApp upgrades is named with MetaMask\'s delegator', async () => {
    const open = (await buildCase('delegation-open', devnet, 'http://127.0.0.1')) as { params: unknown };
    const r = await reviewRequest({ method: 'eth_signTypedData_v4', params: open.params, origin: 'http://127.0.0.1', chainId: devnet.chainId }, { now: Date.now, client: client() as never });
    expect(r.verdict).toBe('danger');
    expect(r.findings[0]!.code).toBe('delegation-unrestricted');

    const sign = (await buildCase('delegated-account-sign', devnet, 'http://127.0.0.1')) as { method: string; params: unknown };
    expect(await client().getCode({ address: devnet.accounts[DELEGATED_ACCOUNT_INDEX]! })).toBe(`0xef0100${devnet.delegation.eip7702Delegator.slice(2).toLowerCase()}`);
    const s = await reviewRequest({ method: 'personal_sign', params: sign.params, origin: 'http://127.0.0.1', chainId: devnet.chainId }, { now: Date.now, client: client() as never });
    expect(s.verdict).toBe('ok');
    expect(s.findings.map((f) => [f.code, f.severity])).toEqual([['eip7702-delegated-account', 'info']]);
    expect(s.findings[0]!.title.en).toContain("MetaMask's EIP7702StatelessDeleGator");
    // The upgraded account still signs with its key, and anvil's accounts keep working.
    const signature = await rpc<Hex>('personal_sign', (sign.params as unknown[]).slice(0, 2));
    expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
  });
});
