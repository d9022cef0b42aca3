import { storage } from '#imports';

/** Chains the user reviewed requests on, with when (ms): their fee history is sampled on the alarm. */
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
