/**
 * The Safe deployment table read from the installed `@safe-global/safe-deployments` (Node: tests, CLI). The
 * extension build replaces this module with the same table as data (scripts/build/slim-safe-deployments.ts), so the
 * package, its ABIs and its chain lists never reach the bundle.
 */
import * as all from '@safe-global/safe-deployments/dist/deployments.js';
import { slimSafeDeployments, type SafeDeploymentJson, type SafeDeploymentTable } from './deployment-table';

/** Every deployment list the package keeps (its own index of its JSON assets, one list per contract family). */
export function packageDeployments(): SafeDeploymentJson[] {
  return Object.values(all as Record<string, unknown>).filter(Array.isArray).flat() as SafeDeploymentJson[];
}

export const SAFE_DEPLOYMENTS: SafeDeploymentTable = slimSafeDeployments(packageDeployments());
