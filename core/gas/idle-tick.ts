/**
 * One alarm tick for one chain (idle-schedule.ts says when): sync the stored fee history when it is due, then read
 * the next-block base fee for the chain's gas alerts and decide which fire. The background passes the chain's RPC,
 * its IndexedDB storage and the clock; nothing here touches the browser.
 */
import { evaluateAlert, type GasAlert } from './alerts';
import { gasChain } from './chains';
import { FeeHistoryStore, type FeeHistoryStorage, type SyncResult } from './history';
import type { RpcRequest } from './history-rpc';
import { idleBackfillRequests, syncDue, type ChainIdleState } from './idle-schedule';
import { legacyTiersFromSamples } from './legacy-tiers';
import { nextBaseFeeNow, thirtyDaysOfBlocks } from './live-report';

export interface IdleTickInput {
  chainId: number;
  request: RpcRequest;
  storage: FeeHistoryStorage;
  /** ms */
  now: number;
  state: ChainIdleState | undefined;
  /** This chain's alerts. */
  alerts: GasAlert[];
  /** Blocks kept (default ~30 days). */
  retentionBlocks?: number;
  /** Check the alerts without syncing (the "check now" message). */
  alertsOnly?: boolean;
}

export interface IdleTickResult {
  state: ChainIdleState;
  /** The alerts after this tick (unchanged when the fee could not be read: tried again next tick). */
  alerts: GasAlert[];
  /** Alerts that fire now, with the base fee that fired them. */
  fired: Array<{ alert: GasAlert; baseFee: bigint }>;
  sync?: SyncResult;
  /** The next-block base fee read for the alerts (or the 90 % gas price tier on a chain without EIP-1559). */
  nextBaseFee?: bigint;
  /** What could not be read (the node did not answer, a malformed answer): nothing is lost, the next tick retries. */
  errors: string[];
}

const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export async function idleTick(input: IdleTickInput): Promise<IdleTickResult> {
  const chain = gasChain(input.chainId);
  const store = new FeeHistoryStore({
    chainId: input.chainId,
    request: input.request,
    storage: input.storage,
    retentionBlocks: input.retentionBlocks ?? thirtyDaysOfBlocks(chain.blockTimeSeconds),
    // The new blocks are always fetched whole (a gap behind the head would never be filled); the back-fill is slow.
    maxRequestsPerSync: 64,
    maxBackfillRequestsPerSync: idleBackfillRequests(chain.blockTimeSeconds),
  });
  const errors: string[] = [];
  let state: ChainIdleState = { ...input.state };
  const legacy = (await input.storage.getMeta(input.chainId))?.mode === 'legacy';
  let sync: SyncResult | undefined;
  // A chain without EIP-1559 has no base fee to read: its alert compares the gas price tier of freshly synced blocks.
  if (!input.alertsOnly && (syncDue(input.state, input.now) || (legacy && input.alerts.length > 0))) {
    try {
      sync = await store.sync();
      state = { ...state, syncedAt: input.now };
    } catch (e) {
      errors.push(message(e));
    }
  }
  if (input.alerts.length === 0) return { state, alerts: input.alerts, fired: [], ...(sync ? { sync } : {}), errors };
  let fee: bigint | undefined;
  try {
    if (legacy || sync?.mode === 'legacy') fee = legacyTiersFromSamples(await store.samples(), input.chainId).levels[1]?.priorityFee;
    else fee = (await nextBaseFeeNow(input.request, input.chainId, store.lastHead))?.fee;
  } catch (e) {
    errors.push(message(e));
  }
  if (fee === undefined) return { state, alerts: input.alerts, fired: [], ...(sync ? { sync } : {}), errors };
  const fired: IdleTickResult['fired'] = [];
  const alerts = input.alerts.map((alert) => {
    const r = evaluateAlert(alert, fee, input.now);
    if (r.notify) fired.push({ alert: r.alert, baseFee: fee });
    return r.alert;
  });
  return { state, alerts, fired, ...(sync ? { sync } : {}), nextBaseFee: fee, errors };
}

