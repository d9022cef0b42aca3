import { DELEGATOR_CONTRACTS } from '@metamask/delegation-deployments';
import { encodeAbiParameters, encodePacked, parseEther, parseUnits, toFunctionSelector, type Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import type { SigningRequest } from '../types';
import { CaveatTermsError, decodeTerms } from './terms';

const FW = DELEGATOR_CONTRACTS['1.3.0']![1]!;
const E = (name: string) => FW[name]!;
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const SIGNER = '0xd8da6bf26964af9d7eed9e03e53415d37aa96045';
const SMART_ACCOUNT = '0x7e48ca6b7fe6f3d57fdd0448b03b839958416fc1';
const DELEGATE = '0x2b2dbd1d5fbeb77c4613b66e9f35dbfe12cb0488';
const ROOT = `0x${'f'.repeat(64)}`;
const TYPES = {
  EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
  Caveat: [{ name: 'enforcer', type: 'address' }, { name: 'terms', type: 'bytes' }],
  Delegation: [{ name: 'delegate', type: 'address' }, { name: 'delegator', type: 'address' }, { name: 'authority', type: 'bytes32' }, { name: 'caveats', type: 'Caveat[]' }, { name: 'salt', type: 'uint256' }],
};

function request(caveats: unknown, message: Record<string, unknown> = {}, manager = E('DelegationManager')): SigningRequest {
  return {
    method: 'eth_signTypedData_v4',
    params: [SIGNER, JSON.stringify({ types: TYPES, primaryType: 'Delegation', domain: { name: 'DelegationManager', version: '1', chainId: 1, verifyingContract: manager }, message: { delegate: DELEGATE, delegator: SMART_ACCOUNT, authority: ROOT, caveats, salt: '0', ...message } })],
    origin: 'https://dapp.example',
    chainId: 1,
  };
}

/** 2026-12-07 08:00 UTC: the reviews below run at this clock. */
const NOW = Date.UTC(2026, 11, 7, 8, 0, 0);
const at = (h: number) => BigInt(Date.UTC(2026, 11, 7, h, 0, 0) / 1000);
const review = (r: SigningRequest, timeZone = 'Europe/London') => reviewRequest(r, { now: () => NOW, timeZone });

describe('caveat terms, in each enforcer\'s layout', () => {
  it('packed fields: targets, methods, amounts, time and block windows', () => {
    expect(decodeTerms('AllowedTargetsEnforcer', encodePacked(['address', 'address'], [USDC, DELEGATE]))).toEqual({ kind: 'allowed-targets', targets: [USDC, DELEGATE] });
    expect(decodeTerms('AllowedMethodsEnforcer', '0xa9059cbb095ea7b3')).toEqual({ kind: 'allowed-methods', selectors: ['0xa9059cbb', '0x095ea7b3'] });
    expect(decodeTerms('ERC20TransferAmountEnforcer', encodePacked(['address', 'uint256'], [USDC, 100_000_000n]))).toEqual({ kind: 'erc20-transfer-amount', token: USDC, max: 100_000_000n });
    expect(decodeTerms('TimestampEnforcer', encodePacked(['uint128', 'uint128'], [5n, 9n]))).toEqual({ kind: 'timestamp', after: 5n, before: 9n });
    expect(decodeTerms('BlockNumberEnforcer', encodePacked(['uint128', 'uint128'], [0n, 77n]))).toEqual({ kind: 'block-number', after: 0n, before: 77n });
    expect(decodeTerms('ERC20PeriodTransferEnforcer', encodePacked(['address', 'uint256', 'uint256', 'uint256'], [USDC, 10n, 86_400n, 1n]))).toEqual({ kind: 'erc20-period', token: USDC, amount: 10n, period: 86_400n, start: 1n });
    expect(decodeTerms('NativeTokenStreamingEnforcer', encodePacked(['uint256', 'uint256', 'uint256', 'uint256'], [1n, 10n, 2n, 3n]))).toEqual({ kind: 'native-streaming', initial: 1n, max: 10n, perSecond: 2n, start: 3n });
    expect(decodeTerms('ERC20BalanceChangeEnforcer', encodePacked(['bool', 'address', 'address', 'uint256'], [true, USDC, DELEGATE, 5n]))).toEqual({ kind: 'balance-change', asset: 'erc20', decrease: true, token: USDC, recipient: DELEGATE, amount: 5n });
    expect(decodeTerms('SpecificActionERC20TransferBatchEnforcer', encodePacked(['address', 'address', 'uint256', 'address', 'uint256', 'bytes'], [USDC, DELEGATE, 7n, DELEGATE, 0n, '0xd09de08a']))).toMatchObject({ amount: 7n, firstValue: 0n, firstCallData: '0xd09de08a' });
  });

  it('abi-encoded terms: a native allowance, a batch of exact executions, OR-groups of caveats', () => {
    expect(decodeTerms('NativeTokenTransferAmountEnforcer', encodeAbiParameters([{ type: 'uint256' }], [parseEther('1')]))).toEqual({ kind: 'native-transfer-amount', max: parseEther('1') });
    const batch = encodeAbiParameters([{ type: 'tuple[]', components: [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes' }] }], [[[USDC, 0n, '0x095ea7b3'], [DELEGATE, 1n, '0x']]]);
    expect(decodeTerms('ExactExecutionBatchEnforcer', batch)).toEqual({ kind: 'exact-execution', batch: true, executions: [{ target: USDC, value: 0n, callData: '0x095ea7b3' }, { target: DELEGATE, value: 1n, callData: '0x' }] });
    const groups = encodeAbiParameters([{ type: 'tuple[]', components: [{ type: 'tuple[]', components: [{ type: 'address' }, { type: 'bytes' }, { type: 'bytes' }] }] }], [[[[[USDC, '0x01', '0x']]]]]);
    expect(decodeTerms('LogicalOrWrapperEnforcer', groups)).toEqual({ kind: 'logical-or', groups: [[{ enforcer: USDC, terms: '0x01' }]] });
  });

  it('terms that break the layout are an error the enforcer would revert on', () => {
    expect(() => decodeTerms('AllowedTargetsEnforcer', '0x1234')).toThrow(CaveatTermsError);
    expect(() => decodeTerms('TimestampEnforcer', '0x')).toThrow(/32/);
    expect(() => decodeTerms('ApprovalRevocationEnforcer', '0x40')).toThrow(CaveatTermsError);
    expect(() => decodeTerms('ERC20TransferAmountEnforcer', 'nothex' as Hex)).toThrow(CaveatTermsError);
  });
});

describe('a delegation in words', () => {
  it('the restricted delegation of the issue: targets, methods, amount and a time window, in the user\'s time zone', async () => {
    const r = await review(
      request([
        { enforcer: E('AllowedTargetsEnforcer'), terms: encodePacked(['address'], [USDC]) },
        { enforcer: E('AllowedMethodsEnforcer'), terms: toFunctionSelector('function transfer(address,uint256)') },
        { enforcer: E('ERC20TransferAmountEnforcer'), terms: encodePacked(['address', 'uint256'], [USDC, parseUnits('100', 6)]) },
        { enforcer: E('TimestampEnforcer'), terms: encodePacked(['uint128', 'uint128'], [at(9), at(17)]) },
        { enforcer: E('LimitedCallsEnforcer'), terms: encodePacked(['uint256'], [3n]) },
      ]),
    );
    expect(r.verdict).toBe('ok');
    expect(r.findings.map((f) => f.code)).toEqual(['delegation-restricted']);
    expect(r.findings[0]!.title.en).toBe(
      'Delegation to 0x2b2d…0488: only calls to 0xa0b8…eb48 (USDC); only the function transfer(address,uint256); only transfer() of 0xa0b8…eb48 (USDC), at most 100 USDC in total; only between 09:00 and 17:00 on 7 Dec 2026 (not yet open); at most 3 calls',
    );
    expect(r.findings[0]!.title.ja).toContain('2026/12/07 の 09:00 から 17:00 までのみ');
    // Tokyo is 9 hours ahead of London's December UTC: the window crosses midnight there.
    const tokyo = await review(request([{ enforcer: E('AllowedTargetsEnforcer'), terms: encodePacked(['address'], [USDC]) }, { enforcer: E('TimestampEnforcer'), terms: encodePacked(['uint128', 'uint128'], [at(9), at(17)]) }]), 'Asia/Tokyo');
    expect(tokyo.findings[0]!.title.en).toContain('only between 7 Dec 2026, 18:00 and 8 Dec 2026, 02:00 (not yet open)');
    // No time zone: UTC, and said so.
    const utc = await reviewRequest(request([{ enforcer: E('AllowedTargetsEnforcer'), terms: encodePacked(['address'], [USDC]) }, { enforcer: E('TimestampEnforcer'), terms: encodePacked(['uint128', 'uint128'], [at(1), at(2)]) }]), { now: () => NOW });
    expect(utc.findings[0]!.title.en).toContain('only between 01:00 UTC and 02:00 UTC on 7 Dec 2026 (already over: it can no longer be used)');
    const card = r.cards.find((c) => c.kind === 'delegation')!;
    expect(card.rows.map((row) => row.label.en)).toEqual(['Delegate', 'Delegator', 'Authority', 'Checked by', 'Caveat 1 (AllowedTargetsEnforcer)', 'Caveat 2 (AllowedMethodsEnforcer)', 'Caveat 3 (ERC20TransferAmountEnforcer)', 'Caveat 4 (TimestampEnforcer)', 'Caveat 5 (LimitedCallsEnforcer)']);
    expect(card.rows[3]!.value).toEqual(expect.objectContaining({ en: '0xdb9b…7db3 (DelegationManager 1.3.0)' }));
  });

  it('no caveats, or only when / how often / who: danger, naming the delegate and what the caveats do limit', async () => {
    const none = await review(request([]));
    expect(none.verdict).toBe('danger');
    expect(none.findings[0]).toMatchObject({ code: 'delegation-unrestricted', severity: 'danger', title: { en: 'This delegation lets 0x2b2d…0488 act as the account 0x7e48…6fc1' } });
    expect(none.findings[0]!.detail!.en).toMatch(/^It has no caveats at all\./);
    const timed = await review(request([{ enforcer: E('TimestampEnforcer'), terms: encodePacked(['uint128', 'uint128'], [at(9), at(17)]) }, { enforcer: E('RedeemerEnforcer'), terms: encodePacked(['address'], [DELEGATE]) }]));
    expect(timed.verdict).toBe('danger');
    expect(timed.findings[0]!.detail!.en).toMatch(/^Its caveats limit only when it can be used, who can use it, not what it can call\./);
    // The signer's own account as delegator: still danger, and MetaMask refuses it.
    const own = await review(request([], { delegator: SIGNER }));
    expect(own.findings[0]!.title.en).toBe('This delegation lets 0x2b2d…0488 act as your account 0xd8da…6045');
    expect(own.refusal?.en).toMatch(/External signature requests cannot sign delegations for internal accounts/);
    expect((await review(request([]))).refusal).toBeUndefined();
  });

  it('a chained delegation passes on the authority it holds: warn, not danger', async () => {
    const r = await review(request([{ enforcer: E('ValueLteEnforcer'), terms: encodePacked(['uint256'], [parseEther('1')]) }], { authority: `0x${'ab'.repeat(32)}` }));
    expect(r.verdict).toBe('caution');
    expect(r.findings[0]).toMatchObject({ code: 'delegation-unrestricted', severity: 'warn' });
    expect(r.findings[0]!.title.en).toBe('This passes on all the authority you hold from delegation 0xabab…abab to 0x2b2d…0488');
  });

  it('restrictions Preflight cannot vouch for count as none: unknown enforcer, unreadable terms, an unknown DelegationManager', async () => {
    const unknown = await review(request([{ enforcer: '0x1111111111111111111111111111111111111111', terms: encodePacked(['address'], [USDC]) }]));
    expect(unknown.verdict).toBe('danger');
    expect(unknown.cards.find((c) => c.kind === 'delegation')!.rows[4]!.value).toEqual(expect.objectContaining({ en: expect.stringMatching(/^a caveat by 0x1111…1111, an enforcer MetaMask's Delegation Framework deployments do not list/) }));
    const broken = await review(request([{ enforcer: E('AllowedTargetsEnforcer'), terms: '0x1234' }]));
    expect(broken.verdict).toBe('danger');
    const manager = await review(request([{ enforcer: E('AllowedTargetsEnforcer'), terms: encodePacked(['address'], [USDC]) }], {}, '0x2222222222222222222222222222222222222222'));
    expect(manager.verdict).toBe('danger');
    expect(manager.findings[0]!.detail!.en).toMatch(/which MetaMask's Delegation Framework deployments do not list as a DelegationManager/);
  });

  it('malformed delegations never throw out of the analyzer', async () => {
    for (const caveats of ['not a list', [null], [{ enforcer: 42, terms: {} }], [{ enforcer: E('LogicalOrWrapperEnforcer'), terms: '0xdeadbeef' }]]) {
      const r = await review(request(caveats));
      expect(r.findings.map((f) => f.code)).not.toContain('analysis-failed');
      expect(r.verdict).toBe('danger');
    }
    const noFields = await review(request([], { delegate: 'nobody', authority: 'root' }));
    expect(noFields.findings[0]!.title.en).toBe('This delegation lets an unreadable delegate act as the account 0x7e48…6fc1');
  });

  it('OR-groups restrict what only when every group does', async () => {
    const group = (enforcer: string, terms: Hex) => ({ caveats: [{ enforcer: enforcer as Hex, terms, args: '0x' as Hex }] });
    const orTerms = (...groups: ReturnType<typeof group>[]) =>
      encodeAbiParameters([{ type: 'tuple[]', components: [{ name: 'caveats', type: 'tuple[]', components: [{ name: 'enforcer', type: 'address' }, { name: 'terms', type: 'bytes' }, { name: 'args', type: 'bytes' }] }] }], [groups]);
    const both = orTerms(group(E('AllowedTargetsEnforcer'), encodePacked(['address'], [USDC])), group(E('ERC20TransferAmountEnforcer'), encodePacked(['address', 'uint256'], [USDC, 5n])));
    expect((await review(request([{ enforcer: E('LogicalOrWrapperEnforcer'), terms: both }]))).verdict).toBe('ok');
    const either = orTerms(group(E('AllowedTargetsEnforcer'), encodePacked(['address'], [USDC])), group(E('LimitedCallsEnforcer'), encodePacked(['uint256'], [1n])));
    const r = await review(request([{ enforcer: E('LogicalOrWrapperEnforcer'), terms: either }]));
    expect(r.verdict).toBe('danger');
    expect(r.cards.find((c) => c.kind === 'delegation')!.rows[4]!.value).toEqual(expect.objectContaining({ en: 'one of: (only calls to 0xa0b8…eb48 (USDC)) or (at most 1 call)' }));
  });

  it('limits that leave the assets open are no limit: a method list without a contract, call data without a contract or an ETH cap', async () => {
    const transferOnly = await review(request([{ enforcer: E('AllowedMethodsEnforcer'), terms: toFunctionSelector('function transfer(address,uint256)') }]));
    expect(transferOnly.verdict).toBe('danger');
    expect(transferOnly.findings[0]!.detail!.en).toMatch(/^Its caveats name the function transfer\(address,uint256\) but no contract: the delegate may call transfer\(address,uint256\) on every token and NFT/);
    // The same function list with ValueLte 0 and no contract still reaches every token.
    const noValue = await review(request([{ enforcer: E('AllowedMethodsEnforcer'), terms: toFunctionSelector('function approve(address,uint256)') }, { enforcer: E('ValueLteEnforcer'), terms: encodePacked(['uint256'], [0n]) }]));
    expect(noValue.verdict).toBe('danger');
    const exactData = await review(request([{ enforcer: E('ExactCalldataEnforcer'), terms: '0x1234567890abcdef' }]));
    expect(exactData.verdict).toBe('danger');
    expect(exactData.findings[0]!.detail!.en).toMatch(/^Its caveats fix only the call data, not the contract called nor the native currency sent with it/);
    // Closed: the Kit's native-token scope (ExactCalldata 0x + an ETH allowance), a function that moves nothing with a
    // per-call ETH cap (the framework's own test), and a method list on named contracts.
    const nativeScope = await review(request([{ enforcer: E('ExactCalldataEnforcer'), terms: '0x' }, { enforcer: E('NativeTokenTransferAmountEnforcer'), terms: encodeAbiParameters([{ type: 'uint256' }], [parseEther('0.001')]) }]));
    expect(nativeScope.verdict).toBe('ok');
    const increment = await review(request([{ enforcer: E('AllowedMethodsEnforcer'), terms: toFunctionSelector('function increment()') }, { enforcer: E('ValueLteEnforcer'), terms: encodePacked(['uint256'], [parseEther('5')]) }]));
    expect(increment.verdict).toBe('ok');
    const onUsdc = await review(request([{ enforcer: E('AllowedTargetsEnforcer'), terms: encodePacked(['address'], [USDC]) }, { enforcer: E('AllowedMethodsEnforcer'), terms: toFunctionSelector('function transfer(address,uint256)') }]));
    expect(onUsdc.verdict).toBe('ok');
  });

  it('older framework versions name their enforcers too (1.1.0 on Base)', async () => {
    const v11 = DELEGATOR_CONTRACTS['1.1.0']![8453]!;
    const r = await reviewRequest(
      { ...request([{ enforcer: v11.AllowedTargetsEnforcer, terms: encodePacked(['address'], [USDC]) }], {}, v11.DelegationManager), chainId: 8453, params: [SIGNER, JSON.stringify({ types: TYPES, primaryType: 'Delegation', domain: { name: 'DelegationManager', version: '1', chainId: 8453, verifyingContract: v11.DelegationManager }, message: { delegate: DELEGATE, delegator: SMART_ACCOUNT, authority: ROOT, caveats: [{ enforcer: v11.AllowedTargetsEnforcer, terms: encodePacked(['address'], [USDC]) }], salt: '0' } })] },
      { now: () => NOW },
    );
    expect(r.verdict).toBe('ok');
    expect(r.cards.find((c) => c.kind === 'delegation')!.rows[3]!.value).toEqual(expect.objectContaining({ en: expect.stringContaining('DelegationManager 1.1.0') }));
  });
});
