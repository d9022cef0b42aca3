import { hashStruct } from 'viem';
import { describe, expect, it } from 'vitest';
import { reviewRequest } from '../engine';
import { BLUR_V2_ORDER } from '../fixtures/outside';
import type { SigningRequest } from '../types';
import { parseNftMarketplaceOrder } from './marketplace';

/** Blur Exchange V2's Order (BlurV2TypeHashes), its mainnet domain, and an order from rarible/protocol's BlurV2OrderTest. */
const TYPES = {
  EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
  Order: [
    { name: 'trader', type: 'address' }, { name: 'collection', type: 'address' }, { name: 'listingsRoot', type: 'bytes32' }, { name: 'numberOfListings', type: 'uint256' },
    { name: 'expirationTime', type: 'uint256' }, { name: 'assetType', type: 'uint8' }, { name: 'makerFee', type: 'FeeRate' }, { name: 'salt', type: 'uint256' },
    { name: 'orderType', type: 'uint8' }, { name: 'nonce', type: 'uint256' },
  ],
  FeeRate: [{ name: 'recipient', type: 'address' }, { name: 'rate', type: 'uint16' }],
};
const DOMAIN = { name: 'Blur Exchange', version: '1.0', chainId: 1, verifyingContract: '0xb2ecfe4e4d61f8790bbb9de2d1259b9e2410cea5' };
const request = (origin: string): SigningRequest => ({ method: 'eth_signTypedData_v4', params: [BLUR_V2_ORDER.trader, JSON.stringify({ types: TYPES, primaryType: 'Order', domain: DOMAIN, message: BLUR_V2_ORDER })], origin, chainId: 1 });

describe('Blur v2 orders: listings behind a Merkle root', () => {
  it('the order is the one rarible hashes to 0x21b7…fa40 (so the fixture is Blur v2\'s real layout)', () => {
    const { EIP712Domain: _domain, ...types } = TYPES;
    const message = { ...BLUR_V2_ORDER, numberOfListings: 1n, expirationTime: 1690353958n, assetType: 0, makerFee: { recipient: BLUR_V2_ORDER.makerFee.recipient, rate: 0 }, salt: BigInt(BLUR_V2_ORDER.salt), orderType: 0, nonce: 0n };
    expect(hashStruct({ types, primaryType: 'Order', data: message as never })).toBe('0x21b7d4ae06f010118c4c4e976182504160a6ad111f471ea8df38ad045ff7fa40');
  });

  it('is read as a blind root of its listings, not as a v1 order of token #0 for 0 ETH', () => {
    const order = parseNftMarketplaceOrder({ types: TYPES, primaryType: 'Order', domain: DOMAIN, message: BLUR_V2_ORDER } as never);
    expect(order).toMatchObject({ marketplace: 'Blur', blind: true, orders: 1, give: [], get: [] });
  });

  it('danger off blur.io (the signer cannot see what it lists), info on blur.io', async () => {
    const off = await reviewRequest(request('https://blur-season3-airdrop.example'), { now: Date.now });
    expect(off.verdict).toBe('danger');
    expect(off.findings.map((f) => f.code)).toEqual(['blur-root-off-site', 'marketplace-order-signature']);
    expect(off.findings[0]!.title.en).toBe('A Blur order whose listings sit behind a Merkle root, signed on blur-season3-airdrop.example, not on blur.io');
    const on = await reviewRequest(request('https://blur.io'), { now: Date.now });
    expect(on.verdict).toBe('ok');
    expect(on.findings[0]!.title.en).toBe('Blur order over 1 listing: the listings are hidden behind a Merkle root');
  });
});
