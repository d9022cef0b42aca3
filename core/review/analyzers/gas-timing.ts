import { serializeTransaction, toHex, type Hex } from 'viem';
import { gasChain, l1DataFee } from '../../gas';
import { formatTokenAmount } from '../../format/amount';
import { count } from '../../format/count';
import { formatGwei } from '../../format/gas';
import { formatWhen } from '../../format/time';
import { text, type Lang } from '../../i18n/localized';
import type { Analyzer } from '../analyzer';
import { expectedOverpay } from '../fee-overpay';
import type { ParsedRequest, TxFields } from '../request';
import { gasServiceOf } from '../gas-context';
import type { LiveReport } from '../../gas/live-report';
import type { AnalyzerResult, Finding } from '../types';

const gwei = formatGwei;
/** The native amount with four significant digits (fees: "0.000441 ETH"); below 0.000001, "< 0.000001 ETH". */
const coin = (wei: bigint, symbol: string) => `${formatTokenAmount(wei, 18, { significant: 4 }).text.en} ${symbol}`;
/** Above this multiple of the recent 90th percentile, the base fee is a spike. */
export const SPIKE_FACTOR = 1.5;
const DEFAULT_GAS = 21_000n;
/** Per call of a wallet_sendCalls batch without its own gas limit: a plain transfer, or a typical contract call. */
const CALL_GAS_TRANSFER = 21_000n;
const CALL_GAS_CONTRACT = 100_000n;

/** The gas limit and fee fields of the request: one transaction, or a batch (EIP-5792) summed over its calls. */
function gasOf(parsed: ParsedRequest): { gasLimit: bigint; estimated: boolean; calls: number; batch: boolean } | undefined {
  if (parsed.kind === 'transaction') return { gasLimit: parsed.tx.gas ?? DEFAULT_GAS, estimated: parsed.tx.gas === undefined, calls: 1, batch: false };
  if (parsed.kind !== 'calls') return undefined;
  let gasLimit = 0n;
  let estimated = false;
  for (const c of parsed.calls) {
    if (c.gas === undefined) estimated = true;
    gasLimit += c.gas ?? (c.data === '0x' ? CALL_GAS_TRANSFER : CALL_GAS_CONTRACT);
  }
  return { gasLimit, estimated, calls: parsed.calls.length, batch: true };
}

const usd = (v: number | undefined) => (v === undefined ? '' : ` ≈ $${v < 10 ? v.toFixed(2) : Math.round(v).toLocaleString('en-US')}`);

/**
 * fee-above-recommended, judged on what the user is expected to pay on top of what is needed (EIP-1559:
 * min(max fee, base + tip) per gas), in the chain's currency and dollars (ETH chains): warn when material, info when dust, nothing when a
 * high cap comes with a normal tip.
 */
function feeFinding(tx: TxFields, base: bigint, tip: bigint, gasLimit: bigint, ethUsd: number | undefined, recommended: bigint, eth: (wei: bigint) => string): Finding | undefined {
  const o = expectedOverpay(tx, base, tip, gasLimit, ethUsd);
  if (!o) return undefined;
  const extra = `${eth(o.overWei)}${usd(o.overUsd)}`;
  const why = tx.priorityFromMaxFee
    ? text(
        `The site set a max fee of ${gwei(tx.maxFeePerGas ?? 0n)} without a priority fee, and MetaMask then uses the whole max fee as priority fee: you would pay ${gwei(o.paysPerGas)} per gas where ${gwei(o.neededPerGas)} (base fee + a normal priority fee) is enough.`,
        `サイトは優先手数料なしで最大手数料 ${gwei(tx.maxFeePerGas ?? 0n)} を指定しており、この場合 MetaMask は最大手数料の全額を優先手数料にします。必要なのは 1 ガスあたり ${gwei(o.neededPerGas)}（ベースフィー＋通常の優先手数料）ですが、${gwei(o.paysPerGas)} を支払うことになります。`,
      )
    : text(
        `With the site's fees you pay ${gwei(o.paysPerGas)} per gas (the lower of the max fee and base fee + priority fee) where ${gwei(o.neededPerGas)} is enough.`,
        `サイトの手数料では 1 ガスあたり ${gwei(o.paysPerGas)}（最大手数料と「ベースフィー＋優先手数料」の小さいほう）を支払いますが、必要なのは ${gwei(o.neededPerGas)} です。`,
      );
  if (!o.material) {
    return {
      code: 'fee-above-recommended',
      severity: 'info',
      title: text(`The site's fees are a little above what is needed: about ${extra} more`, `サイトの手数料は必要額をわずかに上回っています：約 ${extra} 多い`),
      detail: text(`${why.en} The difference is negligible.`, `${why.ja}差はわずかです。`),
    };
  }
  return {
    code: 'fee-above-recommended',
    severity: 'warn',
    title: text(`The site's fees would cost you about ${extra} more than needed`, `サイトの手数料では必要額より約 ${extra} 多く支払うことになります`),
    detail: text(`${why.en} Tick "Use the recommended fees" to send with a max fee of ${gwei(recommended)} and a priority fee of ${gwei(tip)} instead.`, `${why.ja}「推奨の手数料を使う」にチェックすると、最大手数料 ${gwei(recommended)}、優先手数料 ${gwei(tip)} で送信します。`),
  };
}

/**
 * Gas timing for a transaction or a wallet_sendCalls batch: what MetaMask will likely charge vs Preflight's recommendation, fees the
 * user can apply, and whether to wait. Needs the background's gas service; without it, says nothing.
 */
export const gasTimingAnalyzer: Analyzer = {
  id: 'gas-timing',
  kinds: ['transaction', 'calls'],
  async analyze(ctx): Promise<AnalyzerResult | undefined> {
    const gas = gasServiceOf(ctx.services);
    const shape = gasOf(ctx.parsed);
    if (!gas || !shape) return undefined;
    const { gasLimit, batch } = shape;
    const tx = ctx.parsed.kind === 'transaction' ? ctx.parsed.tx : undefined;
    let r;
    try {
      r = await gas(ctx.request.chainId, gasLimit);
    } catch (error) {
      // Gas timing is advice, not a safety check: without it the verdict stands, and the card says why.
      const why = error instanceof Error ? error.message : String(error);
      return { cards: [{ kind: 'gas', title: text('Gas', 'ガス'), rows: [], note: text(`Gas outlook unavailable: ${why}`, `ガスの見通しを取得できません：${why}`) }] };
    }
    const eth = (wei: bigint) => coin(wei, r.chain.nativeSymbol);
    /** A time of the advice in the user's zone ("14:05", "tomorrow 02:10"); UTC, said so, when the caller gave no zone. */
    const at = (unix: number, lang: Lang) => formatWhen(unix * 1000, ctx.now(), lang, { timeZone: ctx.timeZone });
    if (r.legacy) return legacyCard(r, gasLimit, eth);
    const base = r.nextBaseFee;
    const tip = r.recommended.maxPriorityFeePerGas;
    const recommended = r.recommended.maxFeePerGas;
    // MetaMask's usual "market" max fee: about base × 1.2 + tip (its fee-history fallback spans 1.10–1.25).
    const metamask = (base * 12n) / 10n + tip;
    const findings: Finding[] = [];

    if (r.p90Recent > 0n && Number(base) > SPIKE_FACTOR * Number(r.p90Recent)) {
      findings.push({
        code: 'gas-spike',
        severity: 'warn',
        title: text(`Gas is spiking: base fee ${gwei(base)}, ${(Number(base) / Number(r.p90Recent)).toFixed(1)}× its recent high`, `ガス代が急騰しています：ベースフィー ${gwei(base)}（最近の高値の ${(Number(base) / Number(r.p90Recent)).toFixed(1)} 倍）`),
        detail: text('Unless this is urgent, waiting is likely to cost less.', '急ぎでなければ、待つほうが安くなる可能性が高いです。'),
      });
    }
    // The dollar figure uses ETH's price: only on chains whose currency is ETH.
    const usdPerCoin = r.chain.nativeSymbol.toUpperCase() === 'ETH' ? ctx.ethUsd : undefined;
    const fee = tx ? feeFinding(tx, base, tip, gasLimit, usdPerCoin, recommended, eth) : undefined;
    if (fee) findings.push(fee);
    const wait = r.advice.action === 'wait' ? r.advice.wait : undefined;
    const limit = wait?.limit;
    if (wait && limit) {
      const share = Math.round(wait.expectedSavingShare * 100);
      const target = gwei(limit.targetBaseFee);
      findings.push({
        code: 'wait-for-cheaper-gas',
        severity: 'info',
        title: text(
          `Waiting for a base fee of ${target} or less should save about ${share} % (${eth(wait.expectedSavingWei)})`,
          `ベースフィーが ${target} 以下になるまで待つと約 ${share} %（${eth(wait.expectedSavingWei)}）節約できる見込みです`,
        ),
        detail: text(
          `In ${limit.cases} past cases on this chain the fee reached it in ${Math.round(limit.hitShare * 100)} %, typically by ${at(wait.sendAt, 'en')}; if it has not by ${at(limit.deadline, 'en')}, send at the going fee. Waiting cost more in ${Math.round(wait.probabilityWaitCostsMore * 100)} % of those cases (expect a little more: the target was chosen on them); 10–90 % range of the saving: ${eth(wait.savingP10Wei)} to ${eth(wait.savingP90Wei)}. "Hold" below keeps the request until then; or send now with a max fee of ${target} plus the priority fee, and the network includes it only once the base fee is that low.`,
          `過去 ${limit.cases} 件では ${Math.round(limit.hitShare * 100)} % でこの値に達し、たいてい ${at(wait.sendAt, 'ja')} までに達しました。${at(limit.deadline, 'ja')} までに達しなければ、その時の手数料で送ってください。待って高くなったのはそのうち ${Math.round(wait.probabilityWaitCostsMore * 100)} %（目標をその過去から選んだため、実際はやや多めと考えてください）。節約額の 10–90 % 範囲：${eth(wait.savingP10Wei)} 〜 ${eth(wait.savingP90Wei)}。下の「保留」でそれまでリクエストを保留できます。または最大手数料を ${target}＋優先手数料にして今送れば、ベースフィーがそこまで下がったときにだけ取り込まれます。`,
        ),
      });
    } else if (wait) {
      const share = Math.round(wait.expectedSavingShare * 100);
      findings.push({
        code: 'wait-for-cheaper-gas',
        severity: 'info',
        title: text(`Waiting until ${at(wait.sendAt, 'en')} should save about ${share} % (${eth(wait.expectedSavingWei)})`, `${at(wait.sendAt, 'ja')} まで待つと約 ${share} %（${eth(wait.expectedSavingWei)}）節約できる見込みです`),
        detail: text(
          `10–90 % range of the saving: ${eth(wait.savingP10Wei)} to ${eth(wait.savingP90Wei)}; chance that waiting costs more: ${Math.round(wait.probabilityWaitCostsMore * 100)} %.`,
          `節約額の 10–90 % 範囲：${eth(wait.savingP10Wei)} 〜 ${eth(wait.savingP90Wei)}。待つと高くなる確率：${Math.round(wait.probabilityWaitCostsMore * 100)} %。`,
        ),
      });
    }
    // On an L2 the L1 data fee is part of the cost (OP Stack oracle, Arbitrum NodeInterface).
    let l1Fee: bigint | undefined;
    if (gasChain(ctx.request.chainId).l2 !== 'none' && ctx.client && tx?.to) {
      const client = ctx.client;
      const serialized = serializeTransaction({ chainId: ctx.request.chainId, type: 'eip1559', to: tx.to, data: tx.data, value: tx.value, gas: gasLimit, maxFeePerGas: recommended, maxPriorityFeePerGas: tip, nonce: 0 });
      l1Fee = await l1DataFee(ctx.request.chainId, (a: { to: `0x${string}`; data: Hex }) => client.call(a), { serialized, to: tx.to, data: tx.data }).catch(() => undefined);
    }
    const timing = limit
      ? text(`Or wait for a base fee of ${gwei(limit.targetBaseFee)} or less until ${at(limit.deadline, 'en')} (see above).`, `または ${at(limit.deadline, 'ja')} までベースフィーが ${gwei(limit.targetBaseFee)} 以下になるのを待つ（上記参照）。`)
      : wait
      ? text(`Or wait until ${at(wait.sendAt, 'en')} (see above).`, `または ${at(wait.sendAt, 'ja')} まで待つ（上記参照）。`)
      : text('Sending now is as good as waiting, by the forecast.', '予測では、今送っても待っても大差ありません。');
    const batchNote = text(`MetaMask sets a batch's fees: enter max fee ${gwei(recommended)} and priority fee ${gwei(tip)} under its advanced fee settings.`, `バッチの手数料は MetaMask が決めます。詳細な手数料設定で最大手数料 ${gwei(recommended)}、優先手数料 ${gwei(tip)} を入力してください。`);
    // Offer "hold until": the advised target fee (until its deadline), the forecast's expected base fee at the advised time, or 10 % below now.
    const holdTarget = limit ? limit.targetBaseFee : wait ? (base * BigInt(Math.round((1 - wait.expectedSavingShare) * 1000))) / 1000n : (base * 9n) / 10n;
    return {
      findings,
      hold: { targetBaseFeeWei: holdTarget.toString(), expectedAt: wait?.sendAt, ...(limit ? { deadline: limit.deadline } : {}) },
      // A batch's fees are the wallet's to set (EIP-5792 calls carry none): nothing to apply, the card says what to enter.
      suggestedFees: batch ? undefined : { maxFeePerGas: toHex(recommended), maxPriorityFeePerGas: toHex(tip) },
      cards: [
        {
          kind: 'gas',
          title: text('Gas', 'ガス'),
          rows: [
            { label: text('Base fee, next block', '次のブロックのベースフィー'), value: gwei(base) },
            { label: text('MetaMask will likely set', 'MetaMask の設定見込み'), value: `${gwei(metamask)} (≤ ${eth(metamask * gasLimit)})` },
            { label: text('Recommended max fee', '推奨の最大手数料'), value: text(`${gwei(recommended)} (holds for ${r.recommended.validForFullBlocks} full blocks)`, `${gwei(recommended)}（満杯のブロックが ${r.recommended.validForFullBlocks} 回続いても有効）`) },
            { label: text('Priority fee (90 % inclusion)', '優先手数料（90 % で取り込み）'), value: gwei(tip) },
            ...(batch ? [{ label: text(`Gas for ${count(shape.calls, 'call').en}${shape.estimated ? ' (estimated)' : ''}`, `${shape.calls} 件の呼び出しのガス${shape.estimated ? '（推定）' : ''}`), value: gasLimit.toLocaleString('en-US') }] : []),
            { label: text('Likely cost now', '今の見込みコスト'), value: eth((base + tip) * gasLimit + (l1Fee ?? 0n)) },
            ...(l1Fee !== undefined ? [{ label: text('of which L1 data fee', 'うち L1 データ手数料'), value: eth(l1Fee) }] : []),
          ],
          note: batch ? text(`${timing.en} ${batchNote.en}`, `${timing.ja}${batchNote.ja}`) : timing,
        },
      ],
    };
  },
};

/** A chain without EIP-1559: one gas price, by inclusion confidence from recent blocks; nothing to apply or hold. */
function legacyCard(r: LiveReport, gasLimit: bigint, eth: (wei: bigint) => string): AnalyzerResult {
  return {
    cards: [
      {
        kind: 'gas',
        title: text('Gas', 'ガス'),
        rows: [
          ...r.priorityFees.map((p) => ({ label: text(`Gas price (${Math.round(p.confidence * 100)} % inclusion)`, `ガス価格（${Math.round(p.confidence * 100)} % で取り込み）`), value: gwei(p.priorityFee) })),
          { label: text('Likely cost now', '今の見込みコスト'), value: eth(r.nextBaseFee * gasLimit) },
        ],
        note: text(
          `This network has no EIP-1559 base fee: the tiers are the cheapest gas price each of the last ${r.legacy?.blocks.length ?? 0} blocks included. MetaMask sets the gas price.`,
          `このネットワークには EIP-1559 のベースフィーがありません。直近 ${r.legacy?.blocks.length ?? 0} ブロックそれぞれで取り込まれた最安のガス価格から算出しています。ガス価格は MetaMask が設定します。`,
        ),
      },
    ],
  };
}
