import { browser } from 'wxt/browser';
import { evaluateAlert, newAlert, type GasAlert } from '@/core/gas/alerts';
import { chainName } from '@/core/chain/chains';
import { formatGwei } from '@/core/format/gas';
import { gasAlertsItem } from '@/components/storage/gas-alerts';
import { loadSettings } from '@/components/storage/settings';
import { chainsToSample } from '@/components/storage/recent-chains';
import { gasReport } from './gas';

export const GAS_ALARM = 'gas-sample-and-alerts';

export async function setGasAlert(chainId: number, maxBaseFeeGwei: number | null): Promise<GasAlert[]> {
  const rest = (await gasAlertsItem.getValue()).filter((a) => a.chainId !== chainId);
  const next = maxBaseFeeGwei === null ? rest : [...rest, newAlert(chainId, maxBaseFeeGwei)];
  await gasAlertsItem.setValue(next);
  return next;
}

/**
 * Runs on the alarm (every minute): extends the stored fee history of Ethereum and of every chain used in
 * the last 24 h (so forecasts have up to 30 days behind them), then checks the alerts.
 */
export async function onGasAlarm(): Promise<void> {
  for (const chainId of await chainsToSample(Date.now())) await gasReport(chainId).catch(() => undefined);
  await checkGasAlerts();
}

/** One system notification per crossing of each alert's threshold. */
export async function checkGasAlerts(): Promise<number> {
  const alerts = await gasAlertsItem.getValue();
  if (alerts.length === 0) return 0;
  const { lang } = await loadSettings();
  let fired = 0;
  const next: GasAlert[] = [];
  for (const alert of alerts) {
    const report = await gasReport(alert.chainId, 21_000n, 1).catch(() => undefined);
    if (!report) {
      next.push(alert); // the node did not answer: try again next minute
      continue;
    }
    const r = evaluateAlert(alert, report.nextBaseFee, Date.now());
    next.push(r.alert);
    if (!r.notify) continue;
    fired++;
    const fee = formatGwei(report.nextBaseFee);
    const chain = chainName(alert.chainId);
    await browser.notifications.create(`gas-alert-${alert.chainId}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: lang === 'ja' ? `${chain} のガス代が下がりました` : `Gas is low on ${chain}`,
      message: lang === 'ja' ? `次のブロックのベースフィー：${fee}（設定値以下）` : `Next block base fee: ${fee}, at or below your alert.`,
    });
  }
  await gasAlertsItem.setValue(next);
  return fired;
}
