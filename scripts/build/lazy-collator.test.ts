import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CollatorPatternError, withLazyCollator } from './lazy-collator';

const source = readFileSync(createRequire(import.meta.url).resolve('fast-levenshtein/levenshtein.js'), 'utf8');

/** Runs a fast-levenshtein source as CommonJS, with `Intl` counted; returns its export and how many collators were built. */
function load(code: string) {
  let built = 0;
  const CountingIntl = { ...Intl, Collator: (...a: ConstructorParameters<typeof Intl.Collator>) => (built++, new Intl.Collator(...a)) };
  const module = { exports: {} as { get(a: string, b: string, o?: { useCollator?: boolean }): number } };
  new Function('module', 'exports', 'Intl', 'define', 'self', code)(module, module.exports, CountingIntl, undefined, undefined);
  return { lev: module.exports, built: () => built };
}

describe('fast-levenshtein with its collator built on first use', () => {
  it('builds no collator when the module loads (the package as shipped builds one)', () => {
    expect(load(source).built()).toBe(1);
    expect(load(withLazyCollator(source)).built()).toBe(0);
  });

  it('gives the same distances, with and without useCollator (built once, on the first compare)', () => {
    const eager = load(source).lev;
    const lazy = load(withLazyCollator(source));
    const pairs: [string, string][] = [['metamask.io', 'metamaks.io'], ['myetherwallet', 'myetherwa11et'], ['uniswap', 'Uniswap'], ['', 'abc'], ['résumé', 'resume']];
    for (const [a, b] of pairs) expect(lazy.lev.get(a, b)).toBe(eager.get(a, b));
    expect(lazy.built()).toBe(0);
    for (const [a, b] of pairs) expect(lazy.lev.get(a, b, { useCollator: true })).toBe(eager.get(a, b, { useCollator: true }));
    expect(lazy.built()).toBe(1);
  });

  it('fails the build when the package changes and the line is not found', () => {
    expect(() => withLazyCollator(source.replace('Intl.Collator("generic"', 'Intl.Collator("und"'))).toThrow(CollatorPatternError);
  });
});
