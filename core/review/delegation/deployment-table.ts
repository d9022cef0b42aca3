import { DELEGATOR_CONTRACTS } from '@metamask/delegation-deployments';
import { indexDeployments, type DelegationContract } from './deployment-index';

/**
 * Lower-cased address → Delegation Framework contract, from @metamask/delegation-deployments (every chain and
 * version it lists). In the extension this module is replaced at build time by the same table as plain data
 * (scripts/build/slim-delegation-deployments.ts), so the package itself is not bundled.
 */
export const DELEGATION_CONTRACTS: Readonly<Record<string, DelegationContract>> = indexDeployments(DELEGATOR_CONTRACTS);
