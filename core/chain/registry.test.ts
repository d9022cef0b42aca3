import * as viemChains from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { gasChain } from '../gas/chains';
import { chainList } from './chain-search';
import { registryChain, registryChains } from './registry';
import { isKnownRpcFor } from './rpc-hosts';

describe('chain registry (viem/chains)', () => {
  it('has every chain viem exports, one entry per id', () => {
    const ids = new Set((Object.values(viemChains) as unknown[]).flatMap((c) => (typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'number' ? [(c as { id: number }).id] : [])));
    expect(registryChains().length).toBe(ids.size);
    expect(registryChains().length).toBeGreaterThan(500);
  });
  it('reads names, currencies, explorers and public RPCs from viem', () => {
    const linea = registryChain(59144)!;
    expect(linea.name).toBe(viemChains.linea.name);
    expect(linea.currency.symbol).toBe('ETH');
    expect(linea.publicRpcs).toEqual(viemChains.linea.rpcUrls.default.http);
    expect(linea.explorer?.url).toBe(viemChains.linea.blockExplorers.default.url);
    expect(registryChain(56)!.currency.symbol).toBe('BNB');
    expect(registryChain(424_242)).toBeUndefined();
  });
  it('marks OP-stack chains by their predeploys (all of viem’s, not a hand list)', () => {
    const op = registryChains().filter((c) => c.opStack);
    expect(op.map((c) => c.id)).toEqual(expect.arrayContaining([10, 8453, 7777777, 81457]));
    expect(op.length).toBeGreaterThan(30);
    expect(registryChain(42161)!.opStack).toBe(false);
    expect(registryChain(1)!.opStack).toBe(false);
  });
  it('prefers a mainnet over a testnet that reuses its id', () => {
    // 999 is HyperEVM's id and also an old Zora testnet's and Wanchain testnet's in viem.
    expect(registryChain(999)!.testnet).toBe(false);
  });
});

describe('Preflight facts on top of the registry', () => {
  it('gives every OP-stack chain in the registry the op-stack kind and its constants', () => {
    for (const c of registryChains().filter((x) => x.opStack)) {
      const g = gasChain(c.id);
      expect(g.l2).toBe('op-stack');
      expect(g.baseFeeRule).toBe('eip1559');
      expect([g.elasticityMultiplier, g.baseFeeChangeDenominator]).toEqual([6n, 250n]);
    }
  });
  it('falls back: own facts, then registry, then Ethereum-like defaults with the node as the base-fee source', () => {
    expect(gasChain(137)).toMatchObject({ name: 'Polygon PoS', nativeSymbol: 'POL', minPriorityFeeWei: 25_000_000_000n, baseFeeRule: 'eip1559', known: true });
    expect(gasChain(42161)).toMatchObject({ l2: 'arbitrum', baseFeeRule: 'node', blockTimeSeconds: 0.25 });
    expect(gasChain(59144)).toMatchObject({ name: registryChain(59144)!.name, l2: 'none', baseFeeRule: 'node', blockTimeSeconds: 2, known: true });
    expect(gasChain(424_242)).toMatchObject({ name: 'Chain 424242', nativeSymbol: 'ETH', blockTimeSeconds: 12, baseFeeRule: 'node', known: false });
  });
  it('prices ETH chains with ETH/USD, others only with their own feed', () => {
    expect(gasChain(8453).usdFeed).toBe(gasChain(1).usdFeed);
    expect(gasChain(137).usdFeed).not.toBe(gasChain(1).usdFeed);
    expect(gasChain(5000).usdFeed).toBeUndefined(); // Mantle's MNT: no feed in the table, so no fiat figure
  });
});

describe('network list and search', () => {
  const recent = { '59144': 3_000, '10': 1_000, '8453': 2_000 };
  it('lists recently used networks first, then the configured and pinned ones', () => {
    const ids = chainList({ query: '', recent, configured: [31337], pinned: [1] }).map((r) => r.id);
    expect(ids).toEqual([59144, 8453, 10, 31337, 1]);
  });
  it('finds any registry chain by name or id, and offers any other id', () => {
    expect(chainList({ query: 'linea', recent: {}, configured: [] }).map((r) => r.id)).toContain(59144);
    const byId = chainList({ query: '59144', recent: {}, configured: [] });
    expect(byId[0]).toMatchObject({ id: 59144, known: true });
    const unknown = chainList({ query: '424242', recent: {}, configured: [] });
    expect(unknown[0]).toMatchObject({ id: 424242, known: false, publicRpcs: [] });
    expect(chainList({ query: '0xe708', recent: {}, configured: [] })[0]!.id).toBe(59144);
  });
});

describe('RPC hosts a chain is known to use', () => {
  it('accepts the registry’s hosts, their domains and multi-chain providers; not strangers', () => {
    expect(isKnownRpcFor(8453, 'https://mainnet.base.org')).toBe(true);
    expect(isKnownRpcFor(59144, 'https://linea-mainnet.infura.io/v3/key')).toBe(true);
    expect(isKnownRpcFor(137, 'https://polygon-rpc.com')).toBe(true);
    expect(isKnownRpcFor(1, 'https://rpc.eth-mainnet-fast.example')).toBe(false);
    expect(isKnownRpcFor(1, 'not a url')).toBe(false);
  });
});

describe('the extension’s build-time slim copy of viem/chains', () => {
  it('gives the same registry as viem/chains itself', async () => {
    const { slimChainsSource } = await import('../../scripts/build/slim-viem-chains');
    const source = slimChainsSource(viemChains as unknown as Record<string, unknown>);
    // The module: `const chains = JSON.parse("…");` then `export const <name> = chains.<name>;` per chain.
    const data = JSON.parse(JSON.parse(/^const chains = JSON\.parse\((".*")\);$/m.exec(source)![1]!) as string) as Record<string, unknown>;
    const exported = Object.fromEntries([...source.matchAll(/^export const (\w+) = chains\.(\w+);$/gm)].map((m) => [m[1]!, data[m[2]!]]));
    expect(Object.keys(exported).length).toBeGreaterThan(500);
    const { buildRegistry } = await import('./registry');
    const slim = buildRegistry(exported);
    const real = buildRegistry(viemChains as unknown as Record<string, unknown>);
    expect(slim.size).toBe(real.size);
    expect([...slim.values()]).toEqual([...real.values()]);
  });
});
