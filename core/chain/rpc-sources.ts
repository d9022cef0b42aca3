/**
 * Where a chain is read from, in order: the user's RPC from Settings, then the wallet's (MetaMask's RPC for that
 * network, when it can serve it), then the registry's public RPC unless the user ticked "only my RPC". A page's own
 * provider is never a source: a hostile page can answer anything through it.
 */
import { chainName } from './chains';
import { hostOf } from './rpc-hosts';
import { registryChain } from './registry';

export type RpcSource = { kind: 'user'; url: string } | { kind: 'wallet' } | { kind: 'public'; url: string };

export interface SourceOptions {
  chainId: number;
  /** The user's RPC for this chain (Settings). */
  userRpc?: string;
  /** "Only my RPC": never a public endpoint. The wallet's RPC is the user's own choice in MetaMask, so it stays. */
  onlyMine?: boolean;
  /** The wallet can serve this chain to Preflight now (MetaMask found, on this network or allowed to switch to it). */
  wallet?: boolean;
  /** Replaces the registry's public RPCs (tests, the CLI). */
  publicRpcs?: readonly string[];
}

export function rpcSources(o: SourceOptions): RpcSource[] {
  const out: RpcSource[] = [];
  if (o.userRpc) out.push({ kind: 'user', url: o.userRpc });
  if (o.wallet) out.push({ kind: 'wallet' });
  if (!o.onlyMine) {
    for (const url of o.publicRpcs ?? registryChain(o.chainId)?.publicRpcs ?? []) {
      if (!out.some((s) => s.kind !== 'wallet' && s.url === url)) out.push({ kind: 'public', url });
    }
  }
  return out;
}

/** "your RPC (node.example)", "MetaMask's RPC for Linea Mainnet", "the public RPC rpc.linea.build". */
export function describeSource(s: RpcSource, chainId: number): { en: string; ja: string } {
  const name = chainName(chainId);
  switch (s.kind) {
    case 'user':
      return { en: `your RPC (${hostOf(s.url) ?? s.url})`, ja: `あなたの RPC（${hostOf(s.url) ?? s.url}）` };
    case 'wallet':
      return { en: `MetaMask's RPC for ${name}`, ja: `MetaMask の ${name} 用 RPC` };
    case 'public':
      return { en: `the public RPC ${hostOf(s.url) ?? s.url}`, ja: `公開 RPC ${hostOf(s.url) ?? s.url}` };
  }
}
