import { useEffect, useMemo, useState, type ChangeEvent } from 'react';
import type { Lang } from '@/core/i18n/localized';
import type { PlanRecord } from '@/core/store/plan-steps';
import type { GasReportResponse } from '@/core/messages';
import { LotsCsvError } from '@/core/withdraw/errors';
import { parseLotsCsv, type Lot } from '@/core/withdraw/lots-csv';
import { allMethods, gainsToCsv, type TaxResult } from '@/core/withdraw/taxes';
import { errorSentence } from '@/components/ErrorNotice';
import { ask } from '@/components/runtime';
import { t, tk } from '@/components/i18n/ui-text';
import { planSales } from './withdraw-sales';

const money = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

type Parsed = { lots: Lot[] } | { problems: { line: number; message: string }[] } | undefined;

function parse(text: string): Parsed {
  if (text.trim() === '') return undefined;
  try {
    return { lots: parseLotsCsv(text) };
  } catch (e) {
    if (e instanceof LotsCsvError) return { problems: [...e.problems] };
    return { problems: [{ line: 0, message: e instanceof Error ? e.message : String(e) }] };
  }
}

/** Taxes: buy lots CSV → the plan's realised gain under FIFO, HIFO, moving and total average; CSV export. */
export function WithdrawTaxes({ record, lang }: { record: PlanRecord; lang: Lang }) {
  const [text, setText] = useState('');
  const [rate, setRate] = useState('');
  const [rateSource, setRateSource] = useState<'feed' | 'typed' | 'stable'>('typed');
  const parsed = useMemo(() => parse(text), [text]);
  const lots = parsed && 'lots' in parsed ? parsed.lots : undefined;
  const fiat = lots?.[0]?.fiat.toUpperCase() ?? '';

  // The quote is a USD stablecoin: 1 for USD lots; for JPY the Chainlink ETH/JPY ÷ ETH/USD rate when it answers.
  useEffect(() => {
    if (fiat === 'USD') {
      setRate('1');
      setRateSource('stable');
    } else if (fiat === 'JPY') {
      let live = true;
      ask<GasReportResponse>({ t: 'gas:report', chainId: 1 })
        .then((r) => {
          if (live && r.fiat && r.fiat.ethUsd > 0) {
            setRate(String(Number((r.fiat.ethJpy / r.fiat.ethUsd).toPrecision(6))));
            setRateSource('feed');
          }
        })
        .catch(() => undefined);
      return () => {
        live = false;
      };
    }
    return undefined;
  }, [fiat]);

  const fiatPerQuote = Number(rate.trim().replace(',', '.'));
  let results: TaxResult[] | undefined;
  let taxError: string | undefined;
  if (lots && lots.length > 0) {
    if (!(fiatPerQuote > 0)) taxError = t(lang, 'wdTaxNeedRate');
    else {
      try {
        results = allMethods(lots.map((l) => ({ ...l, fiat: l.fiat.toUpperCase() })), planSales(record, fiat, fiatPerQuote));
      } catch (e) {
        taxError = errorSentence(e, lang);
      }
    }
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    if (f) setText(await f.text());
  }
  function exportCsv() {
    if (!results) return;
    const url = URL.createObjectURL(new Blob([gainsToCsv(results)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `preflight-gains-${record.id.slice(0, 8)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section className="card" aria-label={t(lang, 'wdTaxes')} data-testid="tax-section">
      <h2 className="small">{t(lang, 'wdTaxes')}</h2>
      <label className="field small">
        {t(lang, 'wdTaxFile')}
        <input type="file" accept=".csv,text/csv" data-testid="tax-file" onChange={(e) => void onFile(e)} />
      </label>
      <label className="field small">
        {t(lang, 'wdTaxPaste')}
        <textarea data-testid="tax-csv" rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder="date,asset,quantity,cost,fiat" spellCheck={false} />
      </label>
      {parsed && 'problems' in parsed && (
        <ul className="error-text small" role="alert" data-testid="tax-problems">
          {parsed.problems.map((p) => (
            <li key={`${p.line}:${p.message}`} data-testid="tax-problem" data-line={p.line}>
              {p.line > 0 ? `${t(lang, 'wdTaxLine')} ${p.line}: ` : ''}{p.message}
            </li>
          ))}
        </ul>
      )}
      {lots && (
        <label className="field small">
          {t(lang, 'wdTaxRate')} ({fiat} / {record.plan.quoteSymbol})
          <input data-testid="tax-rate" data-source={rateSource} inputMode="decimal" value={rate} onChange={(e) => { setRate(e.target.value); setRateSource('typed'); }} />
          <span className="muted">{t(lang, rateSource === 'feed' ? 'wdTaxRateFeed' : rateSource === 'stable' ? 'wdTaxRateStable' : 'wdTaxRateTyped')}</span>
        </label>
      )}
      {taxError && <p className="error-text small" role="alert" data-testid="tax-error">{taxError}</p>}
      {results && (
        <>
          <table className="small" data-testid="tax-table">
            <thead>
              <tr><th>{t(lang, 'wdTaxMethod')}</th><th>{t(lang, 'wdTaxProceeds')}</th><th>{t(lang, 'wdTaxCost')}</th><th>{t(lang, 'wdTaxGain')}</th></tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.method} data-testid="tax-row" data-method={r.method} data-gain={r.totals.gain}>
                  <td>{tk(lang, 'wdTax_', r.method)}</td>
                  <td>{money(r.totals.proceeds)} {r.fiat}</td>
                  <td>{money(r.totals.cost)} {r.fiat}</td>
                  <td>{money(r.totals.gain)} {r.fiat}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t(lang, 'wdTaxNote')}</p>
          <button type="button" data-testid="tax-export" onClick={exportCsv}>{t(lang, 'wdTaxExport')}</button>
        </>
      )}
    </section>
  );
}
