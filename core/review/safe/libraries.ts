import type { Address } from 'viem';
import { SAFE_DEPLOYMENTS } from './deployment-source';
import type { SafeContractEntry } from './deployment-table';

/**
 * Safe's own libraries, written to run inside a Safe through DELEGATECALL: batching (MultiSend, MultiSendCallOnly),
 * on-chain message approval (SignMessageLib), contract creation (CreateCall) and the upgrades Safe ships
 * (SafeMigration, SafeToL2Migration, SafeToL2Setup). Anything else run by DELEGATECALL gets the Safe's storage and
 * balance as its own. (SimulateTxAccessor is left out on purpose: its simulate() runs any call as the Safe.)
 */
const LIBRARIES = new Set(['MultiSend', 'MultiSendCallOnly', 'SignMessageLib', 'CreateCall', 'SafeMigration', 'SafeToL2Migration', 'SafeToL2Setup']);
/** Libraries that replace the Safe's singleton (its code) when run: a control change, not a plain library call. */
export const MIGRATIONS = new Set(['SafeMigration', 'SafeToL2Migration', 'SafeToL2Setup']);
export const MULTISENDS = new Set(['MultiSend', 'MultiSendCallOnly']);

export interface SafeContract extends SafeContractEntry {
  address: Address;
  /** One of Safe's libraries, meant to be run by DELEGATECALL. */
  library: boolean;
}

/** The Safe contract at `address` per @safe-global/safe-deployments (any chain, any version), or undefined. */
export function safeContractAt(address: string): SafeContract | undefined {
  const entry = SAFE_DEPLOYMENTS[address.toLowerCase()];
  return entry ? { ...entry, address: address.toLowerCase() as Address, library: LIBRARIES.has(entry.contract) } : undefined;
}

/** "Safe MultiSendCallOnly 1.4.1", "GnosisSafe 1.1.1", "SafeL2 1.4.1" */
export function contractLabel(c: SafeContractEntry): string {
  return `${/^(Gnosis)?Safe/.test(c.contract) ? '' : 'Safe '}${c.contract} ${c.versions.join('/')}`;
}
