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

describe('Permit2 batch transfers (SignatureTransfer)', () => {
  const batch = (spender: string, amounts: bigint[]): SigningRequest => ({
    method: 'eth_signTypedData_v4',
    params: [
      OWNER,
      JSON.stringify({
        types: {
          EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
          TokenPermissions: [{ name: 'token', type: 'address' }, { name: 'amount', type: 'uint256' }],
          PermitBatchTransferFrom: [{ name: 'permitted', type: 'TokenPermissions[]' }, { name: 'spender', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
        },
        domain: { name: 'Permit2', chainId: 1, verifyingContract: '0x000000000022d473030f116ddee9f6b43ac78ba3' },
        primaryType: 'PermitBatchTransferFrom',
        message: { permitted: amounts.map((amount, i) => ({ token: ['0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', '0xdac17f958d2ee523a2206206994597c13d831ec7', '0x6b175474e89094c44da98b954eedeac495271d0f'][i], amount: amount.toString() })), spender, nonce: '0', deadline: String(nowSec + 600) },
      }),
    ],
    origin: 'https://claim.example',
    chainId: 1,
  });
  const MAX = 2n ** 256n - 1n;
  const STRANGER = '0x7e2a9ed46e1d6bd21b4a7b9e0c6e5f5a3e2c1d0b';

  it('two or more tokens at (near-)unlimited amounts to an unknown spender: danger, naming what it can take at once', async () => {
    const r = await reviewRequest(batch(STRANGER, [MAX, MAX, 2n ** 100n]), deps);
    expect(r.verdict).toBe('danger');
    expect(r.findings[0]).toMatchObject({ code: 'permit2-batch-transfer-unlimited', severity: 'danger' });
    expect(r.findings[0]!.title.en).toBe('One signature lets 0x7e2a…1d0b take unlimited USDC, unlimited USDT, 1,267,650,600,228 DAI at once');
  });

  it('bounded amounts, a single token, or a known router: not this finding', async () => {
    for (const r of [batch(STRANGER, [5_000_000n, 7_000_000n]), batch(STRANGER, [MAX]), batch(SPENDER, [MAX, MAX])]) {
      expect((await reviewRequest(r, deps)).findings.map((f) => f.code)).not.toContain('permit2-batch-transfer-unlimited');
    }
  });
});
