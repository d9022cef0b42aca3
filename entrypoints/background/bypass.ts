import { browser } from 'wxt/browser';
import { bypassDue } from '@/core/gas/idle-schedule';
import { checkBypass, continuedTx, emptyBypassState, lastContinuedAt, watchContinued, type BypassEvent, type BypassState, type RpcRequest } from '@/core/review/bypass-watch';
import type { ReviewRecord } from '@/core/store/db';
import { db } from '@/components/storage/db';
import { loadSettings } from '@/components/storage/settings';
import { rpcOf } from './chain-access';

/** kv key of the watcher's state (core/review/bypass-watch.ts). */
const KV_KEY = 'bypassWatch';

/** Read-modify-write of the state, one at a time (a decision and the alarm may run together). */
let queue: Promise<unknown> = Promise.resolve();
function update<T>(fn: (state: BypassState) => Promise<{ state: BypassState; out: T }>): Promise<T> {
  const run = queue.then(async () => {
    const database = await db();
    const stored = (await database.get('kv', KV_KEY)) as BypassState | undefined;
    const { state, out } = await fn(stored && typeof stored === 'object' && 'accounts' in stored ? stored : emptyBypassState());
    await database.put('kv', state, KV_KEY);
    return out;
  });
  queue = run.catch(() => undefined);
  return run;
}

async function rpcFor(): Promise<(chainId: number) => RpcRequest | undefined> {
  const settings = await loadSettings();
  return (chainId) => rpcOf(chainId, settings);
}

/** After Continue on an eth_sendTransaction: watch its account so a transaction sent around Preflight is noticed. */
export async function watchDecision(record: ReviewRecord): Promise<void> {
  if (record.decision !== 'continue') return;
  const tx = continuedTx(record.key, record.request.method, record.request.params, record.decidedAt ?? Date.now());
  const rpc = tx && (await rpcFor())(record.request.chainId);
  if (!tx || !rpc) return;
  await update(async (state) => ({ state: await watchContinued(state, record.request.chainId, tx, rpc), out: undefined }));
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/**
 * On the minute alarm, when due (every 10 minutes, every minute for 10 minutes after a Continue: core/gas/idle-schedule.ts):
 * checks the watched accounts and notifies once per transaction found.
 */
export async function onBypassAlarm(): Promise<BypassEvent[]> {
  const rpc = await rpcFor();
  const found = await update(async (state) => {
    const now = Date.now();
    if (Object.keys(state.accounts).length === 0 || !bypassDue(state.checkedAt, lastContinuedAt(state), now)) return { state, out: [] as BypassEvent[] };
    const r = await checkBypass(state, rpc, { now });
    return { state: r.state, out: r.found };
  });
  if (found.length === 0) return found;
  const { lang } = await loadSettings();
  const n = found.reduce((s, e) => s + e.count, 0);
  const account = short(found[0]!.account);
  await notifyBypass(
    lang === 'ja' ? 'Preflight の確認を通らない取引がありました' : 'A transaction skipped the Preflight review',
    lang === 'ja'
      ? `${account} から ${n} 件の取引が、Preflight の確認なしにチェーンに届きました。別の端末やウォレットから送ったものかもしれません。心当たりがなければ、すぐにアカウントを確認してください。`
      : `${n} transaction(s) from ${account} reached the chain without a Preflight review. They may be yours, sent from another device or wallet. If not, check the account now.`,
  );
  return found;
}

/** The system notification of both watchers (on chain, and the page's stream). */
async function notifyBypass(title: string, message: string): Promise<void> {
  await browser.notifications.create(`bypass-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
  });
}

/**
 * The stream guard's report: a page sent a reviewed request straight to MetaMask and MetaMask received it before
 * Preflight could stop it. The request is kept in the review history (marked, with its review for the Reviews tab)
 * and the user is told at once to reject it in MetaMask unless they started it.
 */
export async function onStreamBypass(record: ReviewRecord, put: (r: ReviewRecord) => Promise<unknown>): Promise<void> {
  await put(record);
  const { lang } = await loadSettings();
  const host = hostOf(record.request.origin);
  await notifyBypass(
    lang === 'ja' ? 'Preflight の確認を通らない署名リクエストがあります' : 'A signing request skipped the Preflight review',
    lang === 'ja'
      ? `${host} が ${record.request.method} を Preflight の確認なしに MetaMask へ送りました。心当たりがなければ MetaMask で拒否してください。`
      : `${host} sent ${record.request.method} straight to MetaMask, without a Preflight review. Reject it in MetaMask unless you started it.`,
  );
}

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
};

export async function bypassEvents(): Promise<BypassEvent[]> {
  const stored = (await (await db()).get('kv', KV_KEY)) as BypassState | undefined;
  return stored?.events ?? [];
}

export function clearBypassEvents(): Promise<void> {
  return update(async (state) => ({ state: { ...state, events: [] }, out: undefined }));
}
