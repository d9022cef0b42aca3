import type { Lang } from '@/core/i18n/localized';
import type { RouteEvaluation } from '@/core/withdraw';
import { t, tf, tk } from '@/components/i18n/ui-text';

/** 'ethereum' → 'Ethereum' (the planner's chain keys are lower-case names). */
const chainName = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/**
 * A route in the user's language: "bridge to Base (…), sell on Base (Uniswap V3 …), send to the deposit address".
 * Plans stored before routes carried their legs show the English label they were saved with.
 */
export function routeText(route: Pick<RouteEvaluation, 'label' | 'legs'>, lang: Lang): string {
  const legs = route.legs;
  if (!legs) return route.label;
  const parts: string[] = [];
  if (legs.preBridges.length > 0) parts.push(tf(lang, 'wdRouteBridge', { chain: chainName(legs.sellChain), via: legs.preBridges.join(', ') }));
  const sell = tf(lang, 'wdRouteSell', { chain: chainName(legs.sellChain) });
  parts.push(legs.venue ? tf(lang, 'wdRouteVenue', { sell, venue: legs.venue }) : sell);
  if (legs.postBridges.length > 0 && legs.postTo) parts.push(tf(lang, 'wdRouteBridge', { chain: chainName(legs.postTo), via: legs.postBridges.join(', ') }));
  if (legs.deposit) parts.push(t(lang, 'wdRouteDeposit'));
  return parts.join(t(lang, 'listSeparator'));
}

/** The trust class of a route's weakest bridge, in words. */
export const trustText = (trust: RouteEvaluation['trust'], lang: Lang) => tk(lang, 'wdTrust_', trust);
