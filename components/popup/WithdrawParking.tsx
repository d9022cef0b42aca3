import { useState } from 'react';
import type { Lang } from '@/core/i18n/localized';
import { kellyAllocation, type KellyResult } from '@/core/withdraw/kelly';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t, tk, type UiKey } from '@/components/i18n/ui-text';

interface Row {
  name: string;
  apy: string;
  stdev: string;
  tvl: string;
  age: string;
}
const EMPTY: Row = { name: '', apy: '', stdev: '', tvl: '', age: '' };
const num = (s: string) => Number(s.trim().replace(',', '.'));
const LIMITS: UiKey[] = ['wdParkLimitApy', 'wdParkLimitJump', 'wdParkLimitInputs', 'wdParkLimitIndep'];

/** Optional parking of the proceeds: fractional Kelly over yield options the user enters, with the model's limits. */
export function WithdrawParking({ lang, proceeds, quote }: { lang: Lang; proceeds: number; quote: string }) {
  const [rows, setRows] = useState<Row[]>([{ ...EMPTY }]);
  const [fraction, setFraction] = useState('0.5');
  const filled = rows.filter((r) => r.name.trim() !== '');
  let result: KellyResult | undefined;
  let error: string | undefined;
  let failure: unknown;
  if (filled.length > 0) {
    const bad = filled.find((r) => [r.apy, r.stdev, r.tvl, r.age].some((v) => v.trim() === '' || !Number.isFinite(num(v))) || !(num(r.stdev) > 0));
    if (bad) error = `${bad.name}: ${t(lang, 'wdParkInvalid')}`;
    else {
      try {
        result = kellyAllocation(filled.map((r) => ({ name: r.name.trim(), apy: num(r.apy) / 100, apyVariance: (num(r.stdev) / 100) ** 2, tvlUsd: num(r.tvl), ageYears: num(r.age) })), { fraction: num(fraction) });
      } catch (e) {
        failure = e;
      }
    }
  }
  const edit = (i: number, k: keyof Row, v: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <details className="card small" data-testid="park-section">
      <summary>{t(lang, 'wdPark')}</summary>
      <table>
        <thead>
          <tr>
            <th>{t(lang, 'wdParkName')}</th><th>APY %</th><th>{t(lang, 'wdParkStdev')}</th><th>TVL USD</th><th>{t(lang, 'wdParkAge')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} data-testid="park-row">
              {(['name', 'apy', 'stdev', 'tvl', 'age'] as const).map((k) => (
                <td key={k}>
                  <input data-testid={`park-${k}`} aria-label={`${k} ${i + 1}`} size={k === 'name' ? 10 : 6} inputMode={k === 'name' ? 'text' : 'decimal'} value={r[k]} onChange={(e) => edit(i, k, e.target.value)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" data-testid="park-add" onClick={() => setRows((rs) => [...rs, { ...EMPTY }])}>{t(lang, 'wdParkAdd')}</button>
        <label>
          {t(lang, 'wdParkFraction')}{' '}
          <select data-testid="park-fraction" value={fraction} onChange={(e) => setFraction(e.target.value)}>
            <option value="0.25">¼ Kelly</option>
            <option value="0.5">½ Kelly</option>
            <option value="1">{t(lang, 'wdParkFull')}</option>
          </select>
        </label>
      </div>
      {error && <p className="error-text" role="alert" data-testid="park-error">{error}</p>}
      {failure !== undefined && <ErrorNotice error={failure} lang={lang} testId="park-error" compact />}
      {result && (
        <ul data-testid="park-result">
          {result.allocations.map((a) => (
            <li key={a.name} data-testid="park-weight" data-name={a.name} data-weight={a.weight}>
              {a.name}: {(a.weight * 100).toFixed(1)} % ≈ {(a.weight * proceeds).toFixed(2)} {quote}
              {a.dropped ? ` (${tk(lang, 'wdParkDropped_', a.dropped)})` : a.capped ? ` (${t(lang, 'wdParkCapped')})` : ''}
            </li>
          ))}
          <li data-testid="park-cash" data-weight={result.cash}>{t(lang, 'wdParkCash')}: {(result.cash * 100).toFixed(1)} %</li>
        </ul>
      )}
      <ul className="muted" data-testid="park-limits">
        {LIMITS.map((k) => <li key={k}>{t(lang, k)}</li>)}
      </ul>
    </details>
  );
}
