import type { Address } from 'viem';
import { nativeSymbol } from '../../chain/chains';
import { text, type Localized } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { exactDecimal, formatDecimalAmount } from '../../format/amount';
import { tokenMeta } from '../known-tokens';
import { simulateCalls } from '../simulate';
import { onlyWallet } from '../chain-source';
import { describeCall } from '../call-description';
import { outcomeOf, partiesOf, readParties, type OutcomeAsset } from '../outcome';
import { laterSimulations, scanCalled, timeNote } from '../later-blocks';
import { timeDependenceFinding } from '../time-dependence';
import type { AnalyzerResult, AssetChange, Finding } from '../types';

/** An outcome's asset line as the panel lists it: direction and the absolute amount in whole tokens (NFTs: count and id). */
function toAssetChange(a: OutcomeAsset): AssetChange {
  const delta = BigInt(a.delta);
  const direction = delta < 0n ? 'out' : 'in';
  const abs = delta < 0n ? -delta : delta;
  if (a.standard === 'native' || a.standard === 'erc20') return { direction, asset: a.asset, standard: a.standard, symbol: a.symbol, amount: exactDecimal(abs, a.decimals) } as AssetChange;
  return { direction, asset: a.asset, standard: a.standard, symbol: a.symbol, amount: abs.toString(), tokenId: a.tokenId };
}

function line(c: AssetChange): string {
  return c.standard === 'erc721' ? `${c.symbol} #${c.tokenId ?? '?'}` : c.standard === 'erc1155' ? `${c.amount} × ${c.symbol} #${c.tokenId ?? '?'}` : `${formatDecimalAmount(c.amount).text.en} ${c.symbol}`;
}

function sentence(changes: AssetChange[]): Localized {
  const out = changes.filter((c) => c.direction === 'out').map(line);
  const inn = changes.filter((c) => c.direction === 'in').map(line);
  if (out.length === 0 && inn.length === 0) return text('No tokens or ETH leave or enter your wallet (apart from the network fee)', 'ネットワーク手数料以外に、ウォレットから出入りするトークンや ETH はありません');
  const en = [out.length ? `you send ${out.join(', ')}` : '', inn.length ? `you receive ${inn.join(', ')}` : 'you receive nothing'].filter(Boolean).join('; ');
  const ja = [out.length ? `送る：${out.join('、')}` : '', inn.length ? `受け取る：${inn.join('、')}` : '受け取るものはありません'].filter(Boolean).join('／');
  return text(en.charAt(0).toUpperCase() + en.slice(1), ja);
}

/** `call` names the failing call of a batch: its number and what it does. */
const revertFinding = (reason: string, call?: { index: number; what: Localized }): Finding => ({
  code: 'simulation-revert',
  severity: 'warn',
  title: call
    ? text(`The batch would fail at call ${call.index + 1} (${call.what.en}): ${reason}`, `このバッチは ${call.index + 1} 番目の呼び出し（${call.what.ja}）で失敗します：${reason}`)
    : text(`The transaction would fail: ${reason}`, `この取引は失敗します：${reason}`),
  detail: text('Sent now, it would revert and you would still pay the gas used. Check amounts, balances and approvals, or wait for the dApp to update.', '今送信すると失敗し、消費したガス代は支払うことになります。金額・残高・承認を確認するか、dApp の更新を待ってください。'),
});

/**
 * Simulates the transaction (or the wallet_sendCalls batch, as one sequence) on the user's RPC and reports what moves.
 * Alongside, in parallel: the code of every party (kept with the outcome, for the release check) and the same calls in
 * blocks 1 minute and 1 hour later (`outcome-depends-on-time`). `laterBlocks: false` leaves the later blocks out (benchmarks).
 */
export function makeSimulationAnalyzer(options: { laterBlocks?: boolean } = {}): Analyzer {
  return {
    id: 'simulation',
    kinds: ['transaction', 'calls'],
    async analyze(ctx): Promise<AnalyzerResult | undefined> {
      const p = ctx.parsed;
      const calls = p.kind === 'transaction' ? [p.tx] : p.kind === 'calls' ? p.calls : [];
      const from: Address | undefined = p.kind === 'transaction' ? p.tx.from : p.kind === 'calls' ? p.from : undefined;
      const client = ctx.client;
      if (!client || !from || calls.length === 0) return undefined;
      const meta = (a: Address) => tokenMeta(ctx, a);
      const symbol = nativeSymbol(ctx.request.chainId);
      // MetaMask serves no eth_simulateV1 to other extensions: no later blocks to simulate through it.
      const later = options.laterBlocks === false || onlyWallet(ctx.chainSources) ? undefined : laterSimulations(ctx, client, from, calls, meta, symbol);
      const [sim, read] = await Promise.all([simulateCalls(client, from, calls), readParties(client, partiesOf(calls))]);
      const outcome = await outcomeOf(sim, from, read.parties, meta, symbol);
      if (sim.mode === 'dry-run') {
        if (!sim.ok) return { outcome, findings: [revertFinding(sim.revertReason ?? 'reverted')] };
        const gas = sim.gas !== undefined ? text(` (gas ≈ ${sim.gas.toLocaleString('en-US')})`, `（ガス ≈ ${sim.gas.toLocaleString('en-US')}）`) : text('', '');
        const batch = calls.length > 1 ? text(' Only the first call of the batch could be checked.', 'バッチのうち最初の呼び出しのみ確認できました。') : text('', '');
        return {
          outcome,
          findings: [
            {
              code: 'asset-changes',
              severity: 'info',
              title: onlyWallet(ctx.chainSources)
                ? text('Asset changes unavailable: MetaMask does not run simulations (eth_simulateV1) for other extensions', '資産の変化は表示できません：MetaMask は他の拡張機能のためにシミュレーション（eth_simulateV1）を実行しません')
                : text('Asset changes unavailable: your RPC does not support eth_simulateV1', '資産の変化は表示できません：お使いの RPC は eth_simulateV1 に対応していません'),
              detail: onlyWallet(ctx.chainSources)
                ? text(`A dry run (eth_call) through MetaMask succeeds${gas.en}.${batch.en} For the asset changes, add an RPC for this chain in Preflight's Settings (or untick "only my RPC"). Check the amounts in MetaMask.`, `MetaMask 経由の試験実行（eth_call）は成功します${gas.ja}。${batch.ja}資産の変化を見るには、Preflight の設定でこのチェーンの RPC を追加してください（または「自分の RPC のみ」を外してください）。金額は MetaMask で確認してください。`)
                : text(`A dry run (eth_call) succeeds${gas.en}.${batch.en} Check the amounts in MetaMask.`, `試験実行（eth_call）は成功します${gas.ja}。${batch.ja}金額は MetaMask で確認してください。`),
            },
          ],
        };
      }
      const laterOutcomes = await (later ?? Promise.resolve(undefined));
      const timing = laterOutcomes && 'outcomes' in laterOutcomes ? timeDependenceFinding(outcome, laterOutcomes.outcomes, await scanCalled(ctx, client, read, outcome, laterOutcomes.outcomes)) : undefined;
      const failed = sim.calls.findIndex((c) => !c.ok);
      if (failed >= 0) {
        const revert = revertFinding(sim.calls[failed]!.revertReason ?? 'reverted', calls.length > 1 ? { index: failed, what: await describeCall(ctx, calls[failed]!) } : undefined);
        return { outcome, findings: timing ? [revert, timing] : [revert] };
      }
      const changes = (outcome.assets ?? []).map(toAssetChange);
      changes.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'out' ? -1 : 1));
      const gasUsed = sim.calls.reduce((s, c) => s + c.gasUsed, 0n);
      const note = timeNote(laterOutcomes, timing, read, outcome);
      return {
        assetChanges: changes,
        outcome,
        findings: [
          { code: 'asset-changes', severity: 'info', title: sentence(changes), detail: text(`Simulated on your RPC against the latest block; gas used ≈ ${gasUsed.toLocaleString('en-US')}.${note.en}`, `お使いの RPC で最新ブロックに対してシミュレーションしました。使用ガス ≈ ${gasUsed.toLocaleString('en-US')}。${note.ja}`) },
          ...(timing ? [timing] : []),
        ],
      };
    },
  };
}

export const simulationAnalyzer: Analyzer = makeSimulationAnalyzer();
