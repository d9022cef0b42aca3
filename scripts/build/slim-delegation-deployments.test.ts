import { DELEGATOR_CONTRACTS } from '@metamask/delegation-deployments';
import { describe, expect, it } from 'vitest';
import { DELEGATION_CONTRACTS } from '../../core/review/delegation/deployment-table';
import { slimDeploymentsSource } from './slim-delegation-deployments';

/** Evaluates the generated module source the way the bundle would run it. */
async function loadGenerated(): Promise<Record<string, { name: string; versions: string[] }>> {
  const source = slimDeploymentsSource(DELEGATOR_CONTRACTS);
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as { DELEGATION_CONTRACTS: Record<string, { name: string; versions: string[] }> };
  return mod.DELEGATION_CONTRACTS;
}

describe('the Delegation Framework address table bundled into the extension', () => {
  it('names every address the package lists, for every chain and version, and nothing else', async () => {
    const table = await loadGenerated();
    const expected = new Map<string, { name: string; versions: Set<string> }>();
    for (const [version, chains] of Object.entries(DELEGATOR_CONTRACTS)) {
      for (const contracts of Object.values(chains)) {
        for (const [name, address] of Object.entries(contracts)) {
          const e = expected.get(address.toLowerCase()) ?? { name, versions: new Set<string>() };
          e.versions.add(version);
          expected.set(address.toLowerCase(), e);
        }
      }
    }
    expect(Object.keys(table).sort()).toEqual([...expected.keys()].sort());
    for (const [address, e] of expected) {
      expect(table[address]?.name, address).toBe(e.name);
      expect(new Set(table[address]?.versions), address).toEqual(e.versions);
    }
  });

  it('is the same table Node builds from the package', async () => {
    expect(await loadGenerated()).toEqual(DELEGATION_CONTRACTS);
  });

  it('knows the contracts a review relies on', () => {
    expect(DELEGATION_CONTRACTS['0xdb9b1e94b5b69df7e401ddbede43491141047db3']).toEqual({ name: 'DelegationManager', versions: ['1.3.0'] });
    expect(DELEGATION_CONTRACTS['0x63c0c19a282a1b52b07dd5a65b58948a07dae32b']?.name).toBe('EIP7702StatelessDeleGatorImpl');
    expect(DELEGATION_CONTRACTS['0x7f20f61b1f09b08d970938f6fa563634d65c4eeb']?.name).toBe('AllowedTargetsEnforcer');
    // 1.0.0 on Sepolia and Linea Sepolia replaced the HybridDeleGator implementation.
    expect(DELEGATION_CONTRACTS['0x5989f5d13df8fc818eda65e417aed90459fd67f7']).toEqual({ name: 'HybridDeleGatorImpl', versions: ['1.0.0'] });
  });
});
