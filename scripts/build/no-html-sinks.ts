/**
 * React DOM can write HTML strings into the page in one place only: the `dangerouslySetInnerHTML` prop (its two
 * `domElement.innerHTML = …` assignments, for a first render and for an update). Preflight never uses that prop
 * (eslint forbids it), so at build time this plugin replaces both assignments with a throw: the extension then
 * contains no way to turn a string into markup, whatever a future change renders, and Mozilla's addons-linter has
 * no `innerHTML` sink to warn about. React's `<script>` placeholder (`innerHTML = "<script></script>"`, a constant)
 * is left alone: it cannot carry data.
 *
 * The plugin counts what it replaces: if React changes and the pattern is not found exactly twice, the build fails
 * instead of silently shipping the sink.
 */
import type { Plugin } from 'vite';

/** `(domElement.innerHTML = key)` in react-dom-client.production.js (what `wxt build` bundles: NODE_ENV production). */
const SINK = /\(domElement\.innerHTML = (\w+)\)/g;
const REPLACEMENT = '(function () { throw Error("Preflight: dangerouslySetInnerHTML is disabled in this build"); })()';
const REACT_DOM_CLIENT = /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/;

export class HtmlSinkPatternError extends Error {
  override name = 'HtmlSinkPatternError';
}

/** The react-dom client source with its dangerouslySetInnerHTML assignments replaced by a throw. */
export function withoutHtmlSinks(code: string, expected = 2): string {
  const found = code.match(SINK)?.length ?? 0;
  if (found !== expected) {
    throw new HtmlSinkPatternError(`react-dom: expected ${expected} dangerouslySetInnerHTML assignments, found ${found}; update scripts/build/no-html-sinks.ts for this React version`);
  }
  return code.replace(SINK, REPLACEMENT);
}

export function noHtmlSinks(): Plugin {
  return {
    name: 'preflight-no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      // The module itself, not the commonjs plugin's proxies of it (`…?commonjs-exports`).
      if (id.includes('?') || !REACT_DOM_CLIENT.test(id)) return undefined;
      return { code: withoutHtmlSinks(code), map: null };
    },
  };
}
