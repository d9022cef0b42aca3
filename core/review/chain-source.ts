/** Saying which source read the chain for a review: "Checked through MetaMask's RPC for Linea Mainnet". */
import { describeSource, type RpcSource } from '../chain/rpc-sources';
import { text } from '../i18n/localized';
import type { ReviewCard } from './types';

/** A card naming the sources that answered this review's chain reads; undefined when none did. */
export function chainSourceCard(chainId: number, answered: readonly RpcSource[]): ReviewCard | undefined {
  if (answered.length === 0) return undefined;
  const names = answered.map((s) => describeSource(s, chainId));
  return {
    kind: 'chain-source',
    title: text('Chain reads', 'チェーンの読み取り'),
    rows: [{ label: text('Checked through', '確認に使った接続'), value: text(names.map((n) => n.en).join(', '), names.map((n) => n.ja).join('、')) }],
  };
}

/** Only the wallet (MetaMask) can read this chain: it does not serve eth_simulateV1 to other extensions. */
export function onlyWallet(sources: readonly RpcSource[] | undefined): boolean {
  return sources !== undefined && sources.length > 0 && sources.every((s) => s.kind === 'wallet');
}
