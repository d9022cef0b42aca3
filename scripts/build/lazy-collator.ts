/**
 * fast-levenshtein (what eth-phishing-detect's fuzzy match calls) builds an `Intl.Collator` when its module loads,
 * for its `useCollator` option. eth-phishing-detect never passes that option, but the collator's construction loads
 * ICU collation data: ~12 ms at every start of the service worker, on the path of a first request after Chrome
 * stopped it. At build time this plugin makes the collator lazy: the same `Intl.Collator("generic", …)`, built on
 * its first `compare`, so `useCollator: true` still behaves as before.
 *
 * If the package's source changes and the pattern is not found exactly once, the build fails rather than ship it
 * unchanged without anyone noticing.
 */
import type { Plugin } from 'vite';

const EAGER = 'collator = (typeof Intl !== "undefined" && typeof Intl.Collator !== "undefined") ? Intl.Collator("generic", { sensitivity: "base" }) : null;';
const LAZY =
  'collator = (typeof Intl !== "undefined" && typeof Intl.Collator !== "undefined") ? (function () { var c; return { compare: function (a, b) { c = c || Intl.Collator("generic", { sensitivity: "base" }); return c.compare(a, b); } }; })() : null;';
const LEVENSHTEIN = /[\\/]fast-levenshtein[\\/]levenshtein\.js$/;

export class CollatorPatternError extends Error {
  override name = 'CollatorPatternError';
}

/** fast-levenshtein's source with its collator built on first use. */
export function withLazyCollator(code: string): string {
  const found = code.split(EAGER).length - 1;
  if (found !== 1) throw new CollatorPatternError(`fast-levenshtein: expected its Intl.Collator line once, found it ${found} times; update scripts/build/lazy-collator.ts`);
  return code.replace(EAGER, LAZY);
}

export function lazyCollator(): Plugin {
  return {
    name: 'preflight-lazy-collator',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('?') || !LEVENSHTEIN.test(id)) return undefined;
      return { code: withLazyCollator(code), map: null };
    },
  };
}
