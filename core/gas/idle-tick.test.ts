/**
 * The idle schedule held to its budget and its alert lateness: ticks of the alarm run with the clock passed in,
 * against a node that follows the clock (a new block every block time), counting every JSON-RPC call by method.
 * The same schedule is measured against anvil by `npm run bench -- --only idle`.
 */
import { describe, expect, it } from 'vitest';
import { newAlert, type GasAlert } from './alerts';
import { gasChain } from './chains';
import { FeeHistoryStore, MemoryFeeHistoryStorage } from './history';
import type { RpcRequest } from './history-rpc';
import { alertLatenessBoundSeconds, bypassDue, IDLE_SCHEDULE, worstCaseCallsPerHour, type ChainIdleState } from './idle-schedule';
import { idleTick } from './idle-tick';
import { liveGasReport, thirtyDaysOfBlocks } from './live-report';
import { nextBaseFee } from './next-base-fee';
import { checkBypass, emptyBypassState, lastContinuedAt, watchContinued, type BypassState } from '../review/bypass-watch';

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;
const GWEI = 1_000_000_000n;
const T0 = 1_800_000_000_000; // ms, block FIRST's time
const FIRST = 20_000_000;

/**
 * A node whose head follows the clock. Blocks are at the gas target (base fee 30 gwei) until `emptyFrom`, then empty, so
 * the base fee falls by EIP-1559's rule (the chain's own parameters): every header, eth_feeHistory and the next-block
 * figure agree, as on a real node.
 */
class ClockNode {
  now = T0;
  emptyFrom = Infinity;
  dead = false;
  readonly calls = new Map<string, number>();
  private readonly fees = new Map<number, bigint>();
  constructor(readonly chainId: number) {}
  get blockMs(): number {
    return gasChain(this.chainId).blockTimeSeconds * 1000;
  }
  get head(): number {
    return FIRST + Math.floor((this.now - T0) / this.blockMs);
  }
  private gasUsed(n: number): bigint {
    return n >= this.emptyFrom ? 0n : 15_000_000n;
  }
  baseFee(n: number): bigint {
    if (n <= this.emptyFrom) return 30n * GWEI;
    const hit = this.fees.get(n);
    if (hit !== undefined) return hit;
    const c = gasChain(this.chainId);
    const fee = nextBaseFee({ baseFeePerGas: this.baseFee(n - 1), gasUsed: this.gasUsed(n - 1), gasLimit: 30_000_000n }, { elasticityMultiplier: c.elasticityMultiplier, baseFeeChangeDenominator: c.baseFeeChangeDenominator });
    this.fees.set(n, fee);
    return fee;
  }
  /** When block n was made (ms). */
  timeOf(n: number): number {
    return T0 + (n - FIRST) * this.blockMs;
  }
  count(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }
  request: RpcRequest = async (method, params) => {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    if (this.dead) throw new Error('connection refused');
    const at = (tag: unknown) => (tag === 'latest' ? this.head : Number(BigInt(tag as string)));
    if (method === 'eth_blockNumber') return hex(this.head);
    if (method === 'eth_getTransactionCount') return '0x5';
    if (method === 'eth_getBlockByNumber') {
      const n = at(params[0]);
      if (n > this.head) return null;
      const s = Math.floor(this.timeOf(n) / 1000);
      return { number: hex(n), hash: `0x${n.toString(16).padStart(64, '0')}`, timestamp: hex(s), baseFeePerGas: hex(this.baseFee(n)), gasUsed: hex(this.gasUsed(n)), gasLimit: hex(30_000_000), extraData: '0x', transactions: [] };
    }
    if (method === 'eth_feeHistory') {
      const count = Number(BigInt(params[0] as string));
      const newest = at(params[1]);
      const oldest = newest - count + 1;
      const blocks = Array.from({ length: count }, (_, i) => oldest + i);
      const pct = params[2] as number[];
      return {
        oldestBlock: hex(oldest),
        baseFeePerGas: [...blocks, newest + 1].map((n) => hex(this.baseFee(n))),
        gasUsedRatio: blocks.map((n) => Number(this.gasUsed(n)) / 30_000_000),
        reward: blocks.map(() => pct.map(() => hex(GWEI))),
      };
    }
    throw new Error(`unexpected ${method}`);
  };
}

interface Run {
  node: ClockNode;
  storage: MemoryFeeHistoryStorage;
  state: ChainIdleState | undefined;
  alerts: GasAlert[];
  bypass: BypassState;
  fired: number[];
  retentionBlocks?: number;
}

async function newRun(chainId: number, alertGwei?: number, watched = false): Promise<Run> {
  const node = new ClockNode(chainId);
  let bypass = emptyBypassState();
  if (watched) {
    const tx = { key: 'k', from: '0x00000000000000000000000000000000000000aa', to: '0x00000000000000000000000000000000000000bb', data: '0x', value: '0', at: T0 - 3_600_000 };
    bypass = await watchContinued(bypass, chainId, tx, node.request);
    bypass = { ...bypass, accounts: Object.fromEntries(Object.entries(bypass.accounts).map(([k, a]) => [k, { ...a, pending: [] }])) };
    node.calls.clear();
  }
  return { node, storage: new MemoryFeeHistoryStorage(), state: undefined, alerts: alertGwei ? [newAlert(chainId, alertGwei)] : [], bypass, fired: [] };
}

/** One alarm tick at `now`, as the background runs it: the gas part, then the bypass watcher when due. */
async function tick(run: Run, now: number): Promise<void> {
  run.node.now = now;
  const r = await idleTick({ chainId: run.node.chainId, request: run.node.request, storage: run.storage, now, state: run.state, alerts: run.alerts, ...(run.retentionBlocks ? { retentionBlocks: run.retentionBlocks } : {}) });
  run.state = r.state;
  run.alerts = r.alerts;
  if (r.fired.length > 0) run.fired.push(now);
  if (Object.keys(run.bypass.accounts).length > 0 && bypassDue(run.bypass.checkedAt, lastContinuedAt(run.bypass), now)) {
    run.bypass = (await checkBypass(run.bypass, () => run.node.request, { now })).state;
  }
}

/** Ticks every `tickMs` from `from` for `ms`; returns the calls made, by method. */
async function idleFor(run: Run, from: number, ms: number, tickMs = IDLE_SCHEDULE.tickSeconds * 1000): Promise<Record<string, number>> {
  run.node.calls.clear();
  for (let t = from; t < from + ms; t += tickMs) await tick(run, t);
  return Object.fromEntries(run.node.calls);
}

const HOUR = 3_600_000;
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

describe('idle schedule: calls per chain per hour', () => {
  for (const c of [
    { name: 'Ethereum', chainId: 1 },
    { name: 'Base (2 s blocks)', chainId: 8453 },
    { name: 'Arbitrum (0.25 s blocks, node base-fee rule)', chainId: 42161 },
  ]) {
    it(`${c.name}: with a gas alert and a watched account, at most ${IDLE_SCHEDULE.budgetPerHour} an hour, within the schedule's own bound`, async () => {
      const run = await newRun(c.chainId, 1, true); // an alert that never fires (the fee stays at 30 gwei)
      await idleFor(run, T0, HOUR); // the first hour: the first sync and back-fill begin
      const calls = await idleFor(run, T0 + HOUR, HOUR);
      const chain = gasChain(c.chainId);
      const bound = worstCaseCallsPerHour({ blockTimeSeconds: chain.blockTimeSeconds, alert: true, backfilling: true, nodeRule: chain.baseFeeRule === 'node', watchedAccounts: 1 });
      expect(total(calls), JSON.stringify(calls)).toBeLessThanOrEqual(bound);
      expect(bound).toBeLessThanOrEqual(IDLE_SCHEDULE.budgetPerHour);
    });
  }

  it('Ethereum without an alert or a watched account: the fee-history sync alone, 4 syncs and 20 calls an hour while back-filling', async () => {
    const run = await newRun(1);
    await idleFor(run, T0, HOUR);
    const calls = await idleFor(run, T0 + HOUR, HOUR);
    // Every 15 minutes: the newest header, the stored newest header (reorg check), the new blocks, one back-fill range with its end header.
    expect(calls).toEqual({ eth_getBlockByNumber: 4 * 3, eth_feeHistory: 4 * 2 });
  });

  it('keeps every block while idle: the stored history has no gap, and the Gas tab opened after an idle hour is current', async () => {
    const run = await newRun(1);
    await idleFor(run, T0, 2 * HOUR);
    const opened = T0 + 2 * HOUR + 7 * 60_000; // seven minutes after the last idle sync
    run.node.now = opened;
    run.node.calls.clear();
    // The popup's Gas tab: gas:report → liveGasReport over the same storage (entrypoints/background/gas.ts).
    const report = await liveGasReport({ request: run.node.request, chainId: 1, gasLimit: 21_000n, withinHours: 24, now: opened / 1000, storage: run.storage, retentionBlocks: thirtyDaysOfBlocks(12), maxRequestsPerSync: 64 });
    expect(report.nextBlock).toBe(run.node.head + 1);
    expect(report.nextBaseFee).toBe(30n * GWEI);
    // The newest header, the reorg check, the 35 new blocks, then the back-fill the tab allows (63 ranges, each with its end header).
    expect(Object.fromEntries(run.node.calls)).toEqual({ eth_getBlockByNumber: 2 + 63, eth_feeHistory: 64 });
    const samples = await new FeeHistoryStore({ chainId: 1, request: run.node.request, storage: run.storage }).samples();
    const newest = samples.blocks[samples.blocks.length - 1]!;
    expect(newest).toBe(run.node.head);
    expect(samples.blocks.length).toBe(newest - samples.blocks[0]! + 1); // contiguous
  });
});

describe('idle schedule: how late an alert fires', () => {
  const bound = alertLatenessBoundSeconds({ alarmLatenessSeconds: 0, rpcTimeoutMs: 0, retries: 0, retryDelayMs: 0 });

  it('the bound is the alarm period plus what the alarm and the read add', () => {
    expect(bound).toBe(60);
    // The extension's client: 4 s timeout, one retry after 150 ms (core/chain/client.ts), an alarm up to 30 s late.
    expect(alertLatenessBoundSeconds({ alarmLatenessSeconds: 30, rpcTimeoutMs: 4_000, retries: 1, retryDelayMs: 150 })).toBeCloseTo(98.15, 5);
  });

  for (const c of [
    { name: 'Ethereum (header arithmetic)', chainId: 1 },
    { name: 'Arbitrum (the node’s own figure)', chainId: 42161 },
  ]) {
    it(`${c.name}: fires within ${bound} s of the next-block base fee reaching the threshold, whatever the alarm's phase`, async () => {
      let worst = 0;
      for (const phase of [0, 5_000, 11_000, 29_000, 47_000, 59_000]) {
        for (const threshold of [20, 12, 5]) {
          const run = { ...(await newRun(c.chainId, threshold)), retentionBlocks: 4096 };
          run.node.emptyFrom = FIRST + Math.round(HOUR / run.node.blockMs / 2) + 7;
          // The first block whose successor's base fee is at or below the threshold: from then on the alert is due.
          let h = run.node.emptyFrom;
          while (run.node.baseFee(h + 1) > BigInt(threshold) * GWEI) h++;
          const due = run.node.timeOf(h);
          await idleFor(run, T0 + phase, HOUR);
          expect(run.fired.length, `phase ${phase} threshold ${threshold}`).toBe(1);
          const late = (run.fired[0]! - due) / 1000;
          expect(late).toBeGreaterThanOrEqual(0);
          worst = Math.max(worst, late);
        }
      }
      expect(worst).toBeLessThanOrEqual(bound);
      expect(worst).toBeGreaterThan(bound / 2); // the phases tried reach near the bound: it is not loose by much
    });
  }

  it('a node that does not answer delays the alert to the first tick it answers, and loses nothing', async () => {
    const run = await newRun(1, 40, true); // already below: due at once; and a watched account
    run.node.dead = true;
    await idleFor(run, T0, 5 * 60_000);
    expect(run.fired).toEqual([]);
    expect(run.alerts[0]!.armed).toBe(true);
    expect(run.state?.syncedAt).toBeUndefined(); // a failed sync is not a sync: tried again on the next tick
    expect(run.bypass.checkedAt).toBeUndefined(); // nor a failed bypass check
    run.node.dead = false;
    await tick(run, T0 + 5 * 60_000);
    expect(run.fired).toEqual([T0 + 5 * 60_000]);
    expect(run.state?.syncedAt).toBe(T0 + 5 * 60_000);
    expect(run.bypass.checkedAt).toBe(T0 + 5 * 60_000);
  });
});
