import { useEffect, useState } from 'react';
import type { GasAlert } from '@/core/gas/alerts';
import type { Lang } from '@/core/i18n/localized';
import { ErrorNotice } from '@/components/ErrorNotice';
import { t } from '@/components/i18n/ui-text';
import { ask } from '@/components/runtime';
import { gwei } from './gas-format';

/**
 * "Tell me when the base fee is ≤ X gwei" for the chosen chain: a system notification, checked every minute.
 * With an advised target fee (`suggestedWei`), one button sets the alert at it.
 */
export function GasAlertForm({ lang, chainId, suggestedWei }: { lang: Lang; chainId: number; suggestedWei?: string }) {
  const [alerts, setAlerts] = useState<GasAlert[]>([]);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    ask<GasAlert[]>({ t: 'gas:alert:list' }).then(setAlerts, () => undefined);
  }, []);
  const current = alerts.find((a) => a.chainId === chainId);

  async function save(maxBaseFeeGwei: number | null) {
    setError(undefined);
    setFailure(undefined);
    try {
      setAlerts(await ask<GasAlert[]>({ t: 'gas:alert:set', chainId, maxBaseFeeGwei }));
      setValue('');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/\bInvalidAlertError\b/.test(message)) setError(t(lang, 'gasAlertInvalid'));
      else setFailure(e);
    }
  }

  return (
    <form
      className="card"
      data-testid="gas-alert"
      onSubmit={(e) => {
        e.preventDefault();
        const gwei = Number(value.trim().replace(',', '.'));
        if (value.trim() === '' || !Number.isFinite(gwei)) setError(t(lang, 'gasAlertInvalid'));
        else void save(gwei);
      }}
    >
      <label className="field">
        {t(lang, 'gasAlertLabel')}
        <input type="text" inputMode="decimal" data-testid="gas-alert-input" value={value} onChange={(e) => setValue(e.target.value)} placeholder="gwei" aria-describedby="gas-alert-hint" aria-invalid={error ? true : undefined} />
      </label>
      <p id="gas-alert-hint" className="muted small">
        {t(lang, 'gasAlertHint')}
      </p>
      {current && (
        <p className="small" data-testid="gas-alert-current">
          {t(lang, 'gasAlertActive')} ≤ {gwei(current.maxBaseFeeWei)}{' '}
          <button type="button" onClick={() => void save(null)}>
            {t(lang, 'gasAlertRemove')}
          </button>
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {failure !== undefined && <ErrorNotice error={failure} lang={lang} compact />}
      <button type="submit" data-testid="gas-alert-save">
        {t(lang, 'gasAlertSave')}
      </button>
      {suggestedWei !== undefined && BigInt(suggestedWei) > 0n && (!current || gwei(current.maxBaseFeeWei) !== gwei(suggestedWei)) && (
        <button type="button" className="secondary" data-testid="gas-alert-suggested" onClick={() => void save(Number(suggestedWei) / 1e9)}>
          {t(lang, 'gasAlertAtTarget')} {gwei(suggestedWei)}
        </button>
      )}
    </form>
  );
}
