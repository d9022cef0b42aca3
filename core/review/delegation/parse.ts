import type { Address, Hex } from 'viem';
import type { TypedDataPayload } from '../request';
import { asAddress, asList, asRecord, hasFields } from '../typed-data/values';
import { DELEGATION_CONTRACTS } from './deployment-table';

/** DelegationManager.ROOT_AUTHORITY: the delegation is granted by the delegator's own account, not passed on. */
export const ROOT_AUTHORITY = `0x${'f'.repeat(64)}`;
/** DelegationManager.ANY_DELEGATE: whoever holds the signed delegation may redeem it. */
export const ANY_DELEGATE = '0x0000000000000000000000000000000000000a11';
/** Nested caveats (LogicalOrWrapper groups) are read this deep at most. */
export const MAX_CAVEATS = 64;

export interface RawCaveat {
  enforcer?: Address;
  /** Hex as given; undefined when the message has none or not hex. */
  terms?: Hex;
}

/** MetaMask Delegation Framework (ERC-7710) `Delegation(delegate, delegator, authority, caveats, salt)`, as signed. */
export interface ParsedDelegation {
  delegate?: Address;
  delegator?: Address;
  /** bytes32: ROOT_AUTHORITY, or the hash of the delegation this one passes on. */
  authority?: Hex;
  /** A delegation of the delegator's own account (ROOT_AUTHORITY, or an authority that cannot be read). */
  root: boolean;
  caveats: RawCaveat[];
  /** The domain's verifyingContract, and whether @metamask/delegation-deployments lists it as a DelegationManager. */
  manager?: Address;
  managerVersions?: readonly string[];
}

const asHex = (v: unknown): Hex | undefined => (typeof v === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(v) ? (v.toLowerCase() as Hex) : undefined);

/**
 * Recognises a Delegation by its type structure (primaryType Delegation with delegate, delegator, authority and a
 * caveats list), whatever the domain calls itself: a look-alike domain is still a delegation, only one the framework's
 * DelegationManager may not honour. Undefined for anything else.
 */
export function parseDelegation(data: TypedDataPayload): ParsedDelegation | undefined {
  if (data.primaryType !== 'Delegation' || !hasFields(data.types, 'Delegation', ['delegate', 'delegator', 'authority', 'caveats'])) return undefined;
  const m = data.message;
  const authority = asHex(m.authority);
  const manager = data.domain.verifyingContract;
  const known = manager ? DELEGATION_CONTRACTS[manager] : undefined;
  return {
    delegate: asAddress(m.delegate),
    delegator: asAddress(m.delegator),
    authority,
    // Only a readable 32-byte hash other than ROOT_AUTHORITY passes authority on; anything else is judged as the worst case, a root.
    root: !(authority && authority.length === 66 && authority !== ROOT_AUTHORITY),
    caveats: asList(m.caveats)
      .slice(0, MAX_CAVEATS)
      .map((c) => {
        const r = asRecord(c);
        return { enforcer: asAddress(r?.enforcer), terms: asHex(r?.terms) };
      }),
    manager,
    ...(known?.name === 'DelegationManager' ? { managerVersions: known.versions } : {}),
  };
}
