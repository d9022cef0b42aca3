import { describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi, maxUint256, parseAbi, type Address } from 'viem';
import { parseRequest } from '../review/request';
import { applyGrants, exposureAfter, grantsOf } from './exposure';
import { revokeCalls } from './revoke';
import { feedPrice, midPrice } from './prices';
import { rowValueAtRisk, sortRows, takeableUnits, walletExposure } from './valuation';
import { candidateKey, PERMIT2, type ApprovalRow, type TokenFacts } from './types';

const USDC = '0x000000000000000000000000000000000000a0c1' as Address;
const WETH = '0x000000000000000000000000000000000000e7e1' as Address;
const NFT = '0x00000000000000000000000000000000000000f7' as Address;
const A = '0x00000000000000000000000000000000000000a1' as Address;
const B = '0x00000000000000000000000000000000000000b2' as Address;
const C = '0x00000000000000000000000000000000000000c3' as Address;
const USER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as Address;
const NOW = 1_800_000_000;

const tokens: Record<string, TokenFacts> = {
  [USDC]: { symbol: 'USDC', decimals: 6, standard: 'erc20', balance: '2500000000', price: { usd: 1, source: 'pool', at: NOW } }, // 2,500 USDC
  [WETH]: { symbol: 'WETH', decimals: 18, standard: 'erc20', balance: '3000000000000000000', price: { usd: 3_000, source: 'pool', at: NOW } }, // 3 WETH
  [NFT]: { symbol: 'DPUNK', standard: 'erc721', balance: '3' },
};
const row = (r: Partial<ApprovalRow> & Pick<ApprovalRow, 'kind' | 'token' | 'spender' | 'amount'>): ApprovalRow => ({ unlimited: BigInt(r.amount) >= 2n ** 128n, foundBy: 'logs', readAtBlock: 1, ...r });

describe('value at risk: min(allowance, balance) × price', () => {
  it('an allowance below the balance counts the allowance; above it, the balance', () => {
    expect(rowValueAtRisk(row({ kind: 'erc20', token: USDC, spender: A, amount: '1000000000' }), tokens[USDC], NOW)).toBe(1_000);
    expect(rowValueAtRisk(row({ kind: 'erc20', token: USDC, spender: A, amount: maxUint256.toString() }), tokens[USDC], NOW)).toBe(2_500);
    expect(rowValueAtRisk(row({ kind: 'erc20', token: WETH, spender: A, amount: '500000000000000000' }), tokens[WETH], NOW)).toBe(1_500);
  });
  it('Permit2: capped by the token’s allowance to Permit2, nothing once expired', () => {
    const p2 = row({ kind: 'permit2', token: WETH, spender: B, amount: maxUint256.toString(), expiration: NOW + 3_600, viaPermit2Allowance: '1000000000000000000' });
    expect(rowValueAtRisk(p2, tokens[WETH], NOW)).toBe(3_000);
    expect(rowValueAtRisk({ ...p2, expiration: NOW - 1 }, tokens[WETH], NOW)).toBe(0);
    expect(rowValueAtRisk({ ...p2, viaPermit2Allowance: '0' }, tokens[WETH], NOW)).toBe(0);
  });
  it('no price, no balance, or an NFT: no value (never a guess)', () => {
    expect(rowValueAtRisk(row({ kind: 'nft-all', token: NFT, spender: A, amount: '1' }), tokens[NFT], NOW)).toBeUndefined();
    expect(rowValueAtRisk(row({ kind: 'erc20', token: USDC, spender: A, amount: '1' }), { ...tokens[USDC]!, price: undefined }, NOW)).toBeUndefined();
    expect(takeableUnits(row({ kind: 'erc20', token: USDC, spender: A, amount: '1' }), { ...tokens[USDC]!, balance: undefined }, NOW)).toBeUndefined();
  });
});

describe('the whole wallet', () => {
  const rows = [
    row({ kind: 'erc20', token: USDC, spender: A, amount: '2000000000' }),
    row({ kind: 'erc20', token: USDC, spender: B, amount: '2000000000' }),
    row({ kind: 'erc20', token: WETH, spender: A, amount: '1000000000000000000' }),
    row({ kind: 'nft-all', token: NFT, spender: C, amount: '1' }),
  ];
  it('two spenders of the same USDC count the balance once; spenders counted once; NFTs unpriced', () => {
    const w = walletExposure(rows, tokens, NOW);
    expect(w).toEqual({ spenders: 3, usd: 2_500 + 3_000, unpriced: 1, rows: 4 });
  });
  it('sorts scam-listed spenders first, then plain accounts, then by value', () => {
    const spenders = { [A]: { isContract: true, age: 'old' as const }, [B]: { isContract: false }, [C]: { isContract: true, age: 'old' as const } };
    const sorted = sortRows(rows, tokens, spenders, (s) => s === C, NOW);
    expect(sorted.map((r) => `${r.spender}:${r.token}`)).toEqual([`${C}:${NFT}`, `${B}:${USDC}`, `${A}:${WETH}`, `${A}:${USDC}`]);
  });
});

describe('at signing: "after this, N spenders can take up to $X; this one adds $Y"', () => {
  const inv = { rows: [row({ kind: 'erc20', token: USDC, spender: A, amount: '1000000000' })], tokens, spenders: { [A]: { isContract: false } }, completeTo: 100 };
  const approveTx = (to: Address, spender: Address, amount: bigint) =>
    parseRequest({ method: 'eth_sendTransaction', params: [{ from: USER, to, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }) }], origin: 'https://dapp.example', chainId: 1 });
  it('a new unlimited WETH approval adds the WETH balance; the EOA spender is named', () => {
    const { account, grants } = grantsOf(approveTx(WETH, B, maxUint256));
    expect(account).toBe(USER);
    const e = exposureAfter(inv, grants, NOW, () => false);
    expect(e.before.usd).toBe(1_000);
    expect(e.after).toMatchObject({ spenders: 2, usd: 10_000 });
    expect(e.addedUsd).toBe(9_000);
    expect(e.flagged).toEqual([expect.objectContaining({ spender: A, reason: 'eoa' })]);
  });
  it('an approval replaces the allowance (approve sets it); a revocation takes it away', () => {
    expect(exposureAfter(inv, grantsOf(approveTx(USDC, A, 2_000_000_000n)).grants, NOW, () => false).addedUsd).toBe(1_000);
    const revoked = exposureAfter(inv, grantsOf(approveTx(USDC, A, 0n)).grants, NOW, () => false);
    expect(revoked.after).toMatchObject({ spenders: 0, usd: 0 });
    expect(revoked.addedUsd).toBe(-1_000);
  });
  it('a token without a price: the added value is unknown, not $0', () => {
    const other = '0x0000000000000000000000000000000000000777' as Address;
    const e = exposureAfter(inv, grantsOf(approveTx(other, B, 5n)).grants, NOW, () => false, { [other]: { symbol: 'X', decimals: 18, standard: 'erc20', balance: '10' } });
    expect(e.addedUsd).toBeUndefined();
    expect(e.after.unpriced).toBe(1);
  });
  it('an ERC-721 approve(to, id) moves that token’s one approval', () => {
    const withOne = [row({ kind: 'nft-one', token: NFT, spender: A, amount: '1', tokenId: '2' })];
    const after = applyGrants(withOne, grantsOf(approveTx(NFT, B, 2n)).grants, tokens, 1);
    expect(after.map(candidateKey)).toEqual([candidateKey({ kind: 'nft-one', token: NFT, spender: B, tokenId: '2' })]);
  });
  it('a Permit2 signature (PermitSingle) counts as a Permit2 allowance', () => {
    const parsed = parseRequest({
      method: 'eth_signTypedData_v4', origin: 'https://app.uniswap.org', chainId: 1,
      params: [USER, JSON.stringify({
        domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 },
        types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], PermitDetails: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint160' }, { name: 'expiration', type: 'uint48' }, { name: 'nonce', type: 'uint48' }], PermitSingle: [{ name: 'details', type: 'PermitDetails' }, { name: 'spender', type: 'address' }, { name: 'sigDeadline', type: 'uint256' }] },
        primaryType: 'PermitSingle',
        message: { details: { token: WETH, amount: '1000000000000000000', expiration: String(NOW + 86_400), nonce: '0' }, spender: C, sigDeadline: String(NOW + 1_800) },
      })],
    });
    const { grants } = grantsOf(parsed);
    expect(grants).toEqual([expect.objectContaining({ kind: 'permit2', token: WETH, spender: C, amount: 10n ** 18n, expiration: NOW + 86_400 })]);
    // Without the token's allowance to Permit2 known, Permit2 may move up to the amount signed.
    expect(exposureAfter(inv, grants, NOW, () => false).addedUsd).toBe(3_000);
  });
});

describe('revocations', () => {
  it('one call per row; several Permit2 allowances in one lockdown', () => {
    const rows = [
      row({ kind: 'erc20', token: USDC, spender: A, amount: '5' }),
      row({ kind: 'nft-all', token: NFT, spender: B, amount: '1' }),
      row({ kind: 'nft-one', token: NFT, spender: C, amount: '1', tokenId: '9' }),
      row({ kind: 'permit2', token: WETH, spender: A, amount: '5' }),
      row({ kind: 'permit2', token: USDC, spender: B, amount: '5' }),
    ];
    const calls = revokeCalls(rows);
    const abi = parseAbi(['function approve(address,uint256)', 'function setApprovalForAll(address,bool)', 'function lockdown((address token, address spender)[])']);
    expect(calls.map((c) => c.to)).toEqual([USDC, NFT, NFT, PERMIT2]);
    expect(calls[0]!.data).toBe(encodeFunctionData({ abi, functionName: 'approve', args: [A, 0n] }));
    expect(calls[1]!.data).toBe(encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [B, false] }));
    expect(calls[2]!.data).toBe(encodeFunctionData({ abi, functionName: 'approve', args: ['0x0000000000000000000000000000000000000000', 9n] }));
    expect(calls[3]!.data).toBe(encodeFunctionData({ abi, functionName: 'lockdown', args: [[{ token: WETH, spender: A }, { token: USDC, spender: B }]] }));
    expect(calls[3]!.keys).toHaveLength(2);
    // One Permit2 allowance alone: approve(token, spender, 0, 0).
    expect(revokeCalls([rows[3]!])[0]!.data.slice(0, 10)).toBe('0x87517c45');
  });
});

describe('prices', () => {
  it('a Chainlink answer: scaled, refused when stale, non-positive or dated ahead', () => {
    expect(feedPrice(300_012_345_678n, 8, NOW - 60, NOW)).toBeCloseTo(3_000.12345678, 8);
    expect(feedPrice(100_000_000n, 8, NOW - 27 * 3_600, NOW)).toBeUndefined();
    expect(feedPrice(0n, 8, NOW, NOW)).toBeUndefined();
    expect(feedPrice(1n, 8, NOW + 3_600, NOW)).toBeUndefined();
  });
  it('a V2 mid price from reserves', () => {
    expect(midPrice(1_000n * 10n ** 18n, 3_000_000n * 10n ** 6n, 18, 6)).toBe(3_000);
    expect(midPrice(0n, 1n, 18, 6)).toBeUndefined();
  });
});
