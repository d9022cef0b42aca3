/**
 * What an idle browser reads from a chain (`npm run bench -- --only idle`): JSON-RPC calls by method per chain per
 * hour, before (main's alarm path: a gas report every minute, a second one for the alert, the bypass check every minute)
 * and after (core/gas/idle-tick.ts on the schedule of core/gas/idle-schedule.ts), in one run, against anvil.
 *
 * Simulated time, real chain: one hour of the one-minute alarm is run with the clock passed in, while anvil (no
 * automine) gets a block every 12 simulated seconds with transfers that push the base fee up and down (a 30-minute
 * cycle), through the extension's own RPC client (core/chain/client.ts: viem's http transport, its batching and
 * retries) and a proxy that counts every JSON-RPC call (scripts/devnet/limiting-proxy.ts), with the fee history kept
 * in the extension's IndexedDB store (core/store/fee-history.ts over fake-indexeddb). Each side first idles an hour
 * (the first sync and back-fill), then the next hour is counted. Two cases: the chain alone (an idle browser with one
 * dApp tab), and with a gas alert (1.3 gwei: crossed twice an hour) and one account watched by the bypass watcher, so
 * every periodic read is in. What is not run here: the
 * background's thin wiring (entrypoints/background/gas-alerts.ts, bypass.ts: settings, notifications, chrome.alarms).
 * Main's path is replayed from its code: gas.ts's gasReport was liveGasReport with a second read of the newest header
 * beside its sync (removed on this branch), called by onGasAlarm and again by checkGasAlerts under another cache key.
 *
 * With --chromium-minutes N (not in the default run), the real extension in Chromium is also left idle N minutes of
 * real time with one dApp tab, chain 1's RPC pointed at the counting proxy (anvil mining every 12 s): --before-dir
 * and --after-dir name the two builds (default: .output/chrome-mv3 for after). Those counts are per N minutes as
 * measured, with a per-hour figure only for the every-minute schedule (before), where N minutes scale linearly.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createChainClient } from '../../core/chain/client';
import { evaluateAlert, newAlert, type GasAlert } from '../../core/gas/alerts';
import { gasChain } from '../../core/gas/chains';
import type { RpcRequest } from '../../core/gas/history-rpc';
import { alertLatenessBoundSeconds, bypassDue, IDLE_SCHEDULE, worstCaseCallsPerHour, type ChainIdleState } from '../../core/gas/idle-schedule';
import { idleTick } from '../../core/gas/idle-tick';
import { liveGasReport, thirtyDaysOfBlocks } from '../../core/gas/live-report';
import { checkBypass, emptyBypassState, lastContinuedAt, watchContinued, type BypassState } from '../../core/review/bypass-watch';
import { openPreflightDb } from '../../core/store/db';
import { IdbFeeHistoryStorage } from '../../core/store/fee-history';
import { startAnvilBinary, type Anvil } from '../../tests/integration/anvil-binary';
import { startLimitingProxy, type LimitingProxy } from '../devnet/limiting-proxy';

const CHAIN = 31337;
const BLOCK_S = gasChain(CHAIN).blockTimeSeconds;
const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C8d4B3F6b5Eb2B4e0d4';
/** Watched by the bypass watcher; sends nothing (an idle user). */
const WATCHED = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc';
const THRESHOLD_GWEI = 1.3;
const HOUR_MS = 3_600_000;
/** The alarm's phase against the blocks (ms after a block). */
const PHASE_MS = 7_000;

const direct = (url: string): RpcRequest => {
  let id = 0;
  return async (method, params) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
};

/** Transfers in block k: above the target (10 transfers with a 420,000 gas limit) for 75 blocks, below it for 75. */
const transfersIn = (k: number) => (Math.floor(k / 75) % 2 === 0 ? 11 : 9);

/** anvil with a block every 12 simulated seconds, mined up to the simulated clock. */
class SimChain {
  private mined = 0;
  readonly baseFees: bigint[] = [];
  private constructor(readonly anvil: Anvil, readonly rpc: RpcRequest, readonly start: number) {}
  static async start(): Promise<SimChain> {
    const anvil = await startAnvilBinary(['--no-mining', '--gas-limit', '420000', '--base-fee', '1000000000']);
    const rpc = direct(anvil.url);
    const genesis = (await rpc('eth_getBlockByNumber', ['0x0', false])) as { timestamp: string; baseFeePerGas: string };
    const chain = new SimChain(anvil, rpc, (Number(BigInt(genesis.timestamp)) + 1) * 1000);
    chain.baseFees.push(BigInt(genesis.baseFeePerGas));
    return chain;
  }
  timeOf(block: number): number {
    return this.start + (block - 1) * BLOCK_S * 1000;
  }
  /** Mines every block due by `now` (ms). */
  async advance(now: number): Promise<void> {
    while (this.timeOf(this.mined + 1) <= now) {
      const k = this.mined + 1;
      const batch = Array.from({ length: transfersIn(k) }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_sendTransaction', params: [{ from: ALICE, to: BOB, value: '0x1', gas: '0x5208' }] }));
      await fetch(this.anvil.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      await this.rpc('evm_mine', [Math.floor(this.timeOf(k) / 1000)]);
      const b = (await this.rpc('eth_getBlockByNumber', [`0x${k.toString(16)}`, false])) as { baseFeePerGas: string };
      this.baseFees.push(BigInt(b.baseFeePerGas));
      this.mined = k;
    }
  }
  /** The base fee of the block after `block` (what the alert compares), known once that block is mined. */
  nextFee(block: number): bigint | undefined {
    return this.baseFees[block + 1];
  }
  get head(): number {
    return this.mined;
  }
}

type Side = 'before' | 'after';

interface SideResult {
  calls_per_hour_by_method: Record<string, number>;
  calls_per_hour: number;
  alert_fired: number;
  alert_lateness_s: number[];
}

async function runSide(side: Side, extras: boolean, log: (m: string) => void): Promise<SideResult & { gas_tab_opened?: Record<string, unknown> }> {
  const chain = await SimChain.start();
  const proxy: LimitingProxy = await startLimitingProxy(chain.anvil.url);
  try {
    const client = createChainClient({ chainId: CHAIN, userRpc: proxy.url, usePublicFallbacks: false });
    const request: RpcRequest = (method, params) => client.request({ method: method as never, params: params as never });
    const database = openPreflightDb(new IDBFactory());
    const storage = new IdbFeeHistoryStorage(() => database);
    const retentionBlocks = thirtyDaysOfBlocks(BLOCK_S);
    let alerts: GasAlert[] = extras ? [newAlert(CHAIN, THRESHOLD_GWEI)] : [];
    let idle: ChainIdleState | undefined;
    await chain.advance(chain.start);
    let bypass: BypassState = extras ? await watchContinued(emptyBypassState(), CHAIN, { key: 'k', from: WATCHED.toLowerCase(), to: BOB.toLowerCase(), data: '0x', value: '0', at: chain.start - 2 * HOUR_MS }, chain.rpc) : emptyBypassState();
    bypass = { ...bypass, accounts: Object.fromEntries(Object.entries(bypass.accounts).map(([k, a]) => [k, { ...a, pending: [] }])) };
    const fired: number[] = [];
    // main's gasReport: its sync, and beside it a read of the newest header.
    const mainGasReport = async (withinHours: number, now: number) => {
      const [, report] = await Promise.all([request('eth_getBlockByNumber', ['latest', false]), liveGasReport({ request, chainId: CHAIN, gasLimit: 21_000n, withinHours, now: Math.floor(now / 1000), storage, retentionBlocks, maxRequestsPerSync: 64 })]);
      return report;
    };
    const tick = async (now: number) => {
      await chain.advance(now);
      if (side === 'before') {
        await mainGasReport(24, now).catch(() => undefined); // onGasAlarm
        const report = alerts.length > 0 ? await mainGasReport(1, now).catch(() => undefined) : undefined; // checkGasAlerts
        if (report) {
          const r = evaluateAlert(alerts[0]!, report.nextBaseFee, now);
          alerts = [r.alert];
          if (r.notify) fired.push(now);
        }
        if (Object.keys(bypass.accounts).length > 0) bypass = (await checkBypass(bypass, () => request, { now })).state; // onBypassAlarm, every minute
      } else {
        const r = await idleTick({ chainId: CHAIN, request, storage, now, state: idle, alerts, retentionBlocks });
        idle = r.state;
        alerts = r.alerts;
        if (r.fired.length > 0) fired.push(now);
        if (Object.keys(bypass.accounts).length > 0 && bypassDue(bypass.checkedAt, lastContinuedAt(bypass), now)) bypass = (await checkBypass(bypass, () => request, { now })).state;
      }
    };
    const tickMs = IDLE_SCHEDULE.tickSeconds * 1000;
    const t0 = chain.start + PHASE_MS;
    for (let t = t0; t < t0 + HOUR_MS; t += tickMs) await tick(t);
    log(`${side}${extras ? ' (alert, watched account)' : ''}: warm-up hour done (head ${chain.head})`);
    proxy.reset();
    fired.length = 0;
    for (let t = t0 + HOUR_MS; t < t0 + 2 * HOUR_MS; t += tickMs) await tick(t);
    const counts = { ...proxy.counts };
    // Lateness: from the first block of the run of blocks whose next base fee was at or below the threshold, to the tick.
    const threshold = BigInt(Math.round(THRESHOLD_GWEI * 1e9));
    const lateness = fired.map((at) => {
      let h = Math.floor((at - chain.start) / (BLOCK_S * 1000)) + 1; // the head at the tick
      while (h > 1 && (chain.nextFee(h - 1) ?? threshold + 1n) <= threshold) h--;
      return Math.round((at - chain.timeOf(h)) / 100) / 10;
    });
    let gasTab: Record<string, unknown> | undefined;
    if (side === 'after') {
      // The popup's Gas tab opened 7 minutes after the idle hour (22 after its last sync): gas:report's own sync (entrypoints/background/gas.ts).
      const opened = t0 + 2 * HOUR_MS + 7 * 60_000;
      await chain.advance(opened);
      proxy.reset();
      const report = await liveGasReport({ request, chainId: CHAIN, gasLimit: 21_000n, withinHours: 24, now: Math.floor(opened / 1000), storage, retentionBlocks, maxRequestsPerSync: 64 });
      gasTab = { calls_by_method: { ...proxy.counts }, next_block: report.nextBlock, chain_head: chain.head, current: report.sync.head === chain.head && report.nextBlock === chain.head + 1, stored_blocks: report.storedBlocks, fetched_blocks: report.sync.fetchedBlocks };
    }
    return { calls_per_hour_by_method: counts, calls_per_hour: Object.values(counts).reduce((a, b) => a + b, 0), alert_fired: fired.length, alert_lateness_s: lateness, ...(gasTab ? { gas_tab_opened: gasTab } : {}) };
  } finally {
    await proxy.close();
    await chain.anvil.stop();
  }
}

/** The real extension idle in Chromium for `minutes` of real time, chain 1 read through the counting proxy. */
async function chromiumIdle(extensionDir: string, minutes: number, log: (m: string) => void): Promise<Record<string, unknown>> {
  const { launchWithExtension } = await import('../../tests/e2e/harness');
  const anvil = await startAnvilBinary(['--block-time', String(BLOCK_S)]);
  const proxy = await startLimitingProxy(anvil.url);
  const page = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dApp</title><p>an idle dApp tab</p>'));
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
  const b = await launchWithExtension({ extensionDir });
  try {
    await b.setSettings({ rpcs: { '1': proxy.url }, privateRpc: { '1': true } });
    const tab = await b.context.newPage();
    await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`);
    proxy.reset();
    const started = Date.now();
    for (let m = 1; m <= minutes; m++) {
      await new Promise((r) => setTimeout(r, started + m * 60_000 - Date.now()));
      log(`chromium ${extensionDir}: ${m}/${minutes} min, ${JSON.stringify(proxy.counts)}`);
    }
    const counts = { ...proxy.counts };
    return { extension_dir: extensionDir, minutes, calls_by_method: counts, calls: Object.values(counts).reduce((a, b2) => a + b2, 0) };
  } finally {
    await b.close();
    await proxy.close();
    await anvil.stop();
    page.close();
  }
}

export async function idleBench(o: { chromiumMinutes?: number; beforeDir?: string; afterDir?: string; log(m: string): void }): Promise<Record<string, unknown>> {
  // Four independent runs (own anvil, proxy and database each), side by side: only calls are counted, not time.
  const [before, after, beforeExtras, afterExtras] = await Promise.all([runSide('before', false, o.log), runSide('after', false, o.log), runSide('before', true, o.log), runSide('after', true, o.log)]);
  const chain = gasChain(CHAIN);
  const out: Record<string, unknown> = {
    how: 'simulated clock (alarm ticks every 60 s with now passed in), real anvil (a block every 12 simulated s), the extension client through a counting proxy; second idle hour counted',
    chain_id: CHAIN,
    schedule: IDLE_SCHEDULE,
    budget_per_hour: IDLE_SCHEDULE.budgetPerHour,
    alert_lateness_bound_s: alertLatenessBoundSeconds({ alarmLatenessSeconds: 0, rpcTimeoutMs: 0, retries: 0, retryDelayMs: 0 }),
    /** An idle browser with one dApp tab: the chain's fee history only. */
    idle: { before, after, bound_per_hour: worstCaseCallsPerHour({ blockTimeSeconds: chain.blockTimeSeconds, alert: false, backfilling: true }) },
    /** The same with a gas alert on the chain (1.3 gwei, crossed twice an hour) and one account watched by the bypass watcher. */
    idle_with_alert_and_watched_account: {
      before: beforeExtras,
      after: afterExtras,
      bound_per_hour: worstCaseCallsPerHour({ blockTimeSeconds: chain.blockTimeSeconds, alert: true, backfilling: true, nodeRule: chain.baseFeeRule === 'node', watchedAccounts: 1 }),
    },
  };
  if (o.chromiumMinutes) {
    const chromium: Record<string, unknown> = {};
    if (o.beforeDir) {
      const r = await chromiumIdle(resolve(o.beforeDir), o.chromiumMinutes, o.log);
      chromium.before = { ...r, per_hour_every_minute_schedule: Math.round(((r.calls as number) * 60) / o.chromiumMinutes) };
    }
    chromium.after = await chromiumIdle(resolve(o.afterDir ?? '.output/chrome-mv3'), o.chromiumMinutes, o.log);
    out.chromium_real_time = chromium;
  }
  return out;
}
