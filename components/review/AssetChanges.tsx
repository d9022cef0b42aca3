import { formatDecimalAmount, parseDecimal } from '@/core/format/amount';
import { formatFiat, unitPrice, type EthRates, type FiatCurrency } from '@/core/format/fiat';
import type { Lang } from '@/core/i18n/localized';
import type { AssetChange } from '@/core/review/types';
import { Amount } from '@/components/Amount';
import { t } from '@/components/i18n/ui-text';

/** The fiat value of a change, where a price is known (ETH, WETH, mainnet dollar stablecoins). */
export function changeFiat(c: AssetChange, chainId: number, lang: Lang, currency: FiatCurrency, rates: EthRates | undefined): string | undefined {
  if (!rates || c.standard === 'erc721' || c.standard === 'erc1155') return undefined;
  const price = unitPrice(chainId, c.asset, rates, currency);
  const parsed = parseDecimal(c.amount);
  if (price === undefined || !parsed) return undefined;
  return formatFiat((Number(parsed.raw) / 10 ** parsed.decimals) * price, currency, lang);
}

/** "You send" / "You receive", each amount rounded (exact one click away), with its fiat value when known. */
export function AssetChanges({ changes, lang, chainId, currency, rates }: { changes: readonly AssetChange[]; lang: Lang; chainId: number; currency: FiatCurrency; rates?: EthRates }) {
  const out = changes.filter((c) => c.direction === 'out');
  const inn = changes.filter((c) => c.direction === 'in');
  const row = (c: AssetChange, i: number) => (
    <li key={i} data-testid="asset-change" data-direction={c.direction}>
      {c.standard === 'erc721' ? (
        <>
          {c.direction === 'out' ? '−' : '+'} {c.symbol} #{c.tokenId}
        </>
      ) : (
        <>
          <Amount amount={formatDecimalAmount(c.amount)} symbol={c.symbol} lang={lang} sign={c.direction === 'out' ? '− ' : '+ '} fiat={changeFiat(c, chainId, lang, currency, rates)} />
          {c.tokenId !== undefined ? ` #${c.tokenId}` : ''}
        </>
      )}
    </li>
  );
  return (
    <div className="assets">
      <div>
        <h2>{t(lang, 'youSend')}</h2>
        <ul>{out.length ? out.map(row) : <li className="muted">—</li>}</ul>
      </div>
      <div>
        <h2>{t(lang, 'youReceive')}</h2>
        <ul>{inn.length ? inn.map(row) : <li className="muted">—</li>}</ul>
      </div>
    </div>
  );
}
