import { knownChain, knownChains } from '../../chain/chains';
import { hostOf, isKnownRpcFor } from '../../chain/rpc-hosts';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import type { Finding, ReviewCard } from '../types';

/** Symbols a chain's native currency had before a rename; dApps still send them. */
const FORMER_SYMBOLS: Record<number, string[]> = { 137: ['MATIC'] };

/** Words chain names share without saying which chain it is. */
const FILLER = new Set(['mainnet', 'network', 'chain', 'smart', 'the', 'main', 'net', 'l2', 'c', 'evm']);
const words = (name: string) => new Set(name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !FILLER.has(w)));
/** "Linea" and "Linea Mainnet" are one name; "Some L2" and "Optimism Goerli" are not. */
export function sameChainName(a: string, b: string): boolean {
  const wa = words(a);
  return [...words(b)].some((w) => wa.has(w));
}

/** What the site claims, as a card: the user sees every field MetaMask will store. */
function claimCard(chainId: number, name: string, rpcUrls: readonly string[], symbol: string | undefined, decimals: number | undefined): ReviewCard {
  return {
    kind: 'add-chain',
    title: text('Network the site adds', 'サイトが追加するネットワーク'),
    rows: [
      { label: text('Name', '名前'), value: name },
      { label: text('Chain id', 'チェーン ID'), value: String(chainId) },
      { label: text('Currency', '通貨'), value: `${symbol ?? '?'} (${decimals ?? '?'} decimals)` },
      { label: text('RPC', 'RPC'), value: rpcUrls.map((u) => hostOf(u) ?? u).join(', ') || '—' },
    ],
  };
}

/**
 * wallet_addEthereumChain. A chain id the registry (viem/chains) knows is compared with it: another currency is
 * danger (amounts would lie); an RPC on a domain the chain is not known to use (registry, official hosts,
 * multi-chain providers: core/chain/rpc-hosts.ts) is danger on a mainnet (it sees your addresses and can fake
 * balances and simulations), a caution on a testnet; another name is said. A chain nobody knows is reviewed from
 * what it claims: a caution, more when it borrows a known chain's name or serves RPC without TLS.
 */
export const addChainAnalyzer: Analyzer = {
  id: 'add-chain',
  kinds: ['add-chain'],
  analyze(ctx) {
    if (ctx.parsed.kind !== 'add-chain') return undefined;
    const { chainId, rpcUrls, currencySymbol, currencyDecimals, chainName } = ctx.parsed;
    const name = chainName ?? `chain ${chainId}`;
    const cards = [claimCard(chainId, name, rpcUrls, currencySymbol, currencyDecimals)];
    const plain = rpcUrls.filter((u) => /^http:\/\//i.test(u) && !/^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/i.test(u));
    const known = knownChain(chainId);
    if (!known) {
      const borrowed = chainName ? knownChains().find((c) => !c.testnet && c.name.toLowerCase() === chainName.trim().toLowerCase()) : undefined;
      const notes: Localized[] = [
        ...(borrowed ? [text(`"${borrowed.name}" is the name of chain ${borrowed.id}, not ${chainId}: the site may be imitating it.`, `「${borrowed.name}」はチェーン ${borrowed.id} の名前で、${chainId} ではありません。なりすましの可能性があります。`)] : []),
        ...(plain.length ? [text(`Its RPC ${plain[0]} is not encrypted (http): anyone on the network path can read and change its answers.`, `RPC ${plain[0]} は暗号化されていません（http）。通信経路上の誰でも応答を読み取り、改ざんできます。`)] : []),
      ];
      const finding: Finding = {
        code: 'unknown-chain',
        severity: 'warn',
        title: text(`Add a network no registry knows: ${name} (id ${chainId})`, `どの登録簿にもないネットワークの追加：${name}（ID ${chainId}）`),
        detail: text(
          `Preflight can only review what the site claims (below). Its RPC (${rpcUrls[0] ?? 'none given'}) will see your addresses and can report any balance it likes. Add it only if you came for this network.${notes.map((n) => ` ${n.en}`).join('')}`,
          `Preflight はサイトの申告内容（下記）しか確認できません。その RPC（${rpcUrls[0] ?? '指定なし'}）はあなたのアドレスを把握でき、任意の残高を表示できます。このネットワークを使う目的がある場合にのみ追加してください。${notes.map((n) => n.ja).join('')}`,
        ),
      };
      return { findings: [finding], cards };
    }
    const strangeRpcs = rpcUrls.filter((u) => !isKnownRpcFor(chainId, u));
    const symbols = [known.currency.symbol, ...(FORMER_SYMBOLS[chainId] ?? [])].map((s) => s.toUpperCase());
    const wrongCurrency = (currencySymbol !== undefined && !symbols.includes(currencySymbol.toUpperCase())) || (currencyDecimals !== undefined && currencyDecimals !== known.currency.decimals);
    const otherName = chainName !== undefined && !sameChainName(chainName, known.name);
    if (strangeRpcs.length === 0 && !wrongCurrency && plain.length === 0) {
      return {
        cards,
        findings: [
          {
            code: 'chain-switch',
            severity: 'info',
            title: text(`Add ${known.name} with its usual settings`, `${known.name} を通常の設定で追加`),
            ...(otherName ? { detail: text(`The site calls it "${chainName}".`, `サイトはこれを「${chainName}」と呼んでいます。`) } : {}),
          },
        ],
      };
    }
    const what = [
      ...(strangeRpcs.length ? [text(`RPC ${strangeRpcs[0]} (not a host ${known.name} is known to use)`, `RPC ${strangeRpcs[0]}（${known.name} が使う既知のホストではありません）`)] : []),
      ...(plain.length && !strangeRpcs.includes(plain[0]!) ? [text(`RPC ${plain[0]} without encryption (http)`, `暗号化なしの RPC ${plain[0]}（http）`)] : []),
      ...(wrongCurrency ? [text(`currency ${currencySymbol ?? '?'} (${currencyDecimals ?? '?'} decimals) instead of ${known.currency.symbol}`, `通貨 ${currencySymbol ?? '?'}（小数点 ${currencyDecimals ?? '?'} 桁）、本来は ${known.currency.symbol}`)] : []),
      ...(otherName ? [text(`the name "${chainName}"`, `名前「${chainName}」`)] : []),
    ];
    return {
      cards,
      findings: [
        {
          code: 'unknown-chain',
          // A foreign RPC for a mainnet people hold money on routes their activity through someone else's node once
          // MetaMask takes it for that network; on a testnet it is a caution.
          severity: wrongCurrency || (strangeRpcs.length > 0 && !known.testnet) ? 'danger' : 'warn',
          title: text(`${known.name} (id ${chainId}) with settings that are not its own`, `本来の設定と異なる ${known.name}（ID ${chainId}）`),
          detail: text(
            `The site adds ${known.name} with ${what.map((w) => w.en).join(' and ')}. A rogue RPC can fake balances and simulations, hide transactions, or track you; a wrong currency makes amounts lie. Unless you chose this RPC yourself, reject and keep the network settings you have.`,
            `サイトは ${known.name} を ${what.map((w) => w.ja).join('、')} で追加しようとしています。不正な RPC は残高やシミュレーションを偽装し、取引を隠し、あなたを追跡できます。誤った通貨は金額を偽ります。ご自身でこの RPC を選んだのでなければ、拒否して現在のネットワーク設定を維持してください。`,
          ),
        },
      ],
    };
  },
};
