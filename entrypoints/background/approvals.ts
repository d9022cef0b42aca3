/**
 * The approvals inventory in the service worker (thin; the logic is core/approvals): scans run here so they survive
 * the popup closing, report progress through their stored job (the tab asks every half second), can be cancelled,
 * and resume from the stored cursor after the worker was stopped (on start and on a one-minute alarm while a scan is
 * unfinished). Revocations go through MetaMask the way Withdraw steps do (metamask-send.ts), are reviewed and stored
 * like any request first (Reviews tab; the bypass watcher knows them), and the rows are read again once mined.
 * The only traffic: JSON-RPC to the chain's node (the user's RPC first), and MetaMask.
 */
import { browser } from 'wxt/browser';
import { createPublicClient, http, type Address } from 'viem';
import { metaMask, MetaMaskRpcError } from '@/components/metamask';
import type { RpcRequest } from '@/core/chain/account-scan';
import { describeSource, rpcSources, type RpcSource } from '@/core/chain/rpc-sources';
import { text, type Localized } from '@/core/i18n/localized';
import { knownCollectionsOf, knownTokensOf, priceReaderFor, priceSourceOf } from '@/core/approvals/chains';
import { permissionsOfRequest } from '@/core/approvals/fallback';
import { revokeCalls, type RevokeCall } from '@/core/approvals/revoke';
import { rereadRows, scanInventory, type ScanOutcome } from '@/core/approvals/scan';
import { candidateKey } from '@/core/approvals/types';
import { inventoryView } from '@/core/approvals/view';
import { gasChain } from '@/core/gas/chains';
import { knownContractAddresses, labelOf } from '@/core/review/labels';
import type { ApprovalsMessage, ApprovalsStatus, RevokeState, RuntimeMessage } from '@/core/messages';
import { loadInventory, loadJob, saveInventory, saveJob, unfinishedJobs, type ScanJob } from '@/core/store/approvals';
import type { Settings } from '@/core/settings/settings';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { reviewBook, ensureReview } from './review-service';
import { watchDecision } from './bypass';
import { scamAddresses } from './scam-list';
import { walletFor } from './wallet-source';
import { requireMetaMaskAccount, sendCallsThroughMetaMask } from './metamask-send';

export const APPROVALS_ALARM = 'approvals-scan';

const TYPES: ReadonlySet<string> = new Set<ApprovalsMessage['t']>(['approvals:status', 'approvals:scan', 'approvals:cancel', 'approvals:revoke']);
export const isApprovalsMessage = (m: RuntimeMessage): m is ApprovalsMessage => TYPES.has(m.t);

export class ApprovalsError extends Error {
  override name = 'ApprovalsError';
}

const keyOf = (chainId: number, account: string) => `${chainId}:${account.toLowerCase()}`;
/** Scans running in this worker (a stopped worker leaves its job 'scanning' in storage: resumed later). */
const running = new Map<string, AbortController>();
/** The latest job state of running scans (stored at most every STORE_EVERY_MS). */
const live = new Map<string, ScanJob>();
const revokes = new Map<string, RevokeState>();
const STORE_EVERY_MS = 750;
/** While a scan runs, an extension API call this often keeps Chrome from stopping the idle worker. */
const KEEP_AWAKE_MS = 20_000;

function requireAccount(account: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(account)) throw new ApprovalsError('The account must be 0x followed by 40 hex digits.');
  return account.toLowerCase() as Address;
}

/**
 * The node a scan reads: the first source of the chain (the user's RPC, MetaMask's RPC for it, the registry's public
 * RPC unless "only my RPC"). One node for the whole pass: the cursor and the ranges it learnt belong to it.
 */
async function scanNode(chainId: number, settings: Settings): Promise<{ rpc: RpcRequest; source: RpcSource } | { none: Localized }> {
  const userRpc = settings.rpcs[String(chainId)];
  const onlyMine = !!settings.privateRpc[String(chainId)];
  const wallet = userRpc ? undefined : await walletFor(chainId);
  const sources = rpcSources({ chainId, userRpc, onlyMine, wallet: !!wallet && 'reads' in wallet });
  const first = sources[0];
  if (!first) return { none: text(`No RPC for chain ${chainId}: add one in Settings (or let MetaMask serve this network).`, `チェーン ${chainId} の RPC がありません。設定で追加してください（または MetaMask でこのネットワークを選んでください）。`) };
  if (first.kind === 'wallet' && wallet && 'reads' in wallet) return { rpc: (method, params) => wallet.reads(method, params), source: first };
  const url = (first as { url: string }).url;
  const client = createPublicClient({ transport: http(url, { timeout: 30_000, retryCount: 0 }) });
  return { rpc: (method, params) => client.request({ method: method as never, params: params as never }), source: first };
}

const storedAt = new Map<string, number>();

/** Keeps the job in memory for the tab, and in storage at most every STORE_EVERY_MS (always when `force`). */
async function storeJob(job: ScanJob, force = false): Promise<void> {
  const key = keyOf(job.chainId, job.account);
  live.set(key, job);
  if (!force && Date.now() - (storedAt.get(key) ?? 0) < STORE_EVERY_MS) return;
  storedAt.set(key, Date.now());
  await saveJob(await db(), job);
}

function outcomeJob(job: ScanJob, r: ScanOutcome): ScanJob {
  const base = { ...job, endedAt: Date.now(), requests: r.requests };
  switch (r.status) {
    case 'done':
      return { ...base, state: 'done', failure: undefined, ...(r.note === 'no-logs' ? { noLogs: true, message: r.noLogsReason } : { message: undefined, noLogs: undefined }) };
    case 'cancelled':
      return { ...base, state: 'cancelled', message: 'Cancelled: what was found so far is kept.' };
    case 'failed':
      return { ...base, state: 'failed', message: r.reason, failure: r.kind };
  }
}

/** Starts the scan of (chain, account) in the background, or resumes it from its stored cursor; answers at once. */
export async function startScan(chainId: number, rawAccount: string): Promise<ApprovalsStatus> {
  const account = requireAccount(rawAccount);
  const key = keyOf(chainId, account);
  if (running.has(key)) return approvalsStatus(chainId, account);
  const controller = new AbortController();
  running.set(key, controller); // before any await: a second start meanwhile finds it running
  const settings = await loadSettings();
  const node = await scanNode(chainId, settings).catch((e: unknown) => ({ none: text(String(e), String(e)) }));
  const started: ScanJob = { chainId, account, state: 'scanning', startedAt: Date.now() };
  if ('none' in node) {
    running.delete(key);
    await storeJob({ ...started, state: 'failed', endedAt: Date.now(), message: node.none.en, failure: 'no-source' }, true);
    return approvalsStatus(chainId, account);
  }
  // A new pass forgets how the last one ended (the stored job keeps it until now).
  const job: ScanJob = { ...started, source: describeSource(node.source, chainId) };
  await storeJob(job, true);
  void browser.alarms.create(APPROVALS_ALARM, { periodInMinutes: 1 });
  const awake = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_AWAKE_MS);
  const database = await db();
  const trusted = settings.trustedSpenders.map((s) => s.toLowerCase());
  void scanInventory({
    chainId, account, rpc: node.rpc, now: Date.now, signal: controller.signal,
    load: () => loadInventory(database, chainId, account),
    save: (inv) => saveInventory(database, inv),
    onProgress: (progress) => void storeJob({ ...live.get(key)!, progress }).catch(() => undefined),
    prices: ({ client, mode }) => priceReaderFor(chainId, client, mode),
    priceAlso: knownTokensOf(chainId),
    fallbackLists: async () => ({
      tokens: knownTokensOf(chainId).map((t) => t.address),
      collections: knownCollectionsOf(chainId),
      spenders: [...knownContractAddresses(), ...trusted, ...Object.keys(settings.labels)] as Address[],
      reviewed: (await reviewBook.list(500).catch(() => [])).flatMap((r) => permissionsOfRequest(r.request, chainId)),
    }),
    knownSpender: (a) => labelOf(a, settings.labels) !== undefined || trusted.includes(a.toLowerCase()),
    blockTimeSeconds: gasChain(chainId).blockTimeSeconds,
  }).then(
    (r) => storeJob(outcomeJob(live.get(key) ?? job, r), true),
    (e: unknown) => storeJob({ ...(live.get(key) ?? job), state: 'failed', endedAt: Date.now(), message: e instanceof Error ? e.message : String(e), failure: 'node' }, true),
  ).catch(() => undefined).finally(() => {
    clearInterval(awake);
    running.delete(key);
  });
  return approvalsStatus(chainId, account);
}

export async function cancelScan(chainId: number, account: string): Promise<ApprovalsStatus> {
  running.get(keyOf(chainId, account))?.abort();
  return approvalsStatus(chainId, account);
}

/** On worker start and on the alarm: scans a stopped worker left unfinished go on from their cursor. */
export async function resumeScans(): Promise<void> {
  const jobs = await unfinishedJobs(await db());
  for (const j of jobs) if (!running.has(keyOf(j.chainId, j.account))) await startScan(j.chainId, j.account);
  if (jobs.length === 0 && running.size === 0) await browser.alarms.clear(APPROVALS_ALARM);
}

/** What the tab and the panel show: the job, the inventory (scam list matched now), the node, the price source. */
export async function approvalsStatus(chainId: number, rawAccount: string): Promise<ApprovalsStatus> {
  const account = requireAccount(rawAccount);
  const key = keyOf(chainId, account);
  // The revocation's state as it is now, before the inventory is read: a state that says `mined` then comes with the
  // rows as re-read after it (taken after the reads, a poll that began before the re-read could answer `mined` with
  // the old rows, and the tab, which stops asking once a revocation is over, would keep showing revoked approvals).
  const current = revokes.get(key);
  const revoke = current ? { ...current, keys: [...current.keys], hashes: [...current.hashes] } : undefined;
  const database = await db();
  const [job, inv, settings, scam] = await Promise.all([live.get(key) ?? loadJob(database, chainId, account), loadInventory(database, chainId, account), loadSettings(), scamAddresses().catch(() => undefined)]);
  // A job left 'scanning' by a stopped worker, with no scan running here: say it resumes, and resume it.
  if (job?.state === 'scanning' && !running.has(key)) void startScan(chainId, account).catch(() => undefined);
  const view = inv ? inventoryView(inv, { nowSec: Math.floor(Date.now() / 1000), scamListed: (a) => scam?.has(a.toLowerCase()) ?? false, labels: settings.labels, trusted: settings.trustedSpenders.map((s) => s.toLowerCase()) }) : undefined;
  return { chainId, account, ...(job ? { job } : {}), ...(view ? { view } : {}), ...(job?.source ? { source: job.source } : {}), priceSource: priceSourceOf(chainId), ...(revoke ? { revoke } : {}) };
}

/** A revocation stored and reviewed like a dApp request (the Reviews tab shows it; the bypass watcher expects it). */
async function reviewedRecord(chainId: number, from: string, c: RevokeCall): Promise<string> {
  const key = crypto.randomUUID();
  await reviewBook.put({
    key, createdAt: Date.now(), tabId: -1, frameId: 0,
    request: { method: 'eth_sendTransaction', params: [{ from, to: c.to, data: c.data, value: c.value }], origin: new URL(browser.runtime.getURL('/')).origin, chainId },
  });
  await ensureReview(key).catch(() => undefined);
  return key;
}

async function continued(key: string): Promise<void> {
  const decided = await reviewBook.recordDecision(key, 'continue', false, Date.now()).catch(() => undefined);
  if (decided) void watchDecision(decided).catch(() => undefined);
}

/** Waits for each hash's receipt on the scan's node (every second, up to ten minutes). */
async function receipts(rpc: RpcRequest, hashes: readonly string[]): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (const hash of hashes) {
    for (;;) {
      const r = (await rpc('eth_getTransactionReceipt', [hash]).catch(() => null)) as { blockNumber?: string; status?: string } | null;
      if (r?.blockNumber) {
        if (r.status === '0x0') throw new ApprovalsError(`The revocation ${hash.slice(0, 10)}… reverted on chain.`);
        break;
      }
      if (Date.now() > deadline) throw new ApprovalsError(`The revocation ${hash.slice(0, 10)}… was not mined within ten minutes.`);
      await new Promise((r2) => setTimeout(r2, 1_000));
    }
  }
}

/** Revokes the rows with these keys through MetaMask; answers at once, the state follows in the status. */
export async function revokeApprovals(chainId: number, rawAccount: string, keys: readonly string[]): Promise<ApprovalsStatus> {
  const account = requireAccount(rawAccount);
  const key = keyOf(chainId, account);
  const open = revokes.get(key);
  if (open && (open.state === 'waiting' || open.state === 'sent')) throw new ApprovalsError('A revocation is already waiting in MetaMask or for its receipt: finish it first.');
  const database = await db();
  const inv = await loadInventory(database, chainId, account);
  const wanted = new Set(keys);
  const rows = inv?.rows.filter((r) => wanted.has(candidateKey(r))) ?? [];
  if (rows.length === 0) throw new ApprovalsError('None of these approvals is in the inventory any more: scan again.');
  await requireMetaMaskAccount(account, 'the Approvals tab');
  const settings = await loadSettings();
  const node = await scanNode(chainId, settings);
  if ('none' in node) throw new ApprovalsError(node.none.en);
  const calls = revokeCalls(rows);
  const state: RevokeState = { keys: rows.map(candidateKey), state: 'waiting', hashes: [], at: Date.now() };
  revokes.set(key, state);
  const deps = { rpc: node.rpc, now: Date.now, load: () => loadInventory(database, chainId, account), save: (i: Parameters<typeof saveInventory>[1]) => saveInventory(database, i) };
  void (async () => {
    const records = await Promise.all(calls.map((c) => reviewedRecord(chainId, account, c)));
    try {
      const sent = await sendCallsThroughMetaMask(chainId, account, calls, async (hash, i) => {
        state.hashes.push(hash);
        state.state = 'sent';
        await continued(records[i]!);
      });
      if ('batch' in sent) {
        state.batchId = sent.batch;
        state.state = 'sent';
        for (const r of records) await continued(r);
        await batchDone(sent.batch);
      } else {
        if (sent.batchRefused) state.batchRefused = sent.batchRefused;
        await receipts(node.rpc, sent.hashes);
      }
      await rereadRows(deps, state.keys);
      state.state = 'mined';
    } catch (e) {
      const rejected = e instanceof MetaMaskRpcError && e.userRejected;
      // What was confirmed before a rejection still goes through: follow it and read its rows again.
      if (state.hashes.length > 0) await receipts(node.rpc, state.hashes).then(() => rereadRows(deps, state.keys)).catch(() => undefined);
      state.state = rejected ? 'rejected' : 'failed';
      state.error = rejected ? 'You rejected it in MetaMask: nothing more was sent.' : e instanceof Error ? e.message : String(e);
    }
    state.at = Date.now();
  })();
  return approvalsStatus(chainId, account);
}

/** A wallet_sendCalls batch: its status until MetaMask reports it final (EIP-5792: 200 confirmed, ≥ 400 failed). */
async function batchDone(id: string): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const s = await metaMask.request<{ status?: number }>({ method: 'wallet_getCallsStatus', params: [id] }).catch(() => undefined);
    if (s?.status !== undefined && s.status >= 200 && s.status < 300) return;
    if (s?.status !== undefined && s.status >= 400) throw new ApprovalsError(`MetaMask reports the batch failed (status ${s.status}).`);
    if (Date.now() > deadline) throw new ApprovalsError('The batch was not confirmed within ten minutes.');
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

export async function handleApprovalsMessage(m: ApprovalsMessage): Promise<ApprovalsStatus> {
  switch (m.t) {
    case 'approvals:status':
      return approvalsStatus(m.chainId, m.account);
    case 'approvals:scan':
      return startScan(m.chainId, m.account);
    case 'approvals:cancel':
      return cancelScan(m.chainId, m.account);
    case 'approvals:revoke':
      return revokeApprovals(m.chainId, m.account, m.keys);
  }
}
