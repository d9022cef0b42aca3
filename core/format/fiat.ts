import type { Lang } from '../i18n/localized';

export type FiatCurrency = 'USD' | 'JPY';

/** What one ETH is worth (Chainlink ETH/USD, and ETH/JPY through JPY/USD). */
export interface EthRates {
  ethUsd: number;
  ethJpy: number;
}

/** Chains whose native coin is ETH itself (mainnet and its rollups; test networks and devnets are not priced). */
const ETH_NATIVE_CHAINS: ReadonlySet<number> = new Set([1, 10, 8453, 42161, 59144, 534352, 324, 81457]);

/** Wrapped ether, priced as ETH (lowercase): mainnet WETH9 and the OP Stack predeploy on OP Mainnet and Base. */
const WETH: Readonly<Record<number, string>> = { 1: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2', 10: '0x4200000000000000000000000000000000000006', 8453: '0x4200000000000000000000000000000000000006' };

/** Dollar stablecoins on Ethereum mainnet, taken as 1 USD (lowercase): USDC, USDT, DAI. */
const USD_STABLES: Readonly<Record<number, readonly string[]>> = {
  1: ['0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', '0xdac17f958d2ee523a2206206994597c13d831ec7', '0x6b175474e89094c44da98b954eedeac495271d0f'],
};

/** The fiat price of one whole unit of an asset, where Preflight knows it; undefined otherwise (then no fiat is shown). */
export function unitPrice(chainId: number, asset: 'native' | string, rates: EthRates, currency: FiatCurrency): number | undefined {
  const eth = currency === 'USD' ? rates.ethUsd : rates.ethJpy;
  if (asset === 'native') return ETH_NATIVE_CHAINS.has(chainId) ? eth : undefined;
  const a = asset.toLowerCase();
  if (WETH[chainId] === a) return eth;
  if (USD_STABLES[chainId]?.includes(a)) return currency === 'USD' ? 1 : rates.ethJpy / rates.ethUsd;
  return undefined;
}

/** "$1,234.56", "¥1,235", "< $0.01", "$1.2M" for large sums. */
export function formatFiat(value: number, currency: FiatCurrency, lang: Lang): string {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
  const digits = currency === 'JPY' ? 0 : 2;
  const smallest = currency === 'JPY' ? 1 : 0.01;
  const f = (x: number, o: Intl.NumberFormatOptions = {}) => new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: digits, minimumFractionDigits: digits, ...o }).format(x);
  const abs = Math.abs(value);
  if (abs > 0 && abs < smallest) return `${value < 0 ? '> -' : '< '}${f(smallest)}`;
  if (abs >= 1e9) return f(value, { notation: 'compact', maximumFractionDigits: 1, minimumFractionDigits: 0 });
  return f(value);
}
