import { chainName } from '../../chain/chains';
import { text } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { nameAddress } from '../format';
import { labelOf } from '../labels';
import { parseDelegation } from '../delegation/parse';
import { parseOrder } from '../typed-data/orders';
import { parsePermit } from '../typed-data/permit';
import { parseSafeTypedData } from '../safe/typed-data';
import { flattenTree } from '../typed-data/tree';
import type { AnalyzerResult, Finding, ReviewCard } from '../types';


/**
 * Any EIP-712 message the specialised analyzers do not know, as a readable tree (and legacy v1 lists).
 * Also warns when the domain's chainId is not the wallet's chain: the signature is meant for another network.
 */
export const typedDataTreeAnalyzer: Analyzer = {
  id: 'typed-data-tree',
  kinds: ['typed-data'],
  analyze(ctx) {
    if (ctx.parsed.kind !== 'typed-data') return undefined;
    const findings: Finding[] = [];
    const cards: ReviewCard[] = [];
    const data = ctx.parsed.data;
    if (!data) {
      const { rows, truncated } = flattenTree(
        Array.isArray(ctx.parsed.legacy) ? Object.fromEntries(ctx.parsed.legacy.map((e, i) => [typeof e === 'object' && e && 'name' in e ? String(e.name) : `#${i}`, typeof e === 'object' && e && 'value' in e ? e.value : e])) : ctx.parsed.legacy,
        ctx.labels,
      );
      cards.push({ kind: 'typed-data', title: text('Typed data (legacy v1)', '型付きデータ（旧形式 v1）'), rows: rows.map((r) => ({ label: text(r.path, r.path), value: r.value })), note: truncated ? text('Long message: only the first rows are shown.', '長いメッセージのため先頭の行のみ表示しています。') : undefined });
      return { cards };
    }
    const domainChain = data.domain.chainId;
    if (domainChain !== undefined && domainChain !== ctx.request.chainId) {
      findings.push({
        code: 'chain-switch',
        severity: 'warn',
        title: text(`Signature for ${chainName(domainChain)}, but your wallet is on ${chainName(ctx.request.chainId)}`, `ウォレットは ${chainName(ctx.request.chainId)} 上ですが、署名は ${chainName(domainChain)} 向けです`),
        detail: text(
          'The message names another network. A site has no reason to ask for a signature valid on a chain you are not using; it can be replayed there.',
          'メッセージは別のネットワークを指定しています。使っていないチェーンで有効な署名を求める理由はなく、そのチェーン上で悪用される可能性があります。',
        ),
      });
    }
    const specialised = parsePermit(data) !== undefined || parseOrder(data) !== undefined || parseDelegation(data) !== undefined || parseSafeTypedData(data) !== undefined;
    if (!specialised) {
      const { rows, truncated } = flattenTree(data.message, ctx.labels);
      const where = data.domain.verifyingContract ? nameAddress(data.domain.verifyingContract, labelOf(data.domain.verifyingContract, ctx.labels)) : undefined;
      cards.push({
        kind: 'typed-data',
        title: text(`${data.primaryType} (${data.domain.name ?? 'unnamed'})`, `${data.primaryType}（${data.domain.name ?? '名前なし'}）`),
        rows: [
          ...(where ? [{ label: text('Contract', 'コントラクト'), value: where }] : []),
          ...(domainChain !== undefined ? [{ label: text('Network', 'ネットワーク'), value: chainName(domainChain) }] : []),
          ...rows.map((r) => ({ label: text(r.path, r.path), value: r.value })),
        ],
        note: truncated ? text('Long message: only the first rows are shown.', '長いメッセージのため先頭の行のみ表示しています。') : undefined,
      });
    }
    const result: AnalyzerResult = { findings, cards };
    return result;
  },
};
