import { BaseError, getAddress, type Address, type Hex, type PublicClient } from 'viem';
import { gasChain } from '../gas/chains';
import { text, type Localized } from '../i18n/localized';
import type { ReviewContext } from './analyzer';
import { scanBlockContext } from './block-context-scan';
import { nameAddress } from './format';
import { labelOf } from './labels';
import { outcomeOf, type AssetMeta, type Outcome, type OutcomeParty } from './outcome';
import { compareOutcomes } from './outcome-diff';
import type { TxFields } from './request';
import { simulateSequence } from './simulate';
import { LATER_BLOCKS, laterOverrides, type LaterOutcome, type ScannedContract } from './time-dependence';
import type { Finding } from './types';

/** The later-block simulations give up after this long (a slow node): the rest of the review must still arrive in time. */
export const LATER_BUDGET_MS = 1_500;

/** The simulations at later blocks, or why they were not run. */
export type LaterResult = { outcomes: LaterOutcome[] } | { skipped: Localized };

/** A node's own words for a failure (viem keeps them in `details`), one line, without a final full stop. */
export function messageOf(e: unknown): string {
  const m = e instanceof BaseError ? e.details || e.shortMessage : e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.slice(0, 160).replace(/\.$/, '');
}

/**
 * The calls simulated in blocks 1 minute and 1 hour after the head (one head read, then both simulations in
 * parallel; the whole started alongside the review's own simulation). Never throws; bounded by LATER_BUDGET_MS.
 */
export function laterSimulations(ctx: ReviewContext, client: PublicClient, from: Address, calls: readonly TxFields[], meta: AssetMeta, nativeSymbol: string): Promise<LaterResult> {
  const run = async (): Promise<LaterResult> => {
    let head: { number: bigint; timestamp: bigint };
    try {
      const block = await client.getBlock({ blockTag: 'latest' });
      head = { number: block.number, timestamp: block.timestamp };
    } catch (e) {
      return { skipped: text(`the node did not give its latest block (${messageOf(e)})`, `ノードが最新ブロックを返しませんでした（${messageOf(e)}）`) };
    }
    const blockTime = gasChain(ctx.request.chainId).blockTimeSeconds;
    const outcomes = await Promise.all(
      LATER_BLOCKS.map(async (at): Promise<LaterOutcome> => {
        try {
          const sim = await simulateSequence(client, from, calls, laterOverrides(head, at.seconds, blockTime));
          return { at, outcome: await outcomeOf({ mode: 'simulate', calls: sim }, from, [], meta, nativeSymbol) };
        } catch (e) {
          return { at, error: messageOf(e) };
        }
      }),
    );
    return { outcomes };
  };
  return new Promise<LaterResult>((resolve) => {
    const timer = setTimeout(() => resolve({ skipped: text(`no answer within ${LATER_BUDGET_MS / 1000} s`, `${LATER_BUDGET_MS / 1000} 秒以内に応答がありませんでした`) }), LATER_BUDGET_MS);
    ctx.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    void run()
      .catch((e: unknown): LaterResult => ({ skipped: text(messageOf(e), messageOf(e)) }))
      .then((r) => {
        clearTimeout(timer);
        resolve(r);
      });
  });
}

/** EIP-1967's implementation slot: where most upgradeable proxies keep the address of the code they run. */
const EIP1967_IMPLEMENTATION = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

/**
 * The called contracts' bytecode scanned for block.timestamp / block.number / block.coinbase / tx.origin, only when a
 * later block changed the outcome (otherwise nothing is read). A proxy whose own code reads none of them has its
 * EIP-1967 implementation read and scanned too (two reads, bounded); other delegations stay unseen and are said so.
 */
export async function scanCalled(ctx: ReviewContext, client: PublicClient, read: { parties: readonly OutcomeParty[]; code: ReadonlyMap<string, Hex> }, base: Outcome, later: readonly LaterOutcome[]): Promise<ScannedContract[]> {
  const moved = later.some((l) => 'outcome' in l && compareOutcomes(base, { ...l.outcome, parties: base.parties }).some((c) => c.kind !== 'now-reverts'));
  if (!moved) return [];
  const name = (a: Address) => nameAddress(a, labelOf(a, ctx.labels));
  return Promise.all(
    read.parties
      .filter((p) => p.role === 'called' && read.code.has(p.address))
      .map(async (p): Promise<ScannedContract> => {
        const reads = scanBlockContext(read.code.get(p.address)!);
        if (!reads.delegatecall || reads.timestamp || reads.number) return { address: p.address, name: name(p.address), reads };
        const implementation = await proxyImplementation(client, p.address).catch(() => undefined);
        if (!implementation) return { address: p.address, name: name(p.address), reads };
        const code = await client.getCode({ address: implementation }).catch(() => undefined);
        if (!code || code === '0x') return { address: p.address, name: name(p.address), reads };
        const inner = scanBlockContext(code);
        return { address: p.address, name: `${name(p.address)} → ${name(implementation)}`, reads: inner };
      }),
  );
}

async function proxyImplementation(client: PublicClient, proxy: Address): Promise<Address | undefined> {
  const slot = await client.getStorageAt({ address: proxy, slot: EIP1967_IMPLEMENTATION });
  if (!slot || /^0x0*$/.test(slot)) return undefined;
  return getAddress(`0x${slot.slice(-40)}`);
}

/**
 * The sentence the asset-changes finding ends with about later blocks: the same outcome, a failure later (a deadline,
 * usually: no finding), what could not be simulated, and a called contract that reads block.coinbase (who builds the
 * block: a simulation cannot vary it, so what such a contract does for the real block is not shown).
 */
export function timeNote(later: LaterResult | undefined, timing: Finding | undefined, read: { parties: readonly OutcomeParty[]; code: ReadonlyMap<string, Hex> }, base: Outcome): Localized {
  const parts: Localized[] = [];
  if (later && 'skipped' in later) parts.push(text(`Not simulated in later blocks: ${later.skipped.en}.`, `後のブロックではシミュレーションしていません：${later.skipped.ja}。`));
  else if (later && !timing) {
    const ok = later.outcomes.filter((l): l is Extract<LaterOutcome, { outcome: Outcome }> => 'outcome' in l);
    const errors = later.outcomes.filter((l): l is Extract<LaterOutcome, { error: string }> => 'error' in l);
    const fails = ok.filter((l) => l.outcome.revert && !base.revert);
    const same = ok.filter((l) => !fails.includes(l));
    if (same.length > 0) parts.push(text(`Simulated again ${same.map((l) => l.at.label.en).join(' and ')}: the same outcome.`, `${same.map((l) => l.at.label.ja).join('・')}でもシミュレーションしました：同じ結果です。`));
    for (const f of fails) parts.push(text(`Mined ${f.at.label.en} it would fail (${f.outcome.revert!.reason}): a deadline, usually.`, `${f.at.label.ja}に取り込まれると失敗します（${f.outcome.revert!.reason}）：通常は期限切れです。`));
    if (errors.length > 0) parts.push(text(`Could not simulate ${errors.map((l) => l.at.label.en).join(' and ')}: ${errors[0]!.error}.`, `${errors.map((l) => l.at.label.ja).join('・')}のシミュレーションはできませんでした：${errors[0]!.error}。`));
  }
  if ((base.assets?.length ?? 0) > 0) {
    const coinbase = read.parties.filter((p) => p.role === 'called' && read.code.has(p.address) && scanBlockContext(read.code.get(p.address)!).coinbase);
    for (const p of coinbase) {
      const who = shortName(p.address);
      parts.push(text(`${who}'s code reads block.coinbase (who builds the block): a simulation cannot show what it does in the real block.`, `${who} のコードは block.coinbase（ブロックの作成者）を読みます：実際のブロックで何をするかはシミュレーションでは分かりません。`));
    }
  }
  return parts.length === 0 ? text('', '') : text(` ${parts.map((p) => p.en).join(' ')}`, parts.map((p) => p.ja).join(''));
}

const shortName = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
