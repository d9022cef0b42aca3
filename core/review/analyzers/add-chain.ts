import { knownChain } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import type { Finding } from '../types';

/** Symbols a chain's native currency had before a rename; dApps still send them. */
const FORMER_SYMBOLS: Record<number, string[]> = { 137: ['MATIC'] };

function host(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * wallet_addEthereumChain: for a chain Preflight knows, an RPC or currency other than the known
 * one is danger (a malicious RPC can lie about balances and simulations, or log your activity);
 * an unknown chain id is a caution; a faithful copy of a known chain is info.
 */
export const addChainAnalyzer: Analyzer = {
  id: 'add-chain',
  kinds: ['add-chain'],
  analyze(ctx) {
    if (ctx.parsed.kind !== 'add-chain') return undefined;
    const { chainId, rpcUrls, currencySymbol, currencyDecimals, chainName } = ctx.parsed;
    const name = chainName ?? `chain ${chainId}`;
    const known = knownChain(chainId);
    if (!known) {
      const finding: Finding = {
        code: 'unknown-chain',
        severity: 'warn',
        title: text(`Add an unknown network: ${name} (id ${chainId})`, `不明なネットワークの追加：${name}（ID ${chainId}）`),
        detail: text(
          `Preflight does not know this chain. Its RPC (${rpcUrls[0] ?? 'none given'}) will see your addresses and can report any balance it likes. Add it only if you came for this network.`,
          `Preflight はこのチェーンを知りません。その RPC（${rpcUrls[0] ?? '指定なし'}）はあなたのアドレスを把握でき、任意の残高を表示できます。このネットワークを使う目的がある場合にのみ追加してください。`,
        ),
      };
      return { findings: [finding] };
    }
    const knownHosts = new Set(known.publicRpcs.map(host));
    const strangeRpcs = rpcUrls.filter((u) => !knownHosts.has(host(u)));
    const symbols = [known.currency.symbol, ...(FORMER_SYMBOLS[chainId] ?? [])].map((s) => s.toUpperCase());
    const wrongCurrency = (currencySymbol !== undefined && !symbols.includes(currencySymbol.toUpperCase())) || (currencyDecimals !== undefined && currencyDecimals !== known.currency.decimals);
    if (strangeRpcs.length === 0 && !wrongCurrency) {
      return {
        findings: [
          {
            code: 'chain-switch',
            severity: 'info',
            title: text(`Add ${known.name} with its usual settings`, `${known.name} を通常の設定で追加`),
          },
        ],
      };
    }
    const what = [
      ...(strangeRpcs.length ? [text(`RPC ${strangeRpcs[0]}`, `RPC ${strangeRpcs[0]}`)] : []),
      ...(wrongCurrency ? [text(`currency ${currencySymbol ?? '?'} (${currencyDecimals ?? '?'} decimals) instead of ${known.currency.symbol}`, `通貨 ${currencySymbol ?? '?'}（小数点 ${currencyDecimals ?? '?'} 桁）、本来は ${known.currency.symbol}`)] : []),
    ];
    return {
      findings: [
        {
          code: 'unknown-chain',
          severity: 'danger',
          title: text(`${known.name} (id ${chainId}) with settings that are not its own`, `本来の設定と異なる ${known.name}（ID ${chainId}）`),
          detail: text(
            `The site adds ${known.name} with ${what.map((w) => w.en).join(' and ')}. A rogue RPC can fake balances and simulations, hide transactions, or track you; a wrong currency makes amounts lie. Reject, and keep the network settings you have.`,
            `サイトは ${known.name} を ${what.map((w) => w.ja).join('、')} で追加しようとしています。不正な RPC は残高やシミュレーションを偽装し、取引を隠し、あなたを追跡できます。誤った通貨は金額を偽ります。拒否して、現在のネットワーク設定を維持してください。`,
          ),
        },
      ],
    };
  },
};
