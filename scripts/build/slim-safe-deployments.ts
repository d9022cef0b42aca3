/**
 * The extension needs, from `@safe-global/safe-deployments`, only which Safe contract sits at which address (a few
 * kB); the package is ~770 kB of JSON (every ABI, every chain's address list). So, at build time, this Vite plugin
 * replaces `core/review/safe/deployment-source.ts` (which reads the package in Node: tests, CLI) with a module
 * exporting the same table as data. scripts/build/slim-safe-deployments.test.ts checks that the table equals what
 * the package lists.
 */
import type { Plugin } from 'vite';
import { slimSafeDeployments, type SafeDeploymentJson } from '../../core/review/safe/deployment-table';

const VIRTUAL = '\0preflight:safe-deployments-slim';

/** Source of a module with deployment-source.ts's export (SAFE_DEPLOYMENTS), as data. */
export function slimSafeDeploymentsSource(all: Record<string, unknown>): string {
  const deployments = Object.values(all).filter(Array.isArray).flat() as SafeDeploymentJson[];
  return `export const SAFE_DEPLOYMENTS = ${JSON.stringify(slimSafeDeployments(deployments))};\n`;
}

export function slimSafeDeploymentsPlugin(): Plugin {
  return {
    name: 'preflight-slim-safe-deployments',
    enforce: 'pre',
    resolveId(source, importer) {
      if (/(^|[\\/])deployment-source(\.ts)?$/.test(source) && importer && /core[\\/]review[\\/]safe[\\/][^\\/]+\.ts$/.test(importer)) return VIRTUAL;
      return null;
    },
    async load(id) {
      if (id !== VIRTUAL) return null;
      const all = (await import('@safe-global/safe-deployments/dist/deployments.js')) as Record<string, unknown>;
      return slimSafeDeploymentsSource(all);
    },
  };
}
