/**
 * What the background reads while nobody is looking, per chain, on its one-minute alarm (chrome.alarms, which
 * survives the worker being stopped). The fee history is synced every 15 minutes (every block is still stored: one
 * eth_feeHistory holds 1,024 blocks, 3.4 h of Ethereum), a chain with a gas alert has its next-block base fee read on
 * every tick, the bypass watcher checks a watched account every 10 minutes (every minute for 10 minutes after a
 * Continue), and the Gas tab and the review panel sync on their own the moment they open (so they are current
 * whatever this schedule did). Pure: the clock comes in as `now` (ms).
 */

export const IDLE_SCHEDULE = {
  /** The alarm's period, seconds. */
  tickSeconds: 60,
  /** Fee-history sync of every sampled chain, seconds between syncs. */
  syncSeconds: 900,
  /**
   * Back-fill ranges (eth_feeHistory calls of ≤ 1,024 old blocks) per idle sync on a chain with blocks of ≥ 1 s (faster
   * chains back-fill only while the Gas tab is open: their new blocks take the budget); the Gas tab's sync takes up to 64.
   */
  backfillRequestsPerSync: 1,
  /** Bypass watcher (core/review/bypass-watch.ts): seconds between checks of a watched account when idle… */
  bypassIdleSeconds: 600,
  /** …and while a Continue is recent (its transaction is expected on chain). */
  bypassActiveSeconds: 60,
  bypassActiveForSeconds: 600,
  /** The idle budget this schedule is held to (issue 24): JSON-RPC calls per chain per hour. */
  budgetPerHour: 120,
} as const;

/** Per chain, persisted between ticks (the worker is stopped between alarms): when it was last synced, ms. */
export interface ChainIdleState {
  syncedAt?: number;
}

export type IdleState = Record<string, ChainIdleState>;

/**
 * Alarms fire a little early or late: a sync is due once the interval has passed, less half a tick, so a sync
 * every 15 minutes stays one every 15 ticks.
 */
export function syncDue(state: ChainIdleState | undefined, now: number, s = IDLE_SCHEDULE): boolean {
  if (state?.syncedAt === undefined || state.syncedAt > now) return true;
  return now - state.syncedAt >= (s.syncSeconds - s.tickSeconds / 2) * 1000;
}

/** Back-fill ranges an idle sync may fetch on this chain. */
export function idleBackfillRequests(blockTimeSeconds: number, s = IDLE_SCHEDULE): number {
  return blockTimeSeconds >= 1 ? s.backfillRequestsPerSync : 0;
}

/** Whether the bypass watcher checks now: `lastContinuedAt` is the newest continued request it still waits for (ms). */
export function bypassDue(checkedAt: number | undefined, lastContinuedAt: number | undefined, now: number, s = IDLE_SCHEDULE): boolean {
  if (checkedAt === undefined || checkedAt > now) return true;
  const active = lastContinuedAt !== undefined && now - lastContinuedAt < s.bypassActiveForSeconds * 1000;
  return now - checkedAt >= ((active ? s.bypassActiveSeconds : s.bypassIdleSeconds) - s.tickSeconds / 2) * 1000;
}

/**
 * The JSON-RPC calls one idle hour costs a chain at most, from the schedule (checked against counted calls in
 * idle-tick.test.ts and measured on anvil by `npm run bench -- --only idle`):
 * - a sync: the newest header, the stored newest block's header (reorg check), one eth_feeHistory per 1,024-block
 *   chunk the new blocks touch, and per back-fill range an eth_feeHistory and its end block's header;
 * - an alert check per tick on a chain with an alert: one call (the newest header, or eth_feeHistory(1) where the
 *   chain has its own base-fee rule), none in a tick that synced (the sync's header is reused) except that rule's one;
 * - per watched account, a bypass check (eth_blockNumber and eth_getTransactionCount) every `bypassIdleSeconds`, and
 *   one eth_getBlockByNumber per block that holds one of its transactions (none while idle: the account sends nothing).
 * Chains without EIP-1559 (no base fee, gas price tiers read from whole blocks) are not covered by this bound.
 */
export function worstCaseCallsPerHour(o: { blockTimeSeconds: number; alert: boolean; backfilling: boolean; nodeRule?: boolean; watchedAccounts?: number }, s = IDLE_SCHEDULE): number {
  const syncs = Math.ceil(3600 / s.syncSeconds);
  const ticks = Math.ceil(3600 / s.tickSeconds);
  const blocksPerSync = s.syncSeconds / o.blockTimeSeconds;
  // New blocks touch this many 1,024-aligned chunks at most; each chunk past the head's costs its end header too.
  const chunks = Math.ceil(blocksPerSync / 1024) + 1;
  const perSync = 2 + chunks + (chunks - 1) + (o.backfilling ? 2 * idleBackfillRequests(o.blockTimeSeconds, s) : 0);
  const alertChecks = o.alert ? (o.nodeRule ? ticks : ticks - syncs) : 0;
  const bypass = (o.watchedAccounts ?? 0) * 2 * Math.ceil(3600 / s.bypassIdleSeconds);
  return syncs * perSync + alertChecks + bypass;
}

/**
 * How late a gas alert can fire, seconds after the next-block base fee first drops to the threshold (and stays there
 * until the check): the alarm's period, plus its lateness, plus the read (the RPC client's bound: two tries of
 * `rpcTimeoutMs` and the retry delay). A dip shorter than one tick can be missed, as before.
 */
export function alertLatenessBoundSeconds(o: { alarmLatenessSeconds: number; rpcTimeoutMs: number; retries: number; retryDelayMs: number }, s = IDLE_SCHEDULE): number {
  return s.tickSeconds + o.alarmLatenessSeconds + ((o.retries + 1) * o.rpcTimeoutMs + o.retries * o.retryDelayMs) / 1000;
}
