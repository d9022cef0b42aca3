import { chainName, knownChain } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import type { Finding } from '../types';

/** A switch to a known chain is worth knowing (info); to a chain Preflight does not know, a caution. */
export const chainSwitchAnalyzer: Analyzer = {
  id: 'chain-switch',
  kinds: ['switch-chain'],
  analyze(ctx) {
    if (ctx.parsed.kind !== 'switch-chain') return undefined;
    const target = ctx.parsed.chainId;
    const chain = knownChain(target);
    const from = chainName(ctx.request.chainId);
    const findings: Finding[] = [];
    if (chain) {
      findings.push({
        code: 'chain-switch',
        severity: 'info',
        title: text(`The site switches your wallet from ${from} to ${chain.name}`, `サイトがウォレットを ${from} から ${chain.name} に切り替えます`),
        detail: text('Later requests will be on the new network. Check the network in MetaMask before you sign.', '以降のリクエストは新しいネットワーク上で行われます。署名前に MetaMask でネットワークを確認してください。'),
      });
    } else {
      findings.push({
        code: 'unknown-chain',
        severity: 'warn',
        title: text(`Switch to an unknown network (id ${target})`, `不明なネットワーク（ID ${target}）への切り替え`),
        detail: text('Preflight does not know this chain: its tokens and prices may not be what the site claims.', 'Preflight はこのチェーンを知りません。トークンや価格がサイトの主張どおりとは限りません。'),
      });
    }
    return { findings };
  },
};
