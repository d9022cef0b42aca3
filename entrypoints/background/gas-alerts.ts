import { browser } from 'wxt/browser';
import { newAlert, type GasAlert } from '@/core/gas/alerts';
import { idleTick } from '@/core/gas/idle-tick';
import { IdbFeeHistoryStorage } from '@/core/store/fee-history';
import { db } from '@/components/storage/db';
import { chainName } from '@/core/chain/chains';
import { formatGwei } from '@/core/format/gas';
import { gasAlertsItem, gasIdleItem } from '@/components/storage/gas-alerts';
import { loadSettings } from '@/components/storage/settings';
import { chainsToSample } from '@/components/storage/recent-chains';
import { readAccess } from './chain-access';

export const GAS_ALARM = 'gas-sample-and-alerts';

export async function setGasAlert(chainId: number, maxBaseFeeGwei: number | null): Promise<GasAlert[]> {
  const rest = (await gasAlertsItem.getValue()).filter((a) => a.chainId !== chainId);
  const next = maxBaseFeeGwei === null ? rest : [...rest, newAlert(chainId, maxBaseFeeGwei)];
  await gasAlertsItem.setValue(next);
  return next;
}

/**
 * Runs on the alarm (every minute), on the idle schedule (core/gas/idle-schedule.ts): extends the stored fee history
 * of Ethereum and of every chain used in the last 24 h every 15 minutes (so forecasts have up to 30 days behind
 * them), and reads the next-block base fee of every chain with an alert.
 */
export async function onGasAlarm(): Promise<void> {
  await gasTick(false);
}

/** Checks the alerts now (no sync): one system notification per crossing of each alert's threshold. */
export async function checkGasAlerts(): Promise<number> {
  return gasTick(true);
}

async function gasTick(alertsOnly: boolean): Promise<number> {
  const now = Date.now();
  const alerts = await gasAlertsItem.getValue();
  const alertChains = alerts.map((a) => a.chainId);
  const chains = alertsOnly ? [...new Set(alertChains)] : [...new Set([...(await chainsToSample(now)), ...alertChains])];
  if (chains.length === 0) return 0;
  const settings = await loadSettings();
  const idle = await gasIdleItem.getValue();
  const updated: GasAlert[] = [];
  let fired = 0;
  for (const chainId of chains) {
    const found = await readAccess(chainId, settings).catch(() => undefined);
    if (!found || 'none' in found) continue; // no RPC for this chain: its alerts wait, unchanged
    const client = found.client;
    const r = await idleTick({
      chainId,
      request: (method, params) => client.request({ method: method as never, params: params as never }),
      storage: new IdbFeeHistoryStorage(db),
      now,
      state: idle[String(chainId)],
      alerts: alerts.filter((a) => a.chainId === chainId),
      alertsOnly,
    });
    idle[String(chainId)] = r.state;
    updated.push(...r.alerts);
    for (const f of r.fired) {
      fired++;
      await notifyLowGas(f.alert.chainId, f.baseFee, settings.lang);
    }
  }
  if (!alertsOnly) await gasIdleItem.setValue(idle);
  // The user may have changed an alert meanwhile: keep theirs, with this tick's state where it is the same alert.
  const current = await gasAlertsItem.getValue();
  await gasAlertsItem.setValue(current.map((a) => updated.find((u) => u.chainId === a.chainId && u.maxBaseFeeWei === a.maxBaseFeeWei) ?? a));
  return fired;
}

async function notifyLowGas(chainId: number, baseFee: bigint, lang: string): Promise<void> {
  const fee = formatGwei(baseFee);
  const chain = chainName(chainId);
  await browser.notifications.create(`gas-alert-${chainId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: lang === 'ja' ? `${chain} のガス代が下がりました` : `Gas is low on ${chain}`,
    message: lang === 'ja' ? `次のブロックのベースフィー：${fee}（設定値以下）` : `Next block base fee: ${fee}, at or below your alert.`,
  });
}
