/** A contract of MetaMask's Delegation Framework, as @metamask/delegation-deployments lists it. */
export interface DelegationContract {
  /** The package's name for it: "DelegationManager", "AllowedTargetsEnforcer", "EIP7702StatelessDeleGatorImpl"… */
  name: string;
  /** Framework versions that list this address ("1.3.0"), oldest first. */
  versions: readonly string[];
}

/** The package's shape: version → chain id → contract name → address. */
export type DeployedContracts = Readonly<Record<string, Readonly<Record<number | string, Readonly<Record<string, string>>>>>>;

const byVersion = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Every address the package lists, on any chain and in any version, lower-cased, with its name. The framework
 * deploys through the deterministic CREATE2 factory, so one address holds the same code on every chain that has it;
 * an address is therefore named without its chain. Throws if the package ever gives one address two names.
 */
export function indexDeployments(all: DeployedContracts): Record<string, DelegationContract> {
  const out: Record<string, { name: string; versions: string[] }> = {};
  for (const [version, chains] of Object.entries(all)) {
    for (const contracts of Object.values(chains)) {
      for (const [name, address] of Object.entries(contracts)) {
        const key = address.toLowerCase();
        const entry = (out[key] ??= { name, versions: [] });
        if (entry.name !== name) throw new Error(`${key} is listed as both ${entry.name} and ${name}`);
        if (!entry.versions.includes(version)) entry.versions.push(version);
      }
    }
  }
  for (const entry of Object.values(out)) entry.versions.sort(byVersion);
  return out;
}
