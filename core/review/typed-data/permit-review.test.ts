import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import type { SigningRequest } from '../types';

const OWNER = '0x1234567890123456789012345678901234567890';
const SPENDER = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
const PERMIT = [
  { name: 'owner', type: 'address' },
  { name: 'spender', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'nonce', type: 'uint256' },
  { name: 'deadline', type: 'uint256' },
];
const nowSec = 1_700_000_000;
const permit = (token: string, value: string): SigningRequest => ({
  method: 'eth_signTypedData_v4',
  params: [
    OWNER,
    JSON.stringify({
      types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], Permit: PERMIT },
      domain: { name: 'Token', version: '1', chainId: 1, verifyingContract: token },
      primaryType: 'Permit',
      message: { owner: OWNER, spender: SPENDER, value, nonce: '0', deadline: String(nowSec + 60) },
    }),
  ],
  origin: 'https://app.uniswap.org',
  chainId: 1,
});
const deps = { now: () => nowSec * 1000 };

describe('permit amounts', () => {
  it('a token whose decimals are unknown: base units, said so (was "may spend 0.000000000000 0xcccc…cccc")', async () => {
    const r = await reviewRequest(permit('0xcccccccccccccccccccccccccccccccccccccccc', '123456'), deps);
    expect(r.summary.en).toContain('may spend 123,456 base units of 0xcccc…cccc');
    expect(r.summary.en).not.toMatch(/0\.0{6,}/);
  });

  it('a known token: six significant digits, grouped; the expiry in words with the right plural', async () => {
    const r = await reviewRequest(permit('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', '1234567891'), deps);
    expect(r.summary.en).toContain('may spend 1,234.57 USDC');
    const rows = r.cards.flatMap((c) => c.rows.map((row) => (typeof row.value === 'string' ? row.value : row.value.en)));
    expect(rows).toContain('in 1 minute');
  });

  it('2^256-1 is unlimited', async () => {
    const r = await reviewRequest(permit('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', (2n ** 256n - 1n).toString()), deps);
    expect(r.summary.en).toContain('may spend unlimited USDC');
  });
});
