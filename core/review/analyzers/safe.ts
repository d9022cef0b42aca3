import type { Analyzer } from '../analyzer';
import { reviewSafe } from '../safe/review';
import { parseSafeTypedData } from '../safe/typed-data';

/**
 * Safe (multisig) `SafeTx` and `SafeMessage` signatures, every Safe version (core/review/safe/). `callChecks` gives
 * the checks the Safe's own calls go through (the registry's, read when a review runs).
 */
export function safeAnalyzer(callChecks: () => readonly Analyzer[]): Analyzer {
  return {
    id: 'safe',
    kinds: ['typed-data'],
    analyze(ctx) {
      if (ctx.parsed.kind !== 'typed-data' || !ctx.parsed.data) return undefined;
      const safe = parseSafeTypedData(ctx.parsed.data);
      return safe ? reviewSafe(ctx, ctx.parsed.data, safe, callChecks()) : undefined;
    },
  };
}
