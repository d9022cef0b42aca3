/**
 * The extension needs one thing from @metamask/delegation-deployments: which contract of MetaMask's Delegation
 * Framework an address is (core/review/delegation/deployment-table.ts). At build time this Vite plugin loads the real
 * package in Node, indexes it with the same function the module uses, and replaces that module with the index as
 * plain data ("address": "Name version…"), so neither the package nor the indexing code is bundled. Node (tests, CLI)
 * keeps importing the package; slim-delegation-deployments.test.ts checks both give the same table.
 */
import type { Plugin } from 'vite';
import { indexDeployments, type DeployedContracts } from '../../core/review/delegation/deployment-index';

const TABLE_MODULE = /core[\\/]review[\\/]delegation[\\/]deployment-table\.ts$/;

/** Source of a module with the same export as deployment-table.ts, built from the package's data. */
export function slimDeploymentsSource(all: DeployedContracts): string {
  const index = indexDeployments(all);
  const compact = Object.fromEntries(Object.entries(index).map(([address, c]) => [address.slice(2), [c.name, ...c.versions].join(' ')]));
  return [
    `const raw = ${JSON.stringify(compact)};`,
    'export const DELEGATION_CONTRACTS = Object.fromEntries(Object.entries(raw).map(([a, s]) => { const [name, ...versions] = s.split(" "); return ["0x" + a, { name, versions }]; }));',
  ].join('\n');
}

export function slimDelegationDeployments(): Plugin {
  return {
    name: 'preflight-slim-delegation-deployments',
    enforce: 'pre',
    async load(id) {
      if (!TABLE_MODULE.test(id.split('?')[0]!)) return null;
      const { DELEGATOR_CONTRACTS } = await import('@metamask/delegation-deployments');
      return slimDeploymentsSource(DELEGATOR_CONTRACTS);
    },
  };
}
