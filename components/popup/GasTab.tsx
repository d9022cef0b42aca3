import { useEffect, useMemo, useState } from 'react';
import { chainList } from '@/core/chain/chain-search';
import type { Lang } from '@/core/i18n/localized';
import type { Fiat } from '@/core/settings/settings';
import { t, tf } from '@/components/i18n/ui-text';
import { useGas } from '@/components/stores/gas-store';
import { useSettings } from '@/components/stores/settings-store';
import { recentChainsItem } from '@/components/storage/recent-chains';
import { configuredChains } from './SettingsNetworks';
import { GasAdvice } from './GasAdvice';
import { GasAlertForm } from './GasAlertForm';
import { GasChart } from './GasChart';
import { GasError, GasNotices } from './GasNotices';
import { gwei, money } from './gas-format';
import { clock } from '@/components/i18n/time';

const LIVE_REFRESH_MS = 15_000;

const GAS_OF = [
  { key: 'gasTransfer', gas: 21_000n },
  { key: 'gasApprove', gas: 46_000n },
  { key: 'gasSwap', gas: 150_000n },
] as const;

/** The popup's Gas tab: now, next block, tips, costs, chart, send-or-wait advice and an alert, per chain. */
export function GasTab({ lang, fiat }: { lang: Lang; fiat: Fiat }) {
  const { chainId, response, error, loading, updatedAt, setChain, refresh } = useGas();
  useEffect(() => void refresh(), [refresh]);
  // Keep "now" live while the tab is open: a new block every ~12 s on Ethereum (a cached report costs one eth_blockNumber).
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !useGas.getState().loading) void refresh();
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  const report = response?.report;
  const price = response?.fiat ? (fiat === 'JPY' ? response.fiat.ethJpy : response.fiat.ethUsd) : undefined;
  const chartLabels = useMemo(() => ({ history: t(lang, 'gasHistory'), median: t(lang, 'gasMedian'), band: t(lang, 'gasForecastBand'), summary: (unit: string) => tf(lang, 'gasBand', { unit }) }), [lang]);
  const legacy = report?.sync.mode === 'legacy';
  const settings = useSettings((s) => s.settings);
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<Record<string, number>>({});
  useEffect(() => void recentChainsItem.getValue().then(setRecent, () => undefined), []);
  // The networks set up or used recently, Ethereum and the one on screen; a search reaches any other.
  const chains = useMemo(() => chainList({ query, recent, configured: configuredChains(settings, {}), pinned: [1, chainId], limit: 40 }), [query, recent, settings, chainId]);

  return (
    <div className="tabpanel" data-testid="gas" aria-busy={loading}>
      <div className="gas-head">
        <label className="field">
          {t(lang, 'gasChain')}
          <select data-testid="gas-chain" value={chainId} onChange={(e) => setChain(Number(e.target.value))}>
            {!chains.some((c) => c.id === chainId) && <option value={chainId}>{chainId}</option>}
            {chains.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <input type="search" className="chain-search" data-testid="gas-chain-search" aria-label={t(lang, 'chainSearch')} placeholder={t(lang, 'chainSearch')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" className="refresh" data-testid="gas-refresh" onClick={() => void refresh()} disabled={loading} aria-label={t(lang, 'gasRefresh')} title={t(lang, 'gasRefresh')}>
          <span aria-hidden="true" className={loading ? 'spin' : undefined}>
            ↻
          </span>
        </button>
      </div>
      {loading && !report && (
        <div className="loading" role="status">
          <div className="spinner" aria-hidden="true" />
          <p>{t(lang, 'gasLoading')}</p>
        </div>
      )}
      {error && !loading && <GasError error={error} lang={lang} />}
      {report && (
        <>
          <div className="gas-now" data-testid="gas-now" data-base-fee-wei={report.nextBaseFee}>
            <span className="muted small">{legacy ? t(lang, 'gasLegacyNow') : t(lang, 'gasBaseNext')}</span>
            <strong>{gwei(report.nextBaseFee)}</strong>
            <span className="muted small">
              {report.chain.name} · {t(lang, 'gasBlock')} {report.nextBlock}
              {updatedAt && ` · ${t(lang, 'gasUpdated')} ${clock(updatedAt, lang)}`}
            </span>
          </div>
          <GasAdvice report={report} lang={lang} fiat={fiat} price={price} />
          <GasNotices report={report} lang={lang} />
          <section className="card" aria-labelledby="gas-tiers">
            <h2 id="gas-tiers">{t(lang, legacy ? 'gasTiersLegacy' : 'gasTiers')}</h2>
            <dl>
              {report.priorityFees.map((p) => (
                <div className="row" key={p.confidence} data-testid="gas-tier">
                  <dt>{Math.round(p.confidence * 100)} %</dt>
                  <dd>{gwei(p.priorityFee)}</dd>
                </div>
              ))}
              <div className="row strong">
                <dt>{t(lang, 'gasMaxFee')}</dt>
                <dd data-testid="gas-max-fee">{gwei(report.recommended.maxFeePerGas)}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="gas-costs">
            <h2 id="gas-costs">{t(lang, 'gasCosts')}</h2>
            <dl>
              {GAS_OF.map((g) => {
                const m = money((BigInt(report.nextBaseFee) + BigInt(report.recommended.maxPriorityFeePerGas)) * g.gas, report.chain.nativeSymbol, lang, fiat, price);
                return (
                  <div className="row" key={g.key} data-testid="gas-cost">
                    <dt>
                      {t(lang, g.key)} <span className="muted">({Number(g.gas).toLocaleString('en-US')} gas)</span>
                    </dt>
                    <dd>
                      {m.coin}
                      {m.fiat && <span className="fiat"> · {m.fiat}</span>}
                    </dd>
                  </div>
                );
              })}
            </dl>
            {!response?.fiat && <p className="muted small">{t(lang, 'gasNoFiat')}</p>}
          </section>
          <GasChart report={report} labels={chartLabels} lang={lang} />
          <GasAlertForm lang={lang} chainId={chainId} {...(report.advice.wait?.limit ? { suggestedWei: report.advice.wait.limit.targetBaseFee } : {})} />
        </>
      )}
    </div>
  );
}
