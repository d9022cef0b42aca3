/**
 * The Safe contracts of `@safe-global/safe-deployments`, reduced to what the review needs: which contract (and
 * which Safe versions) sits at an address. The package ships every ABI and every chain's address list (~770 kB);
 * the extension bundles only this table (scripts/build/slim-safe-deployments.ts), Node reads the package itself
 * (deployment-source.ts), and scripts/build/slim-safe-deployments.test.ts checks that the two agree.
 */

/** One deployment as the package's JSON assets describe it (the fields read here). */
export interface SafeDeploymentJson {
  contractName: string;
  version: string;
  released: boolean;
  /** canonical / eip155 / zksync: the address each deployment method gave the contract. */
  deployments: Partial<Record<string, { address: string }>>;
}

export interface SafeContractEntry {
  /** The contract's name in the package: MultiSend, MultiSendCallOnly, SignMessageLib, GnosisSafe, SafeMigration… */
  contract: string;
  /** Every Safe version the package lists this address for, oldest first. */
  versions: string[];
}

/** Lowercase address → the Safe contract deployed there. */
export type SafeDeploymentTable = Readonly<Record<string, SafeContractEntry>>;

const byVersion = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/**
 * The table: every address of every released deployment (all methods: canonical, EIP-155, zkSync). An address is the
 * same contract on every chain it exists on (each method deploys deterministically: CREATE2 through a factory, or a
 * fixed deployer and nonce), so the table needs no chain list.
 */
export function slimSafeDeployments(deployments: readonly SafeDeploymentJson[]): Record<string, SafeContractEntry> {
  const table: Record<string, SafeContractEntry> = {};
  for (const d of deployments) {
    if (!d.released) continue;
    for (const where of Object.values(d.deployments)) {
      if (!where) continue;
      const key = where.address.toLowerCase();
      const entry = (table[key] ??= { contract: d.contractName, versions: [] });
      if (entry.contract !== d.contractName) throw new Error(`${key} is listed as ${entry.contract} and ${d.contractName}`);
      if (!entry.versions.includes(d.version)) entry.versions.push(d.version);
    }
  }
  for (const entry of Object.values(table)) entry.versions.sort(byVersion);
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)));
}
