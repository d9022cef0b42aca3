import { useState } from 'react';
import { pick, type Lang } from '@/core/i18n/localized';
import type { ExposureView } from '@/core/approvals/exposure';
import { t, tf, tk } from '@/components/i18n/ui-text';
import { dateTime } from '@/components/i18n/time';
import { ask } from '@/components/runtime';

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/**
 * The whole-wallet line on approvals, permits, Permit2 and operator approvals: "after this, N spenders can take up to
 * $X; this one adds $Y", standing approvals to scam-listed spenders or personal accounts, and, when no inventory exists
 * yet, a button that starts building it in the background. `review-exposure` carries `data-spenders` and `data-usd`.
 */
export function ExposureLine({ exposure: e, lang }: { exposure: ExposureView; lang: Lang }) {
  const [building, setBuilding] = useState<'no' | 'asked' | 'failed'>('no');
  if (e.state === 'none') {
    const build = () => {
      setBuilding('asked');
      ask({ t: 'approvals:scan', chainId: e.chainId, account: e.account }).catch(() => setBuilding('failed'));
    };
    return (
      <section className="exposure" data-testid="review-exposure" data-state="none" data-spenders="" data-usd="">
        <p>{t(lang, 'exposureNone')}</p>
        {building === 'asked' ? (
          <p className="small" role="status" data-testid="review-exposure-building">{t(lang, 'exposureBuilding')}</p>
        ) : (
          <button type="button" data-testid="review-exposure-build" onClick={build}>{t(lang, 'exposureBuild')}</button>
        )}
        {building === 'failed' && <p className="small error-text" role="alert">{t(lang, 'err_background')}</p>}
      </section>
    );
  }
  return (
    <section className="exposure" data-testid="review-exposure" data-state="ready" data-spenders={e.spenders} data-usd={e.usd.toFixed(2)} data-added-usd={e.addedUsd === undefined ? '' : e.addedUsd.toFixed(2)}>
      <p>{pick(e.line, lang)}</p>
      {e.flagged.length > 0 && (
        <ul className="small" data-testid="review-exposure-flagged">
          {e.flagged.map((f) => {
            const what = f.kind === 'nft-all' ? `${f.symbol} (NFT)` : f.unlimited ? `${lang === 'ja' ? '無制限の' : 'unlimited'} ${f.symbol}` : f.symbol;
            return <li key={`${f.token}-${f.spender}-${f.kind}`} className="error-text">{tf(lang, 'exposureFlagged', { what, spender: short(f.spender), why: tk(lang, 'exposureWhy_', f.reason) })}</li>;
          })}
        </ul>
      )}
      <p className="muted small">{tf(lang, 'exposureAsOf', { when: dateTime(e.asOf, lang) })}</p>
    </section>
  );
}
