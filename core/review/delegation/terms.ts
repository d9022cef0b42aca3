import { decodeAbiParameters, hexToBigInt, isHex, size, sliceHex, type Address, type Hex } from 'viem';

/** One call an exact-execution caveat pins down (ERC-7579 Execution). */
export interface Execution {
  target: Address;
  value: bigint;
  callData: Hex;
}

/** A caveat's terms as its enforcer reads them (the enforcers' getTermsInfo / beforeHook, delegation-framework src/enforcers). */
export type CaveatTerms =
  | { kind: 'allowed-targets'; targets: Address[] }
  | { kind: 'allowed-methods'; selectors: Hex[] }
  | { kind: 'allowed-calldata'; start: number; value: Hex }
  | { kind: 'exact-calldata'; callData: Hex }
  | { kind: 'exact-execution'; executions: Execution[]; batch: boolean }
  | { kind: 'exact-calldata-batch'; executions: Execution[] }
  | { kind: 'erc20-transfer-amount'; token: Address; max: bigint }
  | { kind: 'erc20-period'; token: Address; amount: bigint; period: bigint; start: bigint }
  | { kind: 'erc20-streaming'; token: Address; initial: bigint; max: bigint; perSecond: bigint; start: bigint }
  | { kind: 'multi-token-period'; configs: { token: Address; amount: bigint; period: bigint; start: bigint }[] }
  | { kind: 'native-transfer-amount'; max: bigint }
  | { kind: 'native-period'; amount: bigint; period: bigint; start: bigint }
  | { kind: 'native-streaming'; initial: bigint; max: bigint; perSecond: bigint; start: bigint }
  | { kind: 'value-lte'; max: bigint }
  | { kind: 'erc721-transfer'; token: Address; tokenId: bigint }
  | { kind: 'ownership-transfer'; target: Address }
  | { kind: 'specific-erc20-batch'; token: Address; recipient: Address; amount: bigint; firstTarget: Address; firstValue: bigint; firstCallData: Hex }
  | { kind: 'approval-revocation'; flags: number }
  | { kind: 'logical-or'; groups: { enforcer: Address; terms: Hex }[][] }
  | { kind: 'timestamp'; after: bigint; before: bigint }
  | { kind: 'block-number'; after: bigint; before: bigint }
  | { kind: 'limited-calls'; limit: bigint }
  | { kind: 'redeemer'; redeemers: Address[] }
  | { kind: 'nonce'; nonce: bigint }
  | { kind: 'id'; id: bigint }
  | { kind: 'deployed'; address: Address; salt: Hex }
  | { kind: 'args-equality'; terms: Hex }
  | { kind: 'native-payment'; recipient: Address; amount: bigint }
  | { kind: 'balance-change'; asset: 'native' | 'erc20' | 'erc721' | 'erc1155'; decrease: boolean; token?: Address; recipient: Address; amount: bigint; tokenId?: bigint }
  | { kind: 'balance-gte'; asset: 'native' | 'erc20'; token?: Address; recipient?: Address; amount: bigint };

export type CaveatKind = CaveatTerms['kind'];

/** The terms of a caveat do not have the layout its enforcer requires: the enforcer reverts on every use. */
export class CaveatTermsError extends Error {
  override name = 'CaveatTermsError';
}

const bad = (enforcer: string, why: string): never => {
  throw new CaveatTermsError(`${enforcer}: ${why}`);
};

const addr = (h: Hex, from: number): Address => sliceHex(h, from, from + 20).toLowerCase() as Address;
const word = (h: Hex, from: number): bigint => hexToBigInt(sliceHex(h, from, from + 32));
const u128 = (h: Hex, from: number): bigint => hexToBigInt(sliceHex(h, from, from + 16));

function exactLength(h: Hex, n: number, enforcer: string): void {
  if (size(h) !== n) bad(enforcer, `terms are ${size(h)} bytes, not ${n}`);
}

/** A list of 20-byte addresses packed one after another (AllowedTargets, Redeemer). */
function packedAddresses(h: Hex, enforcer: string): Address[] {
  const n = size(h);
  if (n === 0 || n % 20 !== 0) bad(enforcer, `terms are ${n} bytes, not a non-empty multiple of 20`);
  return Array.from({ length: n / 20 }, (_, i) => addr(h, i * 20));
}

const EXECUTIONS = [{ type: 'tuple[]', components: [{ name: 'target', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'callData', type: 'bytes' }] }] as const;
const CAVEAT_GROUPS = [
  {
    type: 'tuple[]',
    components: [{ name: 'caveats', type: 'tuple[]', components: [{ name: 'enforcer', type: 'address' }, { name: 'terms', type: 'bytes' }, { name: 'args', type: 'bytes' }] }],
  },
] as const;

/** ExecutionLib.decodeSingle: target (20 bytes) ‖ value (32) ‖ call data. */
function singleExecution(h: Hex, enforcer: string): Execution {
  if (size(h) < 52) bad(enforcer, `terms are ${size(h)} bytes, shorter than one execution (52)`);
  return { target: addr(h, 0), value: word(h, 20), callData: size(h) > 52 ? sliceHex(h, 52) : '0x' };
}

/** ExecutionLib.decodeBatch: abi.encode(Execution[]). */
function batchExecutions(h: Hex): Execution[] {
  const [list] = decodeAbiParameters(EXECUTIONS, h);
  return list.map((e) => ({ target: e.target.toLowerCase() as Address, value: e.value, callData: e.callData }));
}

/**
 * Decodes the terms of a caveat by its enforcer's contract name (as @metamask/delegation-deployments names it), with
 * the byte layout each enforcer checks: packed fields for most, abi.encode for NativeTokenTransferAmount, the batch
 * executions and LogicalOrWrapper. Undefined for an enforcer without terms worth reading; throws CaveatTermsError when
 * the terms break the layout (the enforcer would revert).
 */
export function decodeTerms(enforcer: string, terms: Hex): CaveatTerms | undefined {
  if (!isHex(terms, { strict: true })) bad(enforcer, 'terms are not hex');
  const n = size(terms);
  switch (enforcer) {
    case 'AllowedTargetsEnforcer':
      return { kind: 'allowed-targets', targets: packedAddresses(terms, enforcer) };
    case 'AllowedMethodsEnforcer':
      // 1.0 and 1.1 accept an empty list (no method allowed at all); 1.3 requires at least one.
      if (n % 4 !== 0) bad(enforcer, `terms are ${n} bytes, not a multiple of 4`);
      return { kind: 'allowed-methods', selectors: Array.from({ length: n / 4 }, (_, i) => sliceHex(terms, i * 4, i * 4 + 4)) };
    case 'AllowedCalldataEnforcer':
      if (n < 33) bad(enforcer, `terms are ${n} bytes, fewer than 33`);
      return { kind: 'allowed-calldata', start: Number(word(terms, 0) > 2n ** 32n ? 2n ** 32n : word(terms, 0)), value: sliceHex(terms, 32) };
    case 'ExactCalldataEnforcer':
      return { kind: 'exact-calldata', callData: terms };
    case 'ExactExecutionEnforcer':
      return { kind: 'exact-execution', executions: [singleExecution(terms, enforcer)], batch: false };
    case 'ExactExecutionBatchEnforcer':
      return { kind: 'exact-execution', executions: batchExecutions(terms), batch: true };
    case 'ExactCalldataBatchEnforcer':
      return { kind: 'exact-calldata-batch', executions: batchExecutions(terms) };
    case 'ERC20TransferAmountEnforcer':
      exactLength(terms, 52, enforcer);
      return { kind: 'erc20-transfer-amount', token: addr(terms, 0), max: word(terms, 20) };
    case 'ERC20PeriodTransferEnforcer':
      exactLength(terms, 116, enforcer);
      return { kind: 'erc20-period', token: addr(terms, 0), amount: word(terms, 20), period: word(terms, 52), start: word(terms, 84) };
    case 'ERC20StreamingEnforcer':
      exactLength(terms, 148, enforcer);
      return { kind: 'erc20-streaming', token: addr(terms, 0), initial: word(terms, 20), max: word(terms, 52), perSecond: word(terms, 84), start: word(terms, 116) };
    case 'MultiTokenPeriodEnforcer':
      if (n === 0 || n % 116 !== 0) bad(enforcer, `terms are ${n} bytes, not a non-empty multiple of 116`);
      return {
        kind: 'multi-token-period',
        configs: Array.from({ length: n / 116 }, (_, i) => ({ token: addr(terms, i * 116), amount: word(terms, i * 116 + 20), period: word(terms, i * 116 + 52), start: word(terms, i * 116 + 84) })),
      };
    case 'NativeTokenTransferAmountEnforcer':
      // abi.decode(terms, (uint256)): 32 bytes at least; anything after is ignored by the enforcer.
      if (n < 32) bad(enforcer, `terms are ${n} bytes, fewer than 32`);
      return { kind: 'native-transfer-amount', max: word(terms, 0) };
    case 'NativeTokenPeriodTransferEnforcer':
      exactLength(terms, 96, enforcer);
      return { kind: 'native-period', amount: word(terms, 0), period: word(terms, 32), start: word(terms, 64) };
    case 'NativeTokenStreamingEnforcer':
      exactLength(terms, 128, enforcer);
      return { kind: 'native-streaming', initial: word(terms, 0), max: word(terms, 32), perSecond: word(terms, 64), start: word(terms, 96) };
    case 'ValueLteEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'value-lte', max: word(terms, 0) };
    case 'ERC721TransferEnforcer':
      exactLength(terms, 52, enforcer);
      return { kind: 'erc721-transfer', token: addr(terms, 0), tokenId: word(terms, 20) };
    case 'OwnershipTransferEnforcer':
      exactLength(terms, 20, enforcer);
      return { kind: 'ownership-transfer', target: addr(terms, 0) };
    case 'SpecificActionERC20TransferBatchEnforcer':
      // The deployed 1.3.0 enforcer (0x6649…, built from framework commit 72d9305) carries the first call's value.
      if (n < 124) bad(enforcer, `terms are ${n} bytes, fewer than 124`);
      return { kind: 'specific-erc20-batch', token: addr(terms, 0), recipient: addr(terms, 20), amount: word(terms, 40), firstTarget: addr(terms, 72), firstValue: word(terms, 92), firstCallData: n > 124 ? sliceHex(terms, 124) : '0x' };
    case 'ApprovalRevocationEnforcer': {
      exactLength(terms, 1, enforcer);
      const flags = Number(hexToBigInt(terms));
      if (flags === 0 || (flags & ~0x3f) !== 0) bad(enforcer, `permission flags 0x${flags.toString(16)} are not a valid selection`);
      return { kind: 'approval-revocation', flags };
    }
    case 'LogicalOrWrapperEnforcer': {
      const [groups] = decodeAbiParameters(CAVEAT_GROUPS, terms);
      if (groups.length === 0) bad(enforcer, 'no caveat groups');
      return { kind: 'logical-or', groups: groups.map((g) => g.caveats.map((c) => ({ enforcer: c.enforcer.toLowerCase() as Address, terms: c.terms }))) };
    }
    case 'TimestampEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'timestamp', after: u128(terms, 0), before: u128(terms, 16) };
    case 'BlockNumberEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'block-number', after: u128(terms, 0), before: u128(terms, 16) };
    case 'LimitedCallsEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'limited-calls', limit: word(terms, 0) };
    case 'RedeemerEnforcer':
      return { kind: 'redeemer', redeemers: packedAddresses(terms, enforcer) };
    case 'NonceEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'nonce', nonce: word(terms, 0) };
    case 'IdEnforcer':
      exactLength(terms, 32, enforcer);
      return { kind: 'id', id: word(terms, 0) };
    case 'DeployedEnforcer':
      if (n <= 52) bad(enforcer, `terms are ${n} bytes, not more than 52`);
      return { kind: 'deployed', address: addr(terms, 0), salt: sliceHex(terms, 20, 52) };
    case 'ArgsEqualityCheckEnforcer':
      return { kind: 'args-equality', terms };
    case 'NativeTokenPaymentEnforcer':
      exactLength(terms, 52, enforcer);
      return { kind: 'native-payment', recipient: addr(terms, 0), amount: word(terms, 20) };
    case 'NativeBalanceChangeEnforcer':
      exactLength(terms, 53, enforcer);
      return { kind: 'balance-change', asset: 'native', decrease: terms.slice(2, 4) !== '00', recipient: addr(terms, 1), amount: word(terms, 21) };
    case 'ERC20BalanceChangeEnforcer':
    case 'ERC721BalanceChangeEnforcer':
      exactLength(terms, 73, enforcer);
      return { kind: 'balance-change', asset: enforcer === 'ERC20BalanceChangeEnforcer' ? 'erc20' : 'erc721', decrease: terms.slice(2, 4) !== '00', token: addr(terms, 1), recipient: addr(terms, 21), amount: word(terms, 41) };
    case 'ERC1155BalanceChangeEnforcer':
      exactLength(terms, 105, enforcer);
      return { kind: 'balance-change', asset: 'erc1155', decrease: terms.slice(2, 4) !== '00', token: addr(terms, 1), recipient: addr(terms, 21), tokenId: word(terms, 41), amount: word(terms, 73) };
    case 'ERC20BalanceGteEnforcer':
      // 1.0 / 1.1: the delegator's balance of the token must grow by at least the amount.
      exactLength(terms, 52, enforcer);
      return { kind: 'balance-gte', asset: 'erc20', token: addr(terms, 0), amount: word(terms, 20) };
    case 'NativeBalanceGteEnforcer':
      exactLength(terms, 52, enforcer);
      return { kind: 'balance-gte', asset: 'native', recipient: addr(terms, 0), amount: word(terms, 20) };
    default:
      return undefined;
  }
}
