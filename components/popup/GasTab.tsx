import { useEffect } from 'react';
import { KNOWN_CHAINS } from '@/core/chain/chains';
import type { Lang } from '@/core/i18n/localized';
import type { Fiat } from '@/core/settings/settings';
import { t } from '@/components/i18n/ui-text';
import { useGas } from '@/components/stores/gas-store';
import { GasAlertForm } from './GasAlertForm';
import { GasChart } from './GasChart';

const GAS_OF = [
  { key: 'gasTransfer', gas: 21_000n },
  { key: 'gasApprove', gas: 46_000n },
  { key: 'gasSwap', gas: 150_000n },
] as const;

const gwei = (wei: string) => {
  const g = Number(wei) / 1e9;
  return `${g < 1 ? g.toFixed(3) : g.toFixed(2)} gwei`;
};
const time = (unix: number, lang: Lang) => new Date(unix * 1000).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });

export function GasTab({ lang, fiat }: { lang: Lang; fiat: Fiat }) {
  const { chainId, response, error, loading, setChain, refresh } = useGas();
  useEffect(() => void refresh(), [refresh]);
  const report = response?.report;
  const price = response?.fiat ? (fiat === 'JPY' ? response.fiat.ethJpy : response.fiat.ethUsd) : undefined;
  const money = (wei: bigint) => {
    const ethAmount = Number(wei) / 1e18;
    const f = price === undefined ? '' : ` · ${new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency: fiat }).format(ethAmount * price)}`;
    return `${ethAmount.toFixed(6)} ${report?.chain.nativeSymbol ?? 'ETH'}${f}`;
  };

  return (
    <div className="tabpanel" data-testid="gas">
      <label className="field">
        {t(lang, 'gasChain')}
        <select data-testid="gas-chain" value={chainId} onChange={(e) => setChain(Number(e.target.value))}>
          {KNOWN_CHAINS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {loading && !report && (
        <div className="loading" role="status">
          <div className="spinner" aria-hidden="true" />
          <p>{t(lang, 'gasLoading')}</p>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {t(lang, 'gasError')}: {error}
        </p>
      )}
      {report && (
        <>
          <div className="gas-now" data-testid="gas-now" data-base-fee-wei={report.nextBaseFee}>
            <span className="muted small">{t(lang, 'gasBaseNext')}</span>
            <strong>{gwei(report.nextBaseFee)}</strong>
            <span className="muted small">
              {t(lang, 'gasBlock')} {report.nextBlock}
            </span>
          </div>
          <dl className="card">
            {report.priorityFees.map((p) => (
              <div className="row" key={p.confidence}>
                <dt>
                  {t(lang, 'gasTip')} {Math.round(p.confidence * 100)} %
                </dt>
                <dd>{gwei(p.priorityFee)}</dd>
              </div>
            ))}
            <div className="row">
              <dt>{t(lang, 'gasMaxFee')}</dt>
              <dd>{gwei(report.recommended.maxFeePerGas)}</dd>
            </div>
            {GAS_OF.map((g) => (
              <div className="row" key={g.key}>
                <dt>{t(lang, g.key)}</dt>
                <dd>{money((BigInt(report.nextBaseFee) + BigInt(report.recommended.maxPriorityFeePerGas)) * g.gas)}</dd>
              </div>
            ))}
          </dl>
          {!response?.fiat && <p className="muted small">{t(lang, 'gasNoFiat')}</p>}
          <GasChart report={report} labels={{ history: t(lang, 'gasHistory'), median: t(lang, 'gasMedian'), band: t(lang, 'gasBand') }} />
          <div className="card" data-testid="gas-advice" data-action={report.advice.action}>
            {report.advice.action === 'wait' && report.advice.wait ? (
              <>
                <strong>
                  {t(lang, 'gasWaitUntil')} {time(report.advice.wait.sendAt, lang)} · {t(lang, 'gasSave')} {Math.round(report.advice.wait.expectedSavingShare * 100)} %
                </strong>
                <p className="small">
                  {t(lang, 'gasRange')}: {money(BigInt(report.advice.wait.savingP10Wei))} – {money(BigInt(report.advice.wait.savingP90Wei))} · {t(lang, 'gasLoseChance')}{' '}
                  {Math.round(report.advice.wait.probabilityWaitCostsMore * 100)} %
                </p>
              </>
            ) : (
              <strong>{t(lang, 'gasSendNow')}</strong>
            )}
            {report.advice.bestCandidate && (
              <p className="muted small">
                {t(lang, 'gasCheapest')}: {time(report.advice.bestCandidate.sendAt, lang)} (−{Math.round(report.advice.bestCandidate.expectedSavingShare * 100)} %)
              </p>
            )}
          </div>
          <GasAlertForm lang={lang} chainId={chainId} />
          <button onClick={() => void refresh()} disabled={loading}>
            {loading ? t(lang, 'gasLoading') : t(lang, 'gasRefresh')}
          </button>
        </>
      )}
    </div>
  );
}
