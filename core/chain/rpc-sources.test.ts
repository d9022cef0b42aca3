import { describe, expect, it } from 'vitest';
import { registryChain } from './registry';
import { describeSource, rpcSources } from './rpc-sources';

describe('the order chains are read in', () => {
  const lineaPublic = registryChain(59144)!.publicRpcs;
  it('user RPC → MetaMask → the registry’s public RPC', () => {
    expect(rpcSources({ chainId: 59144, userRpc: 'https://mine.example/', wallet: true })).toEqual([
      { kind: 'user', url: 'https://mine.example/' },
      { kind: 'wallet' },
      ...lineaPublic.map((url) => ({ kind: 'public', url })),
    ]);
  });
  it('no user RPC: MetaMask first, then public', () => {
    expect(rpcSources({ chainId: 59144, wallet: true })[0]).toEqual({ kind: 'wallet' });
    expect(rpcSources({ chainId: 59144 })).toEqual(lineaPublic.map((url) => ({ kind: 'public', url })));
  });
  it('"only my RPC" drops the public endpoints, never the user’s nor MetaMask’s', () => {
    expect(rpcSources({ chainId: 59144, userRpc: 'https://mine.example/', wallet: true, onlyMine: true })).toEqual([{ kind: 'user', url: 'https://mine.example/' }, { kind: 'wallet' }]);
    expect(rpcSources({ chainId: 59144, onlyMine: true })).toEqual([]);
  });
  it('a chain no registry knows has only what the user or MetaMask give', () => {
    expect(rpcSources({ chainId: 424242 })).toEqual([]);
    expect(rpcSources({ chainId: 424242, wallet: true })).toEqual([{ kind: 'wallet' }]);
  });
  it('names each source for the panel', () => {
    expect(describeSource({ kind: 'wallet' }, 59144).en).toBe(`MetaMask's RPC for ${registryChain(59144)!.name}`);
    expect(describeSource({ kind: 'user', url: 'https://node.example/v1/key' }, 1).en).toBe('your RPC (node.example)');
  });
});
