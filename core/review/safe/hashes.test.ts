import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { NOW_MS } from '../fixtures/build';
import * as F from '../fixtures/safe';
import type { Review, SigningRequest } from '../types';

const review = (r: SigningRequest) => reviewRequest(r, { now: () => NOW_MS });
const row = (r: Review, label: string) => {
  const found = r.cards.find((c) => c.kind === 'safe')?.rows.find((x) => x.label.en === label);
  return typeof found?.value === 'string' ? found.value : found?.value.en;
};
/** The panel shows the device's two hashes as Ledger prints them (0x, upper case) and the safeTxHash as the Safe app does. */
const device = (h: string) => `0x${h.slice(2).toUpperCase()}`;

/** Requests whose three hashes were published by someone else (the tool signers use to check their Ledger, an SDK's test). */
const VECTORS: [string, SigningRequest, { domain: string; message: string; safeTx: string }, string][] = [
  ['addOwnerWithThreshold, Arbitrum, Safe 1.3.0+L2', F.ARB_ADD_OWNER, F.ARB_ADD_OWNER_HASHES, 'safeTxHash'],
  ['the same, tampered (DELEGATECALL, WETH refund)', F.ARB_TAMPERED, F.ARB_TAMPERED_HASHES, 'safeTxHash'],
  ['MultiSendCallOnly batch, mainnet', F.MAINNET_MULTISEND, F.MAINNET_MULTISEND_HASHES, 'safeTxHash'],
  ['0.1 ETH, Sepolia', F.SEPOLIA_TRANSFER, F.SEPOLIA_TRANSFER_HASHES, 'safeTxHash'],
  ['nested Safe approveHash, Sepolia', F.SEPOLIA_NESTED_APPROVE, F.SEPOLIA_NESTED_APPROVE_HASHES, 'safeTxHash'],
  ['SafeMessage (OpenSea sign-in), Sepolia', F.SEPOLIA_SAFE_MESSAGE, F.SEPOLIA_SAFE_MESSAGE_HASHES, 'Safe message hash'],
  ['token transfer, Base (morpho-org/safe-tx-hash)', F.BASE_TOKEN_TRANSFER, F.BASE_TOKEN_TRANSFER_HASHES, 'safeTxHash'],
];

describe('Safe hashes, as the device and the Safe app show them', () => {
  it.each(VECTORS)('%s: domain, message and signed hash equal the published ones', async (_name, request, hashes, signedLabel) => {
    const r = await review(request);
    expect(row(r, 'Domain hash')).toBe(device(hashes.domain));
    expect(row(r, 'Message hash')).toBe(device(hashes.message));
    expect(row(r, signedLabel)).toBe(hashes.safeTx);
  });

  it('the Bybit SafeTx (Safe 1.1.1, domain without chainId): the safeTxHash its three owners signed', async () => {
    const r = await review(F.BYBIT_SAFETX);
    expect(row(r, 'safeTxHash')).toBe(F.BYBIT_SAFE_TX_HASH);
    expect(row(r, 'Network')).toMatch(/any chain this Safe exists on/);
  });

  it('a SafeTx whose domain is not a Safe’s (a name added): no hash is shown, and the card says the signature fits no Safe', async () => {
    const typed = JSON.parse((F.SEPOLIA_TRANSFER.params as string[])[1]!) as { types: Record<string, unknown>; domain: Record<string, unknown> };
    typed.types.EIP712Domain = [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }];
    typed.domain.name = 'Safe';
    const r = await review({ ...F.SEPOLIA_TRANSFER, params: [(F.SEPOLIA_TRANSFER.params as string[])[0], JSON.stringify(typed)] });
    expect(row(r, 'Domain hash')).toBeUndefined();
    expect(row(r, 'Hashes')).toMatch(/not shown/);
    expect(r.cards.find((c) => c.kind === 'safe')?.note?.en).toMatch(/not valid for any Safe/);
    expect(r.summary.en).toMatch(/no Safe can execute/);
  });

  it('the hash rows are marked for the fixed-width, wrap-anywhere style of the 360 px panel', async () => {
    const r = await review(F.SEPOLIA_TRANSFER);
    const rows = r.cards.find((c) => c.kind === 'safe')!.rows.filter((x) => /hash/i.test(x.label.en));
    expect(rows).toHaveLength(3);
    for (const x of rows) expect(x.mono).toBe(true);
  });
});
