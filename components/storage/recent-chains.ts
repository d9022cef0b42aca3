import { storage } from '#imports';

/** Chains the user reviewed requests on or looked at in the Gas tab, with when (ms): their fee history is sampled on the alarm. */
export const recentChainsItem = storage.defineItem<Record<string, number>>('local:recentChains', { fallback: {} });

export async function noteChainUsed(chainId: number, now: number): Promise<void> {
  const all = await recentChainsItem.getValue();
  if ((all[String(chainId)] ?? 0) > now - 60_000) return; // at most one write a minute
  await recentChainsItem.setValue({ ...all, [String(chainId)]: now });
}

/** Chains used within `withinMs`. */
export async function recentChains(now: number, withinMs = 24 * 3_600_000): Promise<number[]> {
  const all = await recentChainsItem.getValue();
  return Object.entries(all)
    .filter(([, at]) => at > now - withinMs)
    .map(([id]) => Number(id));
}

/** Always sampled, so Ethereum's forecasts have days of history behind them before the user first asks. */
export const ALWAYS_SAMPLED = [1];

/** The chains the minute alarm samples: Ethereum and every chain used within `withinMs`. */
export async function chainsToSample(now: number, withinMs?: number): Promise<number[]> {
  return [...new Set([...ALWAYS_SAMPLED, ...(await recentChains(now, withinMs))])];
}
