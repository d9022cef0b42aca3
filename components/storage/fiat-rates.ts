import { storage } from '#imports';

export interface StoredFiatRates {
  ethUsd: number;
  ethJpy: number;
  /** When the feeds were read (ms). */
  at: number;
}

/** The last ETH prices read from Chainlink (Gas tab, withdraw planner): reviews reuse them, never read them on their own path. */
export const fiatRatesItem = storage.defineItem<StoredFiatRates | null>('local:fiatRates', { fallback: null });

/** ETH/USD from the last reading, if it is younger than `maxAgeMs`. */
export async function recentEthUsd(now: number, maxAgeMs = 3_600_000): Promise<number | undefined> {
  const r = await fiatRatesItem.getValue().catch(() => null);
  return r && r.at > now - maxAgeMs && r.ethUsd > 0 ? r.ethUsd : undefined;
}
