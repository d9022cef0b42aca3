import type { Address } from 'viem';
import { isUnlimited } from '../format';
import type { TypedDataPayload } from '../request';
import { asAddress, asBigInt, asBool, asList, asRecord } from './values';

export const PERMIT2_ADDRESS = '0x000000000022d473030f116ddee9f6b43ac78ba3';

/** One token allowance or transfer a signature grants. */
export interface PermitGrant {
  /** The token; undefined when the domain does not name it (a permit without verifyingContract). */
  token?: Address;
  amount: bigint;
  /** EIP-4494: the one NFT the permit approves (amount is 1). */
  tokenId?: bigint;
  unlimited: boolean;
  /** Until when the allowance (or the one-off transfer) can be used; seconds since epoch, 0 = never expires. */
  expiration?: bigint;
}

export interface ParsedPermit {
  family: 'permit' | 'permit2';
  /** eip2612 | dai | eip4494 | PermitSingle | PermitBatch | PermitTransferFrom | PermitBatchTransferFrom (+Witness variants) */
  variant: string;
  spender: Address;
  /** The account that signs away the allowance, when the message names it. */
  owner?: Address;
  grants: PermitGrant[];
  /** Until when the signature itself can be submitted. */
  sigDeadline?: bigint;
  /** A one-off transfer (Permit2 SignatureTransfer) rather than a standing allowance. */
  oneOff: boolean;
}

const PERMIT2_TYPES = new Set([
  'PermitSingle',
  'PermitBatch',
  'PermitTransferFrom',
  'PermitBatchTransferFrom',
  'PermitWitnessTransferFrom',
  'PermitBatchWitnessTransferFrom',
]);

const UINT160_MAX = 2n ** 160n - 1n;
const unlimited = (amount: bigint) => isUnlimited(amount) || amount >= UINT160_MAX;

function permit2(data: TypedDataPayload): ParsedPermit | undefined {
  const m = data.message;
  const spender = asAddress(m.spender);
  if (!spender) return undefined;
  const variant = data.primaryType;
  if (variant === 'PermitSingle' || variant === 'PermitBatch') {
    const details = variant === 'PermitSingle' ? [m.details] : asList(m.details);
    const grants = details.flatMap((d) => {
      const r = asRecord(d);
      const amount = asBigInt(r?.amount);
      if (!r || amount === undefined) return [];
      return [{ token: asAddress(r.token), amount, unlimited: unlimited(amount), expiration: asBigInt(r.expiration) }];
    });
    return { family: 'permit2', variant, spender, grants, sigDeadline: asBigInt(m.sigDeadline), oneOff: false };
  }
  // SignatureTransfer: permitted is one TokenPermissions or a list of them; usable once, until `deadline`.
  const permitted = Array.isArray(m.permitted) ? m.permitted : [m.permitted];
  const deadline = asBigInt(m.deadline);
  const grants = permitted.flatMap((p) => {
    const r = asRecord(p);
    const amount = asBigInt(r?.amount);
    if (!r || amount === undefined) return [];
    return [{ token: asAddress(r.token), amount, unlimited: unlimited(amount), expiration: deadline }];
  });
  return { family: 'permit2', variant, spender, grants, sigDeadline: deadline, oneOff: true };
}

/** Recognises EIP-2612, DAI-style and Permit2 permits by their real type structures; undefined for anything else. */
export function parsePermit(data: TypedDataPayload): ParsedPermit | undefined {
  const isPermit2Domain = data.domain.name === 'Permit2' || data.domain.verifyingContract?.toLowerCase() === PERMIT2_ADDRESS;
  if (PERMIT2_TYPES.has(data.primaryType) && (isPermit2Domain || data.message.spender !== undefined)) return permit2(data);
  if (data.primaryType !== 'Permit') return undefined;
  const m = data.message;
  const spender = asAddress(m.spender);
  if (!spender) return undefined;
  const token = data.domain.verifyingContract?.toLowerCase() as Address | undefined;
  // DAI (and its clones, e.g. on Polygon): Permit(holder, spender, nonce, expiry, allowed) — all or nothing.
  if ('allowed' in m || 'holder' in m) {
    const allowed = asBool(m.allowed) ?? true;
    const amount = allowed ? 2n ** 256n - 1n : 0n;
    return {
      family: 'permit',
      variant: 'dai',
      spender,
      owner: asAddress(m.holder),
      grants: [{ token, amount, unlimited: allowed, expiration: asBigInt(m.expiry) }],
      sigDeadline: asBigInt(m.expiry),
      oneOff: false,
    };
  }
  // EIP-4494 (NFT permit, e.g. Uniswap V3 positions): Permit(spender, tokenId, nonce, deadline), like approve(tokenId).
  const tokenId = asBigInt(m.tokenId);
  if (tokenId !== undefined && m.value === undefined && m.amount === undefined) {
    return { family: 'permit', variant: 'eip4494', spender, grants: [{ token, amount: 1n, tokenId, unlimited: false }], sigDeadline: asBigInt(m.deadline), oneOff: false };
  }
  const amount = asBigInt(m.value) ?? asBigInt(m.amount);
  if (amount === undefined) return undefined;
  return {
    family: 'permit',
    variant: 'eip2612',
    spender,
    owner: asAddress(m.owner),
    // An EIP-2612 allowance does not expire: the deadline only bounds when the signature can be used.
    grants: [{ token, amount, unlimited: unlimited(amount) }],
    sigDeadline: asBigInt(m.deadline),
    oneOff: false,
  };
}
