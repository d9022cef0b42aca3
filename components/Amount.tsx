import { useId, useState } from 'react';
import type { FormattedAmount } from '@/core/format/amount';
import { pick, type Lang } from '@/core/i18n/localized';
import { t } from '@/components/i18n/ui-text';

/**
 * A rounded amount ("9,066.11 VOL", "< 0.000001 ETH") whose exact value is one click away: the amount is a
 * disclosure button; pressed, it shows every digit and the raw base units. The fiat value, when known, sits beside it.
 */
export function Amount({ amount, symbol, lang, fiat, sign = '' }: { amount: FormattedAmount; symbol?: string; lang: Lang; fiat?: string; sign?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const short = pick(amount.text, lang);
  const exactDiffers = amount.exact !== short || amount.raw !== amount.exact;
  return (
    <span className="amount">
      {exactDiffers ? (
        <button type="button" className="amount-toggle" aria-expanded={open} aria-controls={open ? id : undefined} title={t(lang, 'amountExact')} data-testid="amount" data-exact={amount.exact} onClick={() => setOpen(!open)}>
          {sign}
          {short}
          {symbol ? ` ${symbol}` : ''}
        </button>
      ) : (
        <span data-testid="amount" data-exact={amount.exact}>
          {sign}
          {short}
          {symbol ? ` ${symbol}` : ''}
        </span>
      )}
      {fiat && <span className="fiat"> ≈ {fiat}</span>}
      {open && (
        <span id={id} className="amount-exact" data-testid="amount-exact">
          {sign}
          {amount.exact}
          {symbol ? ` ${symbol}` : ''}
          {amount.raw !== amount.exact && <span className="muted"> · {amount.raw} {t(lang, 'amountBaseUnits')}</span>}
        </span>
      )}
    </span>
  );
}
