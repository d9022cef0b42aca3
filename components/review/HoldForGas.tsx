import { useEffect, useState } from 'react';
import type { Lang } from '@/core/i18n/localized';
import type { GasReportResponse } from '@/core/messages';
import { t } from '@/components/i18n/ui-text';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ask } from '@/components/runtime';
import { formatGwei as gwei } from '@/core/format/gas';
import { countdown, holdStatus } from './hold-status';
import { when } from '@/components/i18n/time';

const POLL_MS = 12_000;

/**
 * "Hold until the base fee is ≤ target": the request stays pending (the dApp keeps waiting) while the
 * panel polls the next-block base fee; when it reaches the target the request goes on, as the user asked.
 * A countdown shows the forecast's time; Cancel returns to the normal choice. Past the deadline the hold
 * stops and the panel returns to the choice (onExpired): it never sends at the going fee by itself.
 */
export function HoldForGas({
  lang,
  chainId,
  targetWei,
  expectedAt,
  deadline,
  onReached,
  onCancel,
  onExpired,
}: {
  lang: Lang;
  chainId: number;
  targetWei: bigint;
  expectedAt?: number;
  deadline?: number;
  onReached(): void;
  onCancel(): void;
  onExpired(): void;
}) {
  const [baseFee, setBaseFee] = useState<bigint | undefined>();
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const poll = async () => {
      try {
        const r = await ask<GasReportResponse>({ t: 'gas:report', chainId, withinHours: 1 });
        if (!live) return;
        const fee = BigInt(r.report.nextBaseFee);
        setBaseFee(fee);
        setError(undefined);
        if (holdStatus({ nowMs: Date.now(), baseFeeWei: fee, targetWei, ...(deadline !== undefined ? { deadline } : {}) }) === 'reached') onReached();
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    const clock = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      live = false;
      clearInterval(timer);
      clearInterval(clock);
    };
  }, [chainId, targetWei, deadline, onReached]);

  useEffect(() => {
    if (holdStatus({ nowMs: now, targetWei, ...(deadline !== undefined ? { deadline } : {}) }) === 'expired') onExpired();
  }, [deadline, now, targetWei, onExpired]);

  const left = expectedAt ? Math.max(0, expectedAt * 1000 - now) : undefined;
  const mmss = left === undefined ? undefined : countdown(left);
  return (
    <section className="card hold" data-testid="review-hold" role="status">
      <strong>
        {t(lang, 'holdWaiting')} ≤ {gwei(targetWei)}
      </strong>
      <p className="small">
        {t(lang, 'holdNow')}: {baseFee === undefined ? '…' : gwei(baseFee)}
        {mmss && (
          <>
            {' '}
            · {t(lang, 'holdExpected')} <span data-testid="review-hold-countdown">{mmss}</span>
          </>
        )}
      </p>
      {deadline !== undefined && (
        <p className="muted small" data-testid="review-hold-deadline" data-deadline={deadline}>
          {t(lang, 'holdDeadline')} {when(deadline * 1000, lang)}
        </p>
      )}
      {error && <ErrorNotice error={error} lang={lang} compact />}
      <button data-testid="review-hold-cancel" onClick={onCancel}>
        {t(lang, 'holdCancel')}
      </button>
    </section>
  );
}
