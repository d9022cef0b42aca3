import './boot-mark';
import { browser } from 'wxt/browser';
import type { RuntimeMessage } from '@/core/messages';
import { handleMessage } from './handlers';
import { GAS_ALARM, onGasAlarm } from './gas-alerts';
import { onBypassAlarm } from './bypass';
import { WITHDRAW_ALARM, onWithdrawAlarm } from './withdraw-steps';
import { THREAT_ALARM, onThreatAlarm } from './scam-list';
import { APPROVALS_ALARM, resumeScans } from './approvals';
import { onDomainListsAlarm } from './threat-lists';
import { keepBatchLimits } from './batch-limits';

export default defineBackground({
  type: 'module',
  main() {
    performance.mark('preflight:main');
    // Registered synchronously: a worker woken by a message must find its listener at once.
    browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
      if (typeof message !== 'object' || message === null || typeof (message as { t?: unknown }).t !== 'string') return false;
      // A connection closed under us (a newer database version opened elsewhere) throws InvalidStateError:
      // db() has reopened by then, so one retry completes the request.
      const run = () => handleMessage(message as RuntimeMessage, sender);
      run().catch((e: unknown) => (e instanceof Error && e.name === 'InvalidStateError' ? run() : Promise.reject(e))).then(
        (result) => sendResponse({ ok: true, result }),
        (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
      );
      return true;
    });
    // Nodes found to refuse big batches: known at once after a restart (no refused batch to learn it again).
    keepBatchLimits();
    // Fee sampling and gas alerts: a 1-minute alarm survives the worker being stopped; creating it again is harmless.
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === GAS_ALARM) void onGasAlarm().catch(() => undefined);
      if (alarm.name === GAS_ALARM) void onBypassAlarm().catch(() => undefined); // bypass watcher, on-chain part
      if (alarm.name === WITHDRAW_ALARM) void onWithdrawAlarm().catch(() => undefined);
      if (alarm.name === THREAT_ALARM) void onThreatAlarm().catch(() => undefined);
      if (alarm.name === APPROVALS_ALARM) void resumeScans().catch(() => undefined); // a scan a stopped worker left unfinished
      if (alarm.name === THREAT_ALARM) void onDomainListsAlarm().catch(() => undefined); // MetaMask's phishing list, ScamSniffer's domains
    });
    void browser.alarms.create(GAS_ALARM, { periodInMinutes: 1 });
    // Withdrawal steps: receipts of sent steps and "the next step is due" notifications, also after the worker was stopped.
    void browser.alarms.create(WITHDRAW_ALARM, { periodInMinutes: 1 });
    // The public threat lists: checked at start and every 30 minutes, each fetched when due (core/store/scam-list.ts,
    // core/store/threat-domains.ts).
    void browser.alarms.create(THREAT_ALARM, { periodInMinutes: 30, delayInMinutes: 0.5 });
    // Approvals scans go on from their stored cursor when the worker starts again (also on their alarm while one runs).
    void resumeScans().catch(() => undefined);
  },
});
